import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from autentika.cases.models import (
    AgendaCounter,
    Case,
    CaseDocument,
    CaseState,
    Disposition,
    DocumentKind,
)
from autentika.cases.selectors import (
    case_active_disposition,
    case_completeness,
    disposition_targets,
    duplicate_registrations,
)
from autentika.cases.workflow import CASE_WORKFLOW, NEW
from autentika.core.audit import audit_record
from autentika.core.counters import yearly_counter_take
from autentika.core.formatting import format_date_id
from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.core.uploads import Upload, upload_check
from autentika.organization.models import Assignment, ChainPurpose, Office, Position
from autentika.organization.selectors import (
    acting_assignment,
    chain_positions,
    user_active_assignments,
)
from autentika.results.models import Election, Party


class DuplicateRequestError(ValidationError):
    """The same party letter was registered before; a reason is needed to register it again."""


def _acting(*, user: Any, position: Position) -> Assignment:
    assignment = acting_assignment(user=user, position=position)
    if assignment is None:
        raise PermissionDenied(f"Anda tidak sedang memegang jabatan {position.title}.")
    return assignment


def agenda_number_take(*, office: Office, year: int) -> int:
    """Next agenda number of the office's year. Call inside the registering transaction: the
    row lock is held until it commits, and a rollback gives the number back."""
    return yearly_counter_take(AgendaCounter, office=office, year=year)


def _registration_check(
    *,
    office: Office,
    party: Party,
    elections: Sequence[Election],
    letter_date: dt.date,
    received_at: dt.datetime,
    now: dt.datetime,
    letter_scan: Upload | None,
    attachments: Sequence[Upload],
) -> list[tuple[str, Upload, str]]:
    errors: list[str] = []
    if not elections:
        errors.append("Pilih sedikitnya satu pemilu yang dimohonkan.")
    if any(election.office_id != office.pk for election in elections):
        errors.append("Pemilu yang dipilih bukan milik kantor ini.")
    if party.election.office_id != office.pk or party.election not in elections:
        errors.append(
            f"Partai {party.short_name} harus partai peserta salah satu pemilu yang dimohonkan."
        )
    if letter_date > timezone.localdate(now):
        errors.append(
            f"Tanggal surat partai ({format_date_id(letter_date)}) tidak boleh di masa depan."
        )
    if received_at > now:
        errors.append("Waktu surat diterima tidak boleh di masa depan.")
    elif letter_date > timezone.localdate(received_at):
        errors.append("Tanggal surat partai tidak boleh sesudah tanggal surat diterima.")
    documents: list[tuple[str, Upload, str]] = []
    if letter_scan is None:
        errors.append("Pindaian surat permohonan wajib diunggah.")
    else:
        try:
            documents.append(
                (
                    DocumentKind.LETTER,
                    letter_scan,
                    upload_check(letter_scan, label="Surat permohonan"),
                )
            )
        except ValidationError as error:
            errors.extend(error.messages)
    for attachment in attachments:
        try:
            documents.append(
                (DocumentKind.ATTACHMENT, attachment, upload_check(attachment, label="Lampiran"))
            )
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return documents


@transaction.atomic
def case_register(
    *,
    office: Office,
    actor: Any,
    party: Party,
    party_level: str,
    letter_number: str,
    letter_date: dt.date,
    subject: str,
    elections: Sequence[Election],
    purpose: str,
    channel: str,
    received_at: dt.datetime,
    letter_scan: Upload | None,
    attachments: Sequence[Upload] = (),
    purpose_note: str = "",
    duplicate_reason: str = "",
    registered_at: dt.datetime | None = None,
) -> Case:
    """SOP step 2: Tata Usaha records the request in the register; it goes to the first desk
    of the disposition chain."""
    CASE_WORKFLOW.check(
        actor,
        Case(office=office, state=NEW),
        "register",
        permission_refusal="Anda tidak berwenang mencatat surat masuk di kantor ini.",
    )
    now = registered_at or timezone.now()
    documents = _registration_check(
        office=office,
        party=party,
        elections=elections,
        letter_date=letter_date,
        received_at=received_at,
        now=now,
        letter_scan=letter_scan,
        attachments=attachments,
    )
    earlier = duplicate_registrations(
        office=office, party_short_name=party.short_name, letter_number=letter_number
    ).first()
    if earlier is not None and not duplicate_reason.strip():
        raise DuplicateRequestError(
            f"Surat {party.short_name} nomor {letter_number} sudah dicatat sebagai agenda "
            f"{earlier.agenda_label}. Isi alasan bila memang perlu dicatat ulang."
        )
    route = chain_positions(office=office, purpose=ChainPurpose.DISPOSITION)
    if not route:
        raise ValidationError("Alur disposisi kantor ini kosong. Atur di halaman admin.")
    registrar = _registrar_assignments(actor=actor, office=office)[0]
    year = timezone.localdate(now).year
    case = Case(
        office=office,
        agenda_year=year,
        agenda_number=agenda_number_take(office=office, year=year),
        registered_at=now,
        registered_by=actor,
        received_at=received_at,
        channel=channel,
        party=party,
        party_level=party_level,
        letter_number=letter_number.strip(),
        letter_date=letter_date,
        subject=subject.strip(),
        purpose=purpose,
        purpose_note=purpose_note.strip(),
        duplicate_reason=duplicate_reason.strip(),
        state=NEW,
        current_position=route[0],
    )
    CASE_WORKFLOW.move(case, "register", CaseState.DISPOSITION)
    case.save()
    case.elections.set(elections)
    for kind, upload, content_type in documents:
        _document_store(case=case, kind=kind, upload=upload, content_type=content_type)
    completeness = case_completeness(case=case)
    audit_record(
        event_type=AuditEventType.CASE_REGISTERED,
        office=office,
        actor=actor,
        acting_position=registrar.position,
        acting_capacity=registrar.kind,
        target=case,
        to_state=case.state,
        data={
            "agenda": case.agenda_label,
            "party": party.short_name,
            "letter_number": case.letter_number,
            "duplicate_of": earlier.agenda_label if earlier else None,
            "completeness": {e.code: c.status or "missing" for e, c in completeness.per_election},
            "documents": [upload.sha256 for _, upload, _ in documents],
            "to_position": route[0].code,
        },
    )
    return case


def _registrar_assignments(*, actor: Any, office: Office) -> list[Assignment]:
    return [
        a
        for a in user_active_assignments(user=actor, office=office)
        if Duty.REGISTER.value in a.position.duties
    ]


def _document_store(*, case: Case, kind: str, upload: Upload, content_type: str) -> CaseDocument:
    document = CaseDocument(
        case=case,
        kind=kind,
        original_name=upload.name[:255],
        content_type=content_type,
        size=len(upload.content),
        sha256=upload.sha256,
    )
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[content_type]
    document.file.save(f"{upload.sha256[:16]}.{extension}", ContentFile(upload.content), save=False)
    document.save()
    return document


def case_event_record(
    case: Case,
    event_type: AuditEventType,
    *,
    actor: Any,
    data: dict[str, Any],
    position: Position | None = None,
    capacity: str = "",
    from_state: str = "",
) -> None:
    """The audit event of a step on a case. A step that moved the case names the state it came
    from; the state it reached is read from the case."""
    audit_record(
        event_type=event_type,
        office=case.office,
        actor=actor,
        acting_position=position,
        acting_capacity=capacity,
        target=case,
        from_state=from_state,
        to_state=case.state if from_state else "",
        data=data,
    )


def _locked(case: Case) -> Case:
    # `of=("self",)`: PostgreSQL cannot lock the nullable side of the outer join.
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("office", "current_position")
        .get(pk=case.pk)
    )


@transaction.atomic
def case_dispose(
    *,
    case: Case,
    actor: Any,
    to_position: Position,
    instruction: str,
    urgency: str,
    security_class: str = "biasa",
    note: str = "",
    due_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Disposition:
    """SOP step 2: the holder of the current desk passes the case one level down."""
    case = _locked(case)
    now = now or timezone.now()
    CASE_WORKFLOW.check(
        actor,
        case,
        "dispose",
        state_refusal="Permohonan ini sudah tidak dalam tahap disposisi "
        f"({case.get_state_display()}).",
        permission_refusal="Anda tidak memegang tahap ini: permohonan sedang berada di "
        f"{case.current_desk}.",
    )
    assert case.current_position is not None
    targets, allow_skip = disposition_targets(case=case)
    if to_position not in targets:
        allowed = ", ".join(p.title for p in targets) or "tidak ada"
        skip = "" if allow_skip else " Kantor ini tidak mengizinkan melompati jenjang."
        raise ValidationError(
            f"Disposisi ke {to_position.title} tidak sesuai alur. Tujuan yang sah: {allowed}.{skip}"
        )
    if due_on is not None and due_on < timezone.localdate(now):
        raise ValidationError("Batas waktu disposisi tidak boleh sebelum hari ini.")
    acting = _acting(user=actor, position=case.current_position)
    disposition = Disposition.objects.create(
        case=case,
        from_position=case.current_position,
        from_position_title=acting.signature_prefix + case.current_position.title,
        from_user=actor,
        from_capacity=acting.kind,
        to_position=to_position,
        to_position_title=to_position.title,
        instruction=instruction,
        note=note.strip(),
        urgency=urgency,
        security_class=security_class,
        due_on=due_on,
        created_at=now,
    )
    to_state = CaseState.DISPOSITION
    if to_position.has_duty(Duty.DRAFT):
        gate_open = case_completeness(case=case).allows_drafting
        to_state = CaseState.DRAFTING if gate_open else CaseState.INCOMPLETE
    from_state = CASE_WORKFLOW.move(case, "dispose", to_state)
    case.current_position = to_position
    case.due_on = due_on
    case.save(update_fields=["current_position", "due_on", "state"])
    case_event_record(
        case,
        AuditEventType.CASE_DISPOSED,
        actor=actor,
        position=disposition.from_position,
        capacity=acting.kind,
        from_state=from_state,
        data={
            "disposition": disposition.pk,
            "from_position": disposition.from_position.code,
            "to_position": to_position.code,
            "instruction": instruction,
            "urgency": urgency,
            "due_on": due_on.isoformat() if due_on else None,
        },
    )
    return disposition


@transaction.atomic
def case_open(*, case: Case, actor: Any, now: dt.datetime | None = None) -> bool:
    """Record that the holder of the current desk has read the disposition that brought the
    case there. Returns whether this opening was the first read."""
    case = Case.objects.select_related("office", "current_position").get(pk=case.pk)
    disposition = case_active_disposition(case=case)
    if disposition is None or disposition.read_at is not None or case.current_position is None:
        return False
    acting = acting_assignment(user=actor, position=case.current_position)
    if acting is None:
        return False
    updated = Disposition.objects.filter(pk=disposition.pk, read_at__isnull=True).update(
        read_at=now or timezone.now(), read_by=actor
    )
    if updated:
        audit_record(
            event_type=AuditEventType.CASE_DISPOSITION_READ,
            office=case.office,
            actor=actor,
            acting_position=case.current_position,
            acting_capacity=acting.kind,
            target=case,
            data={"disposition": disposition.pk},
        )
    return bool(updated)


@transaction.atomic
def disposition_withdraw(
    *, disposition: Disposition, actor: Any, now: dt.datetime | None = None
) -> Case:
    """A disposition can be taken back while its addressee has not read it."""
    case = _locked(disposition.case)
    disposition = Disposition.objects.select_for_update().get(pk=disposition.pk)
    if disposition.withdrawn_at is not None:
        raise ValidationError("Disposisi ini sudah ditarik kembali.")
    if disposition.read_at is not None:
        raise ValidationError(
            "Disposisi tidak dapat ditarik kembali: sudah dibaca oleh "
            f"{disposition.to_position_title}."
        )
    if (
        case.current_position_id != disposition.to_position_id
        or case_active_disposition(case=case) != disposition
    ):
        raise ValidationError(
            "Hanya disposisi terakhir yang belum diteruskan dapat ditarik kembali."
        )
    CASE_WORKFLOW.check(
        actor,
        case,
        "withdraw",
        permission_refusal=f"Hanya pemegang jabatan {disposition.from_position.title} yang "
        "dapat menarik disposisi ini.",
    )
    acting = _acting(user=actor, position=disposition.from_position)
    disposition.withdrawn_at = now or timezone.now()
    disposition.save(update_fields=["withdrawn_at"])
    previous = (
        case.dispositions.filter(withdrawn_at__isnull=True, to_position=disposition.from_position)
        .order_by("-created_at", "-id")
        .first()
    )
    from_state = CASE_WORKFLOW.move(case, "withdraw", CaseState.DISPOSITION)
    case.current_position = disposition.from_position
    case.due_on = previous.due_on if previous else None
    case.save(update_fields=["current_position", "state", "due_on"])
    case_event_record(
        case,
        AuditEventType.CASE_DISPOSITION_WITHDRAWN,
        actor=actor,
        position=disposition.from_position,
        capacity=acting.kind,
        from_state=from_state,
        data={"disposition": disposition.pk, "to_position": disposition.to_position.code},
    )
    return case


@transaction.atomic
def case_completeness_recheck(*, case: Case, actor: Any) -> Case:
    """After the missing decision has been archived, let the case reach the drafting step."""
    case = _locked(case)
    if case.state != CaseState.INCOMPLETE:
        return case
    CASE_WORKFLOW.check(
        actor,
        case,
        "recheck",
        permission_refusal="Hanya penyusun yang memegang tahap ini yang dapat memeriksa ulang "
        f"kelengkapan; permohonan sedang berada di {case.current_desk}.",
    )
    acting = _acting(user=actor, position=case.current_position)  # type: ignore[arg-type]
    completeness = case_completeness(case=case)
    if not completeness.allows_drafting:
        missing = "; ".join(c.message for _, c in completeness.per_election if not c.is_official)
        raise ValidationError(f"Arsip keputusan belum lengkap: {missing}")
    from_state = CASE_WORKFLOW.move(case, "recheck", CaseState.DRAFTING)
    case.save(update_fields=["state"])
    case_event_record(
        case,
        AuditEventType.CASE_COMPLETENESS_CHECKED,
        actor=actor,
        position=case.current_position,
        capacity=acting.kind,
        from_state=from_state,
        data={"completeness": {e.code: c.status for e, c in completeness.per_election}},
    )
    return case
