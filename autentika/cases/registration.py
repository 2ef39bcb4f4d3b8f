"""SOP step 1: Tata Usaha registers a party's request letter (agenda number, scans,
completeness) and sends it to the first desk of the disposition chain."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from autentika.cases.kip import kip_due_date
from autentika.cases.letter_numbers import letter_number_problem
from autentika.cases.models import (
    AgendaCounter,
    Case,
    CaseDocument,
    CaseState,
    DocumentKind,
)
from autentika.cases.moves import case_move
from autentika.cases.selectors import (
    duplicate_registrations,
    elections_completeness,
)
from autentika.cases.workflow import CASE_WORKFLOW, NEW
from autentika.core.audit import audit_record
from autentika.core.counters import yearly_counter_take
from autentika.core.formatting import format_date_id
from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.core.stored_files import atomic_with_files, upload_store
from autentika.core.uploads import Upload, upload_check
from autentika.organization.access import assignments_read_once
from autentika.organization.models import Assignment, ChainPurpose, Office
from autentika.organization.selectors import (
    chain_positions,
    user_assignments_today,
)
from autentika.organization.workdays import office_calendar
from autentika.results.models import Election, Party
from autentika.results.parties import party_in_requested

# A request letter comes with a few supporting documents, not an archive.
MAX_ATTACHMENTS = 10


class DuplicateRequestError(ValidationError):
    """The same party letter was registered before; a reason is needed to register it again."""


def agenda_number_take(*, office: Office, year: int) -> int:
    """Next agenda number of the office's year. Call inside the registering transaction: the
    row lock is held until it commits, and a rollback gives the number back."""
    return yearly_counter_take(AgendaCounter, office=office, year=year)


def _registration_check(
    *,
    office: Office,
    party: Party,
    letter_number: str,
    elections: Sequence[Election],
    letter_date: dt.date,
    received_at: dt.datetime,
    now: dt.datetime,
    letter_scan: Upload | None,
    attachments: Sequence[Upload],
) -> list[tuple[str, Upload, str]]:
    # Each refusal named by the field it is about, so a form shows it there (#28).
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if problem := letter_number_problem(letter_number):
        refuse("letter_number", problem)
    if not elections:
        refuse("elections", "Pilih sedikitnya satu pemilu yang dimohonkan.")
    if any(election.office_id != office.pk for election in elections):
        refuse("elections", "Pemilu yang dipilih bukan milik kantor ini.")
    if party.election.office_id != office.pk or party.election not in elections:
        refuse(
            "party",
            f"Partai {party.short_name} harus partai peserta salah satu pemilu yang dimohonkan.",
        )
    if letter_date > timezone.localdate(now):
        refuse(
            "letter_date",
            f"Tanggal surat partai ({format_date_id(letter_date)}) tidak boleh di masa depan.",
        )
    if received_at > now:
        refuse("received_at", "Waktu surat diterima tidak boleh di masa depan.")
    elif letter_date > timezone.localdate(received_at):
        refuse("letter_date", "Tanggal surat partai tidak boleh sesudah tanggal surat diterima.")
    documents: list[tuple[str, Upload, str]] = []
    if letter_scan is None:
        refuse("letter_scan", "Pindaian surat permohonan wajib diunggah.")
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
            errors.setdefault("letter_scan", []).extend(error.messages)
    if len(attachments) > MAX_ATTACHMENTS:
        refuse(
            "attachments",
            f"Lampiran berjumlah {len(attachments)} berkas; paling banyak {MAX_ATTACHMENTS}.",
        )
    for attachment in attachments:
        try:
            documents.append(
                (DocumentKind.ATTACHMENT, attachment, upload_check(attachment, label="Lampiran"))
            )
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return documents


@assignments_read_once()  # a step reads the actor's assignments once
@atomic_with_files
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
    party = party_in_requested(party=party, elections=elections)
    documents = _registration_check(
        office=office,
        party=party,
        letter_number=letter_number,
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
    )
    case.kip_due_on = kip_due_date(calendar=office_calendar(office), received_at=received_at)
    case_move(case=case, step="register", to_state=CaseState.DISPOSITION, to_position=route[0])
    through = Case.elections.through
    through.objects.bulk_create([through(case=case, election=e) for e in elections])
    for kind, upload, content_type in documents:
        _document_store(case=case, kind=kind, upload=upload, content_type=content_type)
    completeness = elections_completeness(elections=elections, training_mode=office.training_mode)
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
            "kip_due_on": case.kip_due_on.isoformat(),
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
        for a in user_assignments_today(user=actor, office=office)
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
    upload_store(document.file, upload=upload, content_type=content_type)
    document.save()
    return document
