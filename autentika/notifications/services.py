"""Notices from the audit log: a listener on the one seam for "after an event"
(`core.registry.register_audit_listener`, `when=commit`, from `hooks.py`) looks at every
`AuditEvent` once its step has committed, so the steps themselves know nothing of
notifications.

- A case reaching a position (registered, disposed, withdrawn back, submitted, initialled,
  returned, signed -> Tata Usaha for the hand-over): the position's current holders get an
  in-app notice and an e-mail (`desk_on_audit_event`).
- Every status change (from_state != to_state): the party's recipients, told by the part that
  knows them through `party_notices_send` (the portal's own listener).
- Events about something else (an online submission): the notices its part composes, sent by
  `notices_send`.

A rolled-back step tells nobody; a failing listener is logged and never undoes the step;
e-mails are sent by the database task queue (`manage.py db_worker`) and retried with back-off.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.selectors import desk_holders
from autentika.core.formatting import format_date_id
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.permissions import Duty
from autentika.notifications.models import (
    EmailStatus,
    Notification,
    NotificationKind,
    OutgoingEmail,
)
from autentika.organization.models import Position

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAYS = [dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30)]

MOVING_EVENTS = {
    AuditEventType.CASE_REGISTERED.value,
    AuditEventType.CASE_DISPOSED.value,
    AuditEventType.CASE_DISPOSITION_WITHDRAWN.value,
    AuditEventType.CASE_COMPLETENESS_CHECKED.value,
    AuditEventType.CASE_ASSIGNED.value,
    AuditEventType.LETTER_SUBMITTED.value,
    AuditEventType.LETTER_APPROVED.value,
    AuditEventType.LETTER_RETURNED.value,
}

PARTY_STATUS_TEXT = {
    CaseState.DISPOSITION: "sedang didisposisikan kepada pejabat yang berwenang",
    CaseState.INCOMPLETE: "menunggu arsip keputusan penetapan hasil",
    CaseState.DRAFTING: "sedang disusun balasannya",
    CaseState.REVIEW: "sedang diperiksa dan diparaf berjenjang",
    CaseState.SIGNING: "menunggu tanda tangan pimpinan",
    CaseState.SIGNED: "sudah ditandatangani dan siap diserahkan",
    CaseState.HANDED_OVER: "sudah diserahkan",
}


@dataclass(frozen=True)
class Notice:
    """One notice about an event whose target is not a case (e.g. an online submission)."""

    user: Any
    title: str
    body: str
    url: str
    office: Any
    kind: str


# `recipients(case)`: the party's users (in-app notice plus e-mail when they have an address)
# or plain e-mail address strings (e-mail only).
PartyRecipients = Callable[[Case], list[Any]]


def _case_url(case: Case) -> str:
    try:
        return reverse("cases:detail", args=[case.pk])
    except NoReverseMatch:
        return ""


def _desk_positions(event: AuditEvent, case: Case) -> list[Position]:
    if event.event_type == AuditEventType.CASE_DEADLINE_REMINDER.value:
        return [case.current_position] if case.current_position else []  # type: ignore[list-item]
    if event.event_type in MOVING_EVENTS and case.current_position_id:
        if case.current_position_id == event.acting_position_id:
            return []
        return [case.current_position]  # type: ignore[list-item]
    if event.event_type == AuditEventType.LETTER_SIGNED.value:
        return [
            p
            for p in Position.objects.filter(office=case.office)
            if Duty.HAND_OVER.value in p.duties
        ]
    return []


def _email_queue(*, to: str, subject: str, body: str, notification: Notification | None) -> None:
    from autentika.notifications.tasks import email_deliver

    email = OutgoingEmail.objects.create(
        notification=notification, to=to, subject=subject, body=body, created_at=timezone.now()
    )
    email_deliver.enqueue(email.pk)


def notice_send(
    *,
    user: Any,
    event: AuditEvent,
    case: Case | None,
    kind: str,
    title: str,
    body: str,
    url: str,
    office: Any = None,
) -> Notification:
    notification = Notification.objects.create(
        recipient=user,
        office=case.office if case is not None else office,
        case=case,
        event=event,
        kind=kind,
        title=title,
        body=body,
        url=url,
        created_at=event.occurred_at,
    )
    if user.email:
        _email_queue(to=user.email, subject=title, body=body, notification=notification)
    return notification


def notices_send(*, event: AuditEvent, notices: list[Notice]) -> int:
    """Notices a part composed for an event of its own; the actor and inactive users are not
    told. Returns how many were."""
    count = 0
    for notice in notices:
        if notice.user.pk == event.actor_id or not notice.user.is_active:
            continue
        notice_send(
            user=notice.user,
            event=event,
            case=None,
            office=notice.office,
            kind=notice.kind,
            title=notice.title,
            body=notice.body,
            url=notice.url,
        )
        count += 1
    return count


def _event_case(event: AuditEvent) -> Case | None:
    if event.target_type != "cases.case" or not event.target_id:
        return None
    return (
        Case.objects.select_related("office", "party", "current_position__reports_to")
        .filter(pk=event.target_id)
        .first()
    )


def desk_notices_send(*, event: AuditEvent) -> int:
    """Tell the holders of the position a case reaches; returns how many were told."""
    case = _event_case(event)
    if case is None:
        return 0
    count = 0
    day = timezone.localdate(event.occurred_at)
    told: set[int] = set()
    for position in _desk_positions(event, case):
        title = f"Permohonan agenda {case.agenda_label} menunggu di {position.title}"
        if event.event_type == AuditEventType.CASE_DEADLINE_REMINDER.value:
            title = (
                f"Batas waktu jawaban agenda {case.agenda_label}: "
                f"{format_date_id(case.kip_deadline)}"
            )
        body = (
            f'{event.event_label}: permohonan {case.sender} perihal "{case.subject}" '
            f"(agenda {case.agenda_label}) kini menunggu tindakan {position.title}.\n"
            f"Buka: {_case_url(case)}"
        )
        for assignment in desk_holders(case=case, position=position, on=day):
            user = assignment.user
            if user.pk in told or user.pk == event.actor_id or not user.is_active:
                continue
            told.add(user.pk)
            notice_send(
                user=user,
                event=event,
                case=case,
                kind=NotificationKind.DESK,
                title=title,
                body=body,
                url=_case_url(case),
            )
            count += 1
    return count


def desk_on_audit_event(event: AuditEvent) -> None:
    """Audit listener (on commit, `hooks.py`)."""
    desk_notices_send(event=event)


def party_notices_send(*, event: AuditEvent, recipients: PartyRecipients) -> int:
    """Tell the party of its case's new status, in its own Indonesian sentence, if the event
    changes what the party reads; returns how many recipients were told."""
    status = _party_status(event)
    case = _event_case(event) if status else None
    if case is None:
        return 0
    title = f"Status permohonan Anda ({case.letter_number}): {status}"
    body = (
        f"Yth. {case.sender},\n\nPermohonan Anda Nomor {case.letter_number} perihal "
        f'"{case.subject}" yang dicatat {case.office.name} dengan nomor agenda '
        f"{case.agenda_label} {status}.\n\nPesan ini dikirim otomatis oleh Autentika."
    )
    count = 0
    for recipient in dict.fromkeys(recipients(case) or []):
        if isinstance(recipient, str):
            _email_queue(to=recipient, subject=title, body=body, notification=None)
        else:
            notice_send(
                user=recipient,
                event=event,
                case=case,
                kind=NotificationKind.PARTY,
                title=title,
                body=body,
                url="",
            )
        count += 1
    return count


def _party_status(event: AuditEvent) -> str:
    """What the party is told of this event, in Indonesian, or "" (nothing to tell)."""
    data = event.data or {}
    if event.event_type == AuditEventType.LETTER_REVOKED.value:
        return (
            f"surat balasan Nomor {data.get('number', '')} dicabut oleh kantor dan tidak "
            f"berlaku lagi (alasan: {data.get('reason', '-')})"
        )
    if event.event_type == AuditEventType.LETTER_REPLACED.value:
        return (
            f"surat balasan Nomor {data.get('number', '')} diganti dengan surat Nomor "
            f"{data.get('replaced_by_number', '')}"
        )
    if event.event_type == AuditEventType.CASE_DEADLINE_EXTENDED.value:
        extended = dt.date.fromisoformat(data["kip_extended_due_on"])
        return (
            "batas waktu jawabannya diperpanjang 7 hari kerja (Undang-Undang 14/2008 pasal 22) "
            f"sampai {format_date_id(extended)}, dengan alasan: {data.get('reason', '-')}"
        )
    if event.to_state and event.from_state != event.to_state:
        return PARTY_STATUS_TEXT.get(event.to_state, "")  # type: ignore[call-overload]
    return ""


def email_send(*, email_id: int, now: dt.datetime | None = None) -> str:
    """Send one queued e-mail; on failure schedule another attempt (back-off) up to
    MAX_ATTEMPTS. Never raises, so the queue marks the task done either way."""
    from autentika.notifications.tasks import email_deliver

    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status in (EmailStatus.SENT, EmailStatus.FAILED):
        return "skipped"
    now = now or timezone.now()
    email.attempts += 1
    try:
        send_mail(
            email.subject[:200],
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.to],
            fail_silently=False,
        )
    except Exception as error:  # SMTP down, refused address, ...
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            email.status = EmailStatus.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
            logger.error("e-mail %s to %s failed for good: %s", email.pk, email.to, error)
            return "failed"
        email.status = EmailStatus.RETRYING
        email.save(update_fields=["attempts", "last_error", "status"])
        delay = RETRY_DELAYS[min(email.attempts - 1, len(RETRY_DELAYS) - 1)]
        email_deliver.using(run_after=now + delay).enqueue(email.pk)
        logger.warning("e-mail %s to %s failed, retrying in %s", email.pk, email.to, delay)
        return "retrying"
    email.status = EmailStatus.SENT
    email.sent_at = now
    email.save(update_fields=["attempts", "status", "sent_at"])
    return "sent"


def notification_read(*, notification: Notification, user: Any) -> None:
    if notification.recipient_id == user.pk and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_read_all(*, user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
