"""SOP step 4, last part: handing the signed letter to the party against a receipt.

The first receipt of a letter moves its case from `signed` to `handed_over`; later receipts
(another copy, a download by a second party user) are recorded in the book without changing
the state. Every refusal raises before anything is written.
"""

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.moves import case_move
from autentika.cases.workflow import CASE_WORKFLOW, case_steps
from autentika.core.audit import audit_record
from autentika.core.counters import yearly_counter_take
from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.core.stored_files import atomic_with_files, upload_store
from autentika.core.uploads import Upload, upload_check
from autentika.handover.models import (
    HandoverChannel,
    IdentityKind,
    Receipt,
    ReceiptCounter,
)
from autentika.letters.models import SignedLetter
from autentika.organization.access import assignments_read_once
from autentika.organization.models import Assignment, Office
from autentika.organization.selectors import user_assignments_today

_IDENTITY_SHAPES: dict[str, tuple[re.Pattern[str], str]] = {
    IdentityKind.NIK: (
        re.compile(r"\d{16}"),
        "NIK harus 16 angka tanpa spasi atau tanda baca (contoh 1271011203850001).",
    ),
    IdentityKind.PASSPORT: (
        re.compile(r"[A-Z]{1,2}\d{6,7}"),
        "Nomor paspor harus 1-2 huruf diikuti 6-7 angka (contoh X1234567).",
    ),
    IdentityKind.SIM: (
        re.compile(r"\d{12,14}"),
        "Nomor SIM harus 12 sampai 14 angka.",
    ),
}


def identity_normalize(*, kind: str, number: str) -> str:
    """Spaces, dots and dashes are dropped, letters upper-cased; a wrong shape is refused."""
    cleaned = re.sub(r"[\s.\-]", "", number or "").upper()
    if kind not in _IDENTITY_SHAPES:
        raise ValidationError({"identity_kind": "Jenis identitas penerima tidak dikenal."})
    pattern, message = _IDENTITY_SHAPES[kind]
    if not pattern.fullmatch(cleaned):
        # Named by field, so the form shows it at the number typed (#28).
        raise ValidationError({"identity_number": f"Nomor identitas tidak sah: {message}"})
    if kind == IdentityKind.NIK:
        day = int(cleaned[6:8])
        month = int(cleaned[8:10])
        if not (1 <= day <= 31 or 41 <= day <= 71) or not 1 <= month <= 12:
            raise ValidationError(
                {
                    "identity_number": "Nomor identitas tidak sah: angka ke-7 sampai ke-10 NIK "
                    "harus tanggal dan bulan lahir (tanggal perempuan ditambah 40)."
                }
            )
    return cleaned


def receipt_number_take(*, office: Office, year: int) -> int:
    """Next receipt number of the office's year; call inside the recording transaction."""
    return yearly_counter_take(ReceiptCounter, office=office, year=year)


def handover_assignment(*, actor: Any, office: Office) -> Assignment | None:
    """The assignment through which the actor hands over: a position with the hand-over duty
    (Tata Usaha); nobody else does, the drafter included."""
    for assignment in user_assignments_today(user=actor, office=office):
        if Duty.HAND_OVER.value in assignment.position.duties:
            return assignment
    return None


def handover_may(*, actor: Any, case: Case) -> bool:
    return "hand_over" in case_steps(actor, case)


def _letter_check(
    *, letter: SignedLetter | None, case: Case | None, step: str
) -> tuple[SignedLetter, Case]:
    """The letter and its case, locked; `step` ("hand_over" or "download") names the
    transition whose source states (the workflow table's) the case must be in."""
    if letter is None or letter.pk is None:
        raise ValidationError(
            "Surat balasan belum ditandatangani; serah terima hanya untuk surat yang sudah "
            "dinomori dan ditandatangani."
        )
    locked = (
        Case.objects.select_for_update(of=("self",)).select_related("office").get(pk=letter.case_id)
    )
    if case is not None and case.pk != locked.pk:
        raise ValidationError(
            f"Surat Nomor {letter.number} adalah balasan permohonan agenda "
            f"{locked.agenda_label}, bukan agenda {case.agenda_label}; tanda terima tidak dicatat."
        )
    if locked.state not in CASE_WORKFLOW[step].sources:
        raise ValidationError(
            "Surat balasan belum ditandatangani; serah terima hanya untuk surat yang sudah "
            "dinomori dan ditandatangani."
        )
    return letter, locked


def _receipt_create(
    *,
    letter: SignedLetter,
    case: Case,
    actor: Any,
    position: Any,
    capacity: str,
    now: dt.datetime,
    event_type: AuditEventType,
    **fields: Any,
) -> Receipt:
    day = timezone.localdate(now)
    receipt = Receipt.objects.create(
        office=case.office,
        case=case,
        letter=letter,
        year=day.year,
        sequence=receipt_number_take(office=case.office, year=day.year),
        recorded_at=now,
        recorded_by=actor,
        recorded_by_position=position,
        **fields,
    )
    step = "download" if event_type == AuditEventType.LETTER_DOWNLOADED else "hand_over"
    from_state = case_move(case=case, step=step, to_state=CaseState.HANDED_OVER, to_position=None)
    audit_record(
        event_type=event_type,
        office=case.office,
        actor=actor,
        acting_position=position,
        acting_capacity=capacity,
        target=case,
        from_state=from_state,
        to_state=case.state,
        data={
            "receipt": receipt.pk,
            "number": receipt.number_label,
            "letter": letter.pk,
            "letter_number": letter.number,
            "channel": receipt.channel,
        },
    )
    return receipt


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def handover_record(
    *,
    letter: SignedLetter | None,
    actor: Any,
    recipient_name: str,
    recipient_position: str,
    identity_number: str,
    handed_at: dt.datetime,
    channel: str,
    identity_kind: str = IdentityKind.NIK,
    case: Case | None = None,
    now: dt.datetime | None = None,
) -> Receipt:
    """Tata Usaha records who received the signed letter, in person or by
    post. `case`, when given (the page the clerk is on), must be the letter's case."""
    now = now or timezone.now()
    letter, locked = _letter_check(letter=letter, case=case, step="hand_over")
    CASE_WORKFLOW.check(
        actor,
        locked,
        "hand_over",
        permission_refusal="Hanya Tata Usaha (tugas menyerahkan surat) yang dapat mencatat "
        "penyerahan surat.",
    )
    assignment = handover_assignment(actor=actor, office=locked.office)
    assert assignment is not None
    if channel not in (HandoverChannel.IN_PERSON, HandoverChannel.POST):
        raise ValidationError("Cara penyerahan harus langsung atau melalui pos.")
    recipient_name = (recipient_name or "").strip()
    if not recipient_name:
        raise ValidationError({"recipient_name": "Nama penerima wajib diisi."})
    if handed_at > now + dt.timedelta(minutes=5):
        raise ValidationError("Waktu penyerahan tidak boleh di masa depan.")
    if handed_at < letter.signed_at.replace(second=0, microsecond=0):
        raise ValidationError("Waktu penyerahan tidak boleh sebelum surat ditandatangani.")
    number = identity_normalize(kind=identity_kind, number=identity_number)
    return _receipt_create(
        letter=letter,
        case=locked,
        actor=actor,
        position=assignment.position,
        capacity=assignment.kind,
        now=now,
        event_type=AuditEventType.LETTER_HANDED_OVER,
        channel=channel,
        recipient_name=recipient_name[:200],
        recipient_position=(recipient_position or "").strip()[:200],
        identity_kind=identity_kind,
        identity_number=number,
        handed_at=handed_at,
    )


def handover_record_online_download(
    *, letter: SignedLetter, user: Any, now: dt.datetime | None = None
) -> Receipt:
    """The electronic receipt: a party user downloads the signed letter online.

    Idempotent per user and letter: the first download is the receipt, later ones return it.
    The caller (the portal) decides whether the user may download the letter at all.
    """
    existing = Receipt.objects.filter(
        letter=letter, recipient_user=user, channel=HandoverChannel.ONLINE
    ).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    try:
        with transaction.atomic():
            letter, locked = _letter_check(letter=letter, case=None, step="download")
            existing = Receipt.objects.filter(
                letter=letter, recipient_user=user, channel=HandoverChannel.ONLINE
            ).first()
            if existing is not None:
                return existing
            name = (user.get_full_name() or user.get_username()).strip()
            return _receipt_create(
                letter=letter,
                case=locked,
                actor=user,
                position=None,
                capacity="",
                now=now,
                event_type=AuditEventType.LETTER_DOWNLOADED,
                channel=HandoverChannel.ONLINE,
                recipient_name=name[:200],
                recipient_position="",
                identity_kind=IdentityKind.ACCOUNT,
                identity_number="",
                recipient_user=user,
                handed_at=now,
            )
    except IntegrityError:
        # a concurrent first download by the same user won the unique constraint
        return Receipt.objects.get(
            letter=letter, recipient_user=user, channel=HandoverChannel.ONLINE
        )


@atomic_with_files
def receipt_scan_attach(
    *,
    receipt: Receipt,
    actor: Any,
    upload: Upload,
    case: Case | None = None,
    now: dt.datetime | None = None,
) -> Receipt:
    """Store the scan of the receipt the party signed on paper (PDF, PNG or JPG)."""
    now = now or timezone.now()
    receipt = Receipt.objects.select_for_update().select_related("case__office").get(pk=receipt.pk)
    if case is not None and case.pk != receipt.case_id:
        raise ValidationError(
            f"Tanda terima {receipt.number_label} milik permohonan agenda "
            f"{receipt.case.agenda_label}, bukan agenda {case.agenda_label}."
        )
    assignment = handover_assignment(actor=actor, office=receipt.office)
    if assignment is None:
        raise PermissionDenied("Hanya Tata Usaha yang dapat mengunggah pindaian tanda terima.")
    content_type = upload_check(upload, label="Pindaian tanda terima")
    upload_store(receipt.scan, upload=upload, content_type=content_type)
    receipt.scan_content_type = content_type
    receipt.scan_sha256 = upload.sha256
    receipt.scan_uploaded_at = now
    receipt.save(update_fields=["scan", "scan_content_type", "scan_sha256", "scan_uploaded_at"])
    audit_record(
        event_type=AuditEventType.RECEIPT_SCAN_ADDED,
        office=receipt.office,
        actor=actor,
        acting_position=assignment.position,
        acting_capacity=assignment.kind,
        target=receipt.case,
        from_state=receipt.case.state,
        to_state=receipt.case.state,
        data={"receipt": receipt.pk, "sha256": upload.sha256},
    )
    return receipt
