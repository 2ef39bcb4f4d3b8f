"""Notices on every step, e-mail through the database queue, retries, the party resolver."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.registry import (
    ListenerWhen,
    register_audit_listener,
    unregister_audit_listener,
)
from autentika.handover.services import handover_record
from autentika.letters.drafting import draft_create
from autentika.letters.review import draft_approve, draft_submit
from autentika.notifications import services
from autentika.notifications.models import EmailStatus, Notification, OutgoingEmail
from tests.notifications.worker import run_ready_tasks

PARTY_MAIL = "dpd-golkar@example.org"


@pytest.fixture
def party_resolver(party_person):
    party_person.email = "budi@example.org"
    party_person.save()

    def resolver(case):
        return [party_person, PARTY_MAIL]

    # as the portal tells its party accounts: a listener after the step commits
    def tell_the_party(event):
        services.party_notices_send(event=event, recipients=resolver)

    register_audit_listener("tests.party", tell_the_party, when=ListenerWhen.COMMIT)
    yield resolver
    unregister_audit_listener("tests.party")


@pytest.fixture
def mailboxes(sumut, demo_user):
    for name in ["ketua", "sekretaris", "kabag", "kasubbag", "pelaksana", "tu"]:
        user = demo_user(name)
        user.email = f"{name}@kpu-sumut.example"
        user.save()


def _desk(username):
    return Notification.objects.filter(recipient__username=username, kind="desk")


@pytest.mark.django_db(transaction=True)
def test_each_step_notifies_the_next_holder_and_the_party(
    official, at_drafter, demo_user, party_resolver, mailboxes, signed_letter, party_person
):
    case = at_drafter()
    # registration -> Ketua, then each disposition -> the next position
    for username in ["ketua", "sekretaris", "kabag", "kasubbag", "pelaksana"]:
        notice = _desk(username).get(case=case)
        assert case.agenda_label in notice.title
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    assert _desk("kasubbag").filter(case=case).count() == 2
    for username, following in [("kasubbag", "kabag"), ("kabag", "sekretaris")]:
        draft_approve(draft=draft, actor=demo_user(username))
        assert _desk(following).filter(case=case).count() == 2
    draft_approve(draft=draft, actor=demo_user("sekretaris"))
    assert _desk("ketua").filter(case=case).count() == 2
    # the party heard of every status change: registered (disposition), drafting, review,
    # signing
    party = Notification.objects.filter(recipient=party_person, case=case, kind="party")
    assert [n.event.to_state for n in party.order_by("id")] == [
        "disposition",
        "drafting",
        "review",
        "signing",
    ]
    # each notice with an address queued an e-mail task; none sent yet
    queued = DBTaskResult.objects.ready().count()
    assert queued == OutgoingEmail.objects.count() > 0
    assert not mail.outbox
    assert run_ready_tasks() == queued
    assert len(mail.outbox) == queued
    assert OutgoingEmail.objects.exclude(status=EmailStatus.SENT).count() == 0
    assert PARTY_MAIL in {m.to[0] for m in mail.outbox}
    assert "kabag@kpu-sumut.example" in {m.to[0] for m in mail.outbox}


@pytest.mark.django_db(transaction=True)
def test_signing_tells_tata_usaha_and_hand_over_tells_the_party(
    signed_letter, demo_user, party_resolver, party_person
):
    letter = signed_letter()
    assert _desk("tu").filter(event__event_type=AuditEventType.LETTER_SIGNED).count() == 1
    handover_record(
        letter=letter,
        actor=demo_user("tu"),
        recipient_name="Budi Santoso",
        recipient_position="Sekretaris DPD",
        identity_number="1271011203850001",
        handed_at=timezone.now(),
        channel="in_person",
    )
    last = Notification.objects.filter(recipient=party_person).order_by("-id").first()
    assert last.event.to_state == "handed_over"
    assert "sudah diserahkan" in last.title


@pytest.mark.django_db(transaction=True)
def test_revoking_a_letter_tells_the_party_in_indonesian(
    signed_letter, demo_user, party_resolver, party_person
):
    from autentika.letters.revocation import letter_revoke

    letter = signed_letter()
    letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Putusan MK mengubah hasil.")
    last = Notification.objects.filter(recipient=party_person).order_by("-id").first()
    assert last.event.event_type == AuditEventType.LETTER_REVOKED
    assert f"surat balasan Nomor {letter.number} dicabut" in last.title
    assert "Putusan MK mengubah hasil." in last.body
    assert "revoked" not in last.title and "revoked" not in last.body


@pytest.mark.django_db
def test_a_rolled_back_step_notifies_nobody(official, at_drafter, demo_user, mailboxes):
    from django.db import transaction

    before = Notification.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        at_drafter()
        raise RuntimeError("the step failed after its events were written")
    assert Notification.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_failed_email_is_retried_and_never_blocks(
    official, at_drafter, demo_user, mailboxes, settings
):
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.FailingBackend"
    case = at_drafter()
    assert case.state == "drafting"  # the steps went through
    email = OutgoingEmail.objects.filter(to="ketua@kpu-sumut.example").get()
    run_ready_tasks()
    email.refresh_from_db()
    assert email.status == EmailStatus.RETRYING
    assert email.attempts == 1
    assert "SMTP down" in email.last_error
    retry = DBTaskResult.objects.filter(status="READY").first()
    assert retry is not None and retry.run_after > timezone.now()
    # the mail server is back; the retry is due
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - dt.timedelta(seconds=1)
    )
    run_ready_tasks()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_gives_up_after_max_attempts(at_drafter, mailboxes, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.FailingBackend"
    at_drafter()
    email = OutgoingEmail.objects.filter(to="ketua@kpu-sumut.example").get()
    for _ in range(services.MAX_ATTEMPTS):
        assert services.email_send(email_id=email.pk) in {"retrying", "failed"}
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert services.email_send(email_id=email.pk) == "skipped"


@pytest.mark.django_db(transaction=True)
def test_a_broken_resolver_never_blocks_the_step(official, at_drafter, demo_user):
    def broken(case):
        raise RuntimeError("portal down")

    def tell_the_party(event):
        services.party_notices_send(event=event, recipients=broken)

    register_audit_listener("tests.broken_party", tell_the_party, when=ListenerWhen.COMMIT)
    try:
        case = at_drafter()
    finally:
        unregister_audit_listener("tests.broken_party")
    assert case.state == "drafting"
    assert AuditEvent.objects.filter(event_type=AuditEventType.CASE_DISPOSED).count() == 4


@pytest.mark.django_db(transaction=True)
def test_list_page_counter_and_read(client, at_drafter, demo_user):
    at_drafter()
    client.force_login(demo_user("kabag"))
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert "menunggu di" in response.content.decode()
    notice = _desk("kabag").get()
    assert services.unread_count(user=demo_user("kabag")) == 1
    home = client.get(reverse("home")).content.decode()
    assert "Notifikasi belum dibaca" in home
    response = client.post(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[notice.case_id])
    assert services.unread_count(user=demo_user("kabag")) == 0
    # someone else's notice is not found
    client.force_login(demo_user("ketua"))
    assert client.post(reverse("notifications:open", args=[notice.pk])).status_code == 404
