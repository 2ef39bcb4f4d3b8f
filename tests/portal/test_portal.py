"""Party accounts, online requests, Tata Usaha's queue, and object-level permissions: a party
never sees anything of another party (404, as for a missing id)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from autentika.cases.models import Channel
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.permissions import Action
from autentika.core.registry import ListenerWhen, audit_listeners
from autentika.notifications.models import Notification
from autentika.organization.access import user_may
from autentika.portal.models import OnlineSubmission, SubmissionState
from autentika.portal.selectors import party_recipients
from autentika.portal.services import submission_register
from tests.support.documents import scan_pdf
from tests.support.portal import PARTY_PASSWORD


def _login(client, user):
    client.force_login(user)
    return client


def _submit(client, election, party_number=4, letter_number="77/DPD-GOLKAR/2025"):
    party = election.parties.get(number=party_number)
    return client.post(
        reverse("portal:submit"),
        {
            "party": party.pk,
            "party_level": "DPD",
            "letter_number": letter_number,
            "letter_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "subject": "Permohonan data autentifikasi",
            "elections": [election.pk],
            "purpose": "financial_aid",
            "scan": SimpleUploadedFile("permohonan.pdf", scan_pdf(), "application/pdf"),
        },
    )


@pytest.mark.django_db
def test_party_user_is_not_staff_and_may_only_use_the_portal(sumut, party_user, demo_user):
    user = party_user()
    assert not user.is_staff and not user.assignments.exists()
    assert user_may(user, Action.PORTAL_USE)
    assert user_may(user, Action.PORTAL_USE, office=sumut)
    assert not user_may(user, Action.CASE_VIEW, office=sumut)
    assert not user_may(demo_user("tu"), Action.PORTAL_USE, office=sumut)
    assert user_may(demo_user("tu"), Action.PORTAL_MANAGE, office=sumut)
    assert not user_may(demo_user("ketua"), Action.PORTAL_MANAGE, office=sumut)
    user.party_account.is_active = False
    user.party_account.save()
    user.refresh_from_db()
    assert not user_may(user, Action.PORTAL_USE)


@pytest.mark.django_db
def test_tu_creates_accounts_on_its_page(client, sumut, demo_user, election):
    _login(client, demo_user("tu"))
    response = client.post(
        reverse("portal:accounts"),
        {
            "username": "nasdem1",
            "full_name": "Budi Pengurus",
            "party_short_name": "NasDem",
            "party_level": "DPW",
            "password": PARTY_PASSWORD,
        },
    )
    assert response.status_code == 302
    response = client.get(reverse("portal:accounts"))
    assert "nasdem1" in response.content.decode()
    assert AuditEvent.objects.filter(event_type="portal.account_created").exists()
    # not Tata Usaha: refused
    client.force_login(demo_user("kabag"))
    assert client.get(reverse("portal:accounts")).status_code == 403


@pytest.mark.django_db
def test_submit_register_follow_and_download(client, sumut, demo_user, party_user, official, sign):
    user = party_user()
    _login(client, user)
    response = _submit(client, official)
    assert response.status_code == 302, response.context["form"].errors
    submission = OnlineSubmission.objects.get()
    assert submission.state == SubmissionState.PENDING
    home = client.get(reverse("portal:home")).content.decode()
    assert "Menunggu dicatat Tata Usaha" in home

    tu = _login(client.__class__(), demo_user("tu"))
    assert "77/DPD-GOLKAR/2025" in tu.get(reverse("portal:queue")).content.decode()
    response = tu.post(reverse("portal:queue_detail", args=[submission.pk]), {})
    assert response.status_code == 302, response.context["register_form"].errors
    submission.refresh_from_db()
    case = submission.case
    assert submission.state == SubmissionState.REGISTERED
    assert case.channel == Channel.ONLINE and case.received_at == submission.submitted_at
    assert case.documents.get().sha256 == submission.scan_sha256

    page = client.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert case.agenda_label in page and "Disposisi berjenjang" in page

    letter = sign()  # another Golkar request, signed
    # Following the download link (a prefetcher, a crawler) is no receipt.
    assert client.get(reverse("portal:download", args=[letter.pk])).status_code == 302
    assert AuditEvent.objects.filter(event_type="handover.downloaded").count() == 0
    response = client.post(reverse("portal:receive", args=[letter.pk]))
    assert response.status_code == 200
    assert response.content == bytes(letter.pdf)
    assert AuditEvent.objects.filter(event_type="handover.downloaded").count() == 1
    # Receiving or downloading again writes no second receipt.
    client.post(reverse("portal:receive", args=[letter.pk]))
    again = client.get(reverse("portal:download", args=[letter.pk]))
    assert again.status_code == 200 and again.content == bytes(letter.pdf)
    assert AuditEvent.objects.filter(event_type="handover.downloaded").count() == 1
    assert letter.number in client.get(reverse("portal:home")).content.decode()


@pytest.mark.django_db
def test_a_party_sees_nothing_of_another_party(client, sumut, party_user, official, sign):
    golkar_letter = sign(party_number=4)
    nasdem_letter = sign(party_number=5)
    golkar = party_user("golkar1", "Golkar")
    nasdem = party_user("nasdem1", "NasDem")
    _login(client, nasdem)
    _submit(client, official, party_number=5, letter_number="1/NASDEM/2025")
    nasdem_submission = OnlineSubmission.objects.get()

    _login(client, golkar)
    for name, pk in [
        ("portal:case", nasdem_letter.case_id),
        ("portal:download", nasdem_letter.pk),
        ("portal:submission", nasdem_submission.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert client.get(reverse("portal:case", args=[golkar_letter.case_id])).status_code == 200
    assert client.post(reverse("portal:receive", args=[golkar_letter.pk])).status_code == 200
    assert client.post(reverse("portal:receive", args=[nasdem_letter.pk])).status_code == 404
    home = client.get(reverse("portal:home")).content.decode()
    assert nasdem_letter.number not in home and "1/NASDEM/2025" not in home
    # a party may not submit in another party's name
    response = _submit(client, official, party_number=5, letter_number="2/NASDEM/2025")
    assert response.status_code == 200
    assert OnlineSubmission.objects.count() == 1
    # nor reach Tata Usaha's pages
    for name, args in [
        ("portal:queue", []),
        ("portal:queue_detail", [nasdem_submission.pk]),
        ("portal:queue_scan", [nasdem_submission.pk]),
        ("portal:accounts", []),
        ("verification:manage", []),
        ("cases:register", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name


@pytest.mark.django_db
def test_staff_and_anonymous_cannot_use_party_pages(client, demo_user, official, sign):
    letter = sign()
    urls = [
        reverse("portal:home"),
        reverse("portal:submit"),
        reverse("portal:tokens"),
        reverse("portal:case", args=[letter.case_id]),
        reverse("portal:download", args=[letter.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    _login(client, demo_user("tu"))
    for url in urls:
        assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_deactivated_account_is_locked_out(client, demo_user, party_user):
    user = party_user()
    tu = _login(client.__class__(), demo_user("tu"))
    tu.post(reverse("portal:account_deactivate", args=[user.party_account.pk]))
    _login(client, user)
    assert client.get(reverse("portal:home")).status_code == 403


@pytest.mark.django_db
def test_reject_and_queue_of_another_office(client, demo_user, party_user, official):
    from autentika.organization.demo import RI, demo_office_seed

    demo_office_seed(RI)
    _login(client, party_user())
    _submit(client, official)
    submission = OnlineSubmission.objects.get()
    ri_tu = _login(client.__class__(), demo_user("ri-tu"))
    assert ri_tu.get(reverse("portal:queue_detail", args=[submission.pk])).status_code == 404
    tu = _login(client.__class__(), demo_user("tu"))
    tu.post(reverse("portal:queue_reject", args=[submission.pk]), {"reason": "Pindaian kosong"})
    submission.refresh_from_db()
    assert submission.state == SubmissionState.REJECTED
    page = client.get(reverse("portal:submission", args=[submission.pk])).content.decode()
    assert "Pindaian kosong" in page
    with pytest.raises(Exception, match="sudah ditolak"):
        submission_register(submission=submission, actor=demo_user("tu"))


@pytest.mark.django_db
def test_bad_scan_is_refused_clearly(client, party_user, official):
    _login(client, party_user())
    party = official.parties.get(number=4)
    response = client.post(
        reverse("portal:submit"),
        {
            "party": party.pk,
            "party_level": "DPD",
            "letter_number": "9/X/2025",
            "letter_date": timezone.localdate().isoformat(),
            "subject": "Permohonan",
            "elections": [official.pk],
            "purpose": "financial_aid",
            "scan": SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a document"),
        },
    )
    assert response.status_code == 200
    assert "bukan berkas PDF, JPG, atau PNG" in response.content.decode()
    assert not OnlineSubmission.objects.exists()


@pytest.mark.django_db
def test_party_recipients(sumut, party_user, official, sign):
    letter = sign()
    golkar1, golkar2 = party_user("golkar1"), party_user("golkar2")
    party_user("nasdem1", "NasDem")
    assert set(party_recipients(letter.case)) == {golkar1, golkar2}
    # the portal tells them itself, after the step commits (the one seam for "after an event")
    (portal,) = [listener for listener in audit_listeners() if listener.name == "portal.notices"]
    assert portal.when == ListenerWhen.COMMIT
    signed = AuditEvent.objects.get(
        event_type=AuditEventType.LETTER_SIGNED, target_id=str(letter.case.pk)
    )
    portal.listen(signed)
    told = Notification.objects.filter(event=signed, kind="party")
    assert {notice.recipient for notice in told} == {golkar1, golkar2}


def test_public_service_page(client, db):
    response = client.get(reverse("portal:about"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Untuk apa surat ini", "Dasar hukum", "Target waktu", "kode QR", "7 Tahun 2017"]:
        assert text in html
