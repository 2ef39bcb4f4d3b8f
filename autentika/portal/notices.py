"""What the portal's people hear after an event (an audit listener run on commit, registered
from the portal's AppConfig.ready): the party's accounts hear of each status change of their
case; a new online submission waits in Tata Usaha's queue; a rejected one tells the party why
and how to submit again. Notifications writes and sends the notices."""

from typing import Any

from django.conf import settings
from django.urls import reverse

from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.notifications.models import NotificationKind
from autentika.notifications.services import Notice, notices_send, party_notices_send
from autentika.organization.models import Position
from autentika.organization.selectors import position_holders
from autentika.portal.models import OnlineSubmission
from autentika.portal.selectors import party_recipients


def _absolute(path: str) -> str:
    return settings.AUTENTIKA_PUBLIC_URL.rstrip("/") + path


def _submission(event: Any) -> OnlineSubmission | None:
    return (
        OnlineSubmission.objects.select_related("office", "party", "submitted_by")
        .filter(pk=event.target_id)
        .first()
    )


def submitted_notices(event: Any) -> list[Notice]:
    submission = _submission(event)
    if submission is None:
        return []
    url = reverse("portal:queue_detail", args=[submission.pk])
    title = f"Permohonan daring baru: {submission.party.short_name} ({submission.letter_number})"
    body = (
        f"{submission.party.short_name} mengajukan permohonan daring Nomor "
        f'{submission.letter_number} perihal "{submission.subject}". Permohonan menunggu '
        f"dicatat atau ditolak di antrean Permohonan Daring.\nBuka: {_absolute(url)}"
    )
    registrars = [
        p
        for p in Position.objects.filter(office=submission.office)
        if Duty.REGISTER.value in p.duties
    ]
    return [
        Notice(a.user, title, body, url, submission.office, NotificationKind.DESK)
        for position in registrars
        for a in position_holders(position=position)
    ]


def rejected_notices(event: Any) -> list[Notice]:
    submission = _submission(event)
    if submission is None:
        return []
    title = f"Permohonan daring Anda ({submission.letter_number}) ditolak"
    body = (
        f'Permohonan daring Nomor {submission.letter_number} perihal "{submission.subject}" '
        f"tidak dicatat oleh {submission.office.name}.\nAlasan: "
        f"{submission.rejection_reason or '-'}\n\nAnda dapat memperbaiki dan mengajukannya "
        f"kembali melalui portal partai: {_absolute(reverse('portal:home'))}\n\n"
        "Pesan ini dikirim otomatis oleh Autentika."
    )
    url = reverse("portal:submission", args=[submission.pk])
    return [
        Notice(submission.submitted_by, title, body, url, submission.office, NotificationKind.PARTY)
    ]


SUBMISSION_NOTICES = {
    AuditEventType.ONLINE_REQUEST_SUBMITTED.value: submitted_notices,
    AuditEventType.ONLINE_REQUEST_REJECTED.value: rejected_notices,
}


def notices_on_audit_event(event: Any) -> None:
    """Audit listener (on commit)."""
    if event.target_type == "cases.case":
        party_notices_send(event=event, recipients=party_recipients)
    elif compose := SUBMISSION_NOTICES.get(event.event_type):
        notices_send(event=event, notices=compose(event))
