"""The one seam for "after an event" (core.registry.register_audit_listener): a listener that
reports (notices, e-mail, caches) runs after the step commits and can never undo it; a read
model kept beside the log runs inside the step's transaction and takes the step down with it."""

import logging

import pytest

from autentika.cases.models import CaseState
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.registry import ListenerWhen, register_audit_listener, unregister_audit_listener
from autentika.letters.drafting import draft_create
from autentika.letters.review import draft_submit
from autentika.notifications.models import Notification


@pytest.fixture
def listener():
    names = []

    def register(name, listen, *, when):
        register_audit_listener(name, listen, when=when)
        names.append(name)

    yield register
    for name in names:
        unregister_audit_listener(name)


@pytest.mark.django_db(transaction=True)
def test_a_failing_commit_listener_leaves_the_signing_done_and_is_logged(
    signed_letter,
    demo_user,
    listener,
    caplog,
):
    ketua = demo_user("ketua")

    def broken_report(event):
        if event.event_type == AuditEventType.LETTER_SIGNED:
            # what it wrote before failing is undone with it, not left half-written
            Notification.objects.create(
                recipient=ketua,
                event=event,
                kind="desk",
                title="laporan setengah jadi",
                created_at=event.occurred_at,
            )
            raise RuntimeError("the report is broken")

    listener("tests.report", broken_report, when=ListenerWhen.COMMIT)
    with caplog.at_level(logging.ERROR):
        letter = signed_letter()
    letter.case.refresh_from_db()
    assert letter.case.state == CaseState.SIGNED
    signed = AuditEvent.objects.get(event_type=AuditEventType.LETTER_SIGNED)
    assert "tests.report" in caplog.text and "the report is broken" in caplog.text
    assert not Notification.objects.filter(title="laporan setengah jadi").exists()
    # the other listeners after the commit still ran: Tata Usaha hears the letter is signed
    assert Notification.objects.filter(event=signed, recipient=demo_user("tu")).exists()


@pytest.mark.django_db
def test_a_failing_read_model_listener_rolls_the_step_back(
    official,
    at_drafter,
    demo_user,
    listener,
):
    # The rule: a read model kept beside the log (the report's timelines) must agree with it.
    # Were the step kept without its row, the report would show a request that never moved
    # on, and only a rebuild would find out; the user is refused and may try again instead.
    def broken_read_model(event):
        if event.event_type == AuditEventType.LETTER_SUBMITTED:
            raise RuntimeError("the read model refused")

    listener("tests.read_model", broken_read_model, when=ListenerWhen.TRANSACTION)
    case = at_drafter()
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=case, actor=pelaksana, kind="certificate")
    with pytest.raises(RuntimeError, match="the read model refused"):
        draft_submit(draft=draft, actor=pelaksana)
    case.refresh_from_db()
    assert case.state == CaseState.DRAFTING
    assert not AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SUBMITTED).exists()
