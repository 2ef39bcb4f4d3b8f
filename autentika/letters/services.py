"""SOP steps 3 and 4: drafting the reply, initials up the review chain, numbering and signing.

The case's `current_position` follows the office's review chain (ChainPurpose.REVIEW, first
link = the drafter), then the office's signer position (`Office.letter_signer_code`), so the
permission table (LETTER_DRAFT / LETTER_INITIAL / LETTER_SIGN hold the current step) applies
unchanged. After signing the case has no current desk (hand-over belongs to Tata Usaha).
"""

import datetime as dt
import logging
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.services import case_event_record
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.audit import audit_record
from autentika.core.counters import yearly_counter_take
from autentika.core.formatting import format_date_id
from autentika.core.models import AuditEventType
from autentika.letters import backends, rendering
from autentika.letters.errors import BackendFailure, LetterSigningError
from autentika.letters.figure_check import version_figure_problems
from autentika.letters.models import (
    Draft,
    DraftState,
    DraftVersion,
    LetterKind,
    OutgoingCounter,
    Review,
    ReviewAction,
    SignedLetter,
)
from autentika.letters.signing import sha256_hex
from autentika.letters.snapshot import Snapshot, case_snapshot
from autentika.letters.validation import signed_revision_sha256
from autentika.organization.models import Assignment, ChainPurpose, Office, Position
from autentika.organization.selectors import acting_assignment, chain_positions

logger = logging.getLogger(__name__)

DEFAULT_COPIES = "Arsip"


# --- helpers ---------------------------------------------------------------------------------


def signer_position(*, office: Office) -> Position:
    """The office's signer position (setting `Office.letter_signer_code`, default KETUA)."""
    try:
        return Position.objects.get(office=office, code=office.letter_signer_code)
    except Position.DoesNotExist as error:
        raise ValidationError(
            f"Kantor {office.code} tidak memiliki jabatan penanda tangan "
            f"{office.letter_signer_code}."
        ) from error


def review_route(*, office: Office) -> list[Position]:
    route = chain_positions(office=office, purpose=ChainPurpose.REVIEW)
    if not route:
        raise ValidationError("Alur paraf kantor ini kosong. Atur di halaman admin.")
    return route


def outgoing_number_take(*, office: Office, year: int) -> int:
    """Next outgoing letter number of the office's year. Call inside the signing transaction:
    the row lock is held until it commits, and a rollback gives the number back."""
    return yearly_counter_take(OutgoingCounter, office=office, year=year)


def letter_number_format(*, office: Office, sequence: int, day: dt.date) -> str:
    return office.letter_number_pattern.format(
        seq=sequence, region_code=office.region_code, year=day.year, month=day.month
    )


def _display_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _locked(draft: Draft) -> tuple[Draft, Case]:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("office", "current_position", "party")
        .get(pk=draft.case_id)
    )
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    locked.case = case
    return locked, case


def _acting(*, user: Any, position: Position) -> Assignment:
    assignment = acting_assignment(user=user, position=position)
    if assignment is None:
        raise PermissionDenied(f"Anda tidak sedang memegang jabatan {position.title}.")
    return assignment


def _figure_lines(snapshot: Snapshot) -> str:
    """The certified totals per election, as placeholders the snapshot fills."""
    lines = [
        f"{{{{pemilu:{code}}}}}: {{{{suara:{code}}}}} suara sah dan {{{{kursi:{code}}}}} kursi, "
        f"berdasarkan Keputusan Nomor {{{{nomor_keputusan:{code}}}}} tanggal "
        f"{{{{tanggal_keputusan:{code}}}}}."
        for code in (table["election_code"] for table in snapshot.tables)
    ]
    return "\n".join(lines)


def default_texts(*, case: Case, kind: str, snapshot: Snapshot) -> dict[str, str]:
    office = case.office
    party = case.party.full_name or case.party.short_name
    figures = _figure_lines(snapshot)
    details = "Rincian per daerah pemilihan tercantum dalam lampiran surat ini."
    reference = (
        f"Menindaklanjuti surat {case.sender} Nomor {case.letter_number} tanggal "
        f"{format_date_id(case.letter_date)} hal {case.subject}"
    )
    closing = "Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih."
    if kind == LetterKind.CERTIFICATE:
        return {
            "subject": "Keterangan Autentifikasi Hasil Penetapan Perolehan Kursi dan Suara "
            "Partai Politik",
            "body": f"{reference}, dengan ini {office.name} menerangkan bahwa perolehan suara "
            f"sah dan kursi {party} berdasarkan keputusan penetapan hasil pemilihan umum "
            f"adalah sebagai berikut:\n\n{figures}\n\n{details}",
            "closing": "Demikian surat keterangan ini dibuat dengan sebenarnya untuk "
            "dipergunakan sebagaimana mestinya.",
        }
    if kind == LetterKind.REFUSAL_NO_SEAT:
        return {
            "subject": "Jawaban atas Permohonan Data Autentifikasi Perolehan Suara",
            "body": f"{reference}, dengan ini disampaikan bahwa berdasarkan keputusan penetapan "
            f"hasil pemilihan umum, {party} tidak memperoleh kursi pada lembaga perwakilan "
            "yang dimohonkan, sehingga surat keterangan autentifikasi perolehan kursi tidak "
            f"dapat diterbitkan. Perolehan suara sah partai adalah sebagai berikut:\n\n{figures}"
            f"\n\n{details}",
            "closing": closing,
        }
    if kind == LetterKind.REFUSAL_INCOMPLETE:
        return {
            "subject": "Jawaban atas Permohonan Data Autentifikasi Perolehan Suara",
            "body": f"{reference}, dengan ini disampaikan bahwa permohonan tersebut belum dapat "
            "dipenuhi karena persyaratan permohonan belum lengkap. Saudara dapat mengajukan "
            "kembali permohonan setelah kelengkapannya dipenuhi.",
            "closing": closing,
        }
    return {
        "subject": "Jawaban atas Permohonan Data Autentifikasi Perolehan Suara",
        "body": f"{reference}, dengan ini disampaikan bahwa data yang dimohonkan tidak "
        f"dikelola oleh {office.name}. Permohonan dapat diajukan kepada Komisi Pemilihan Umum "
        "pada tingkatan yang menetapkan hasil pemilihan umum tersebut.",
        "closing": closing,
    }


def _version_create(
    *,
    draft: Draft,
    case: Case,
    actor: Any,
    kind: str,
    texts: dict[str, str],
    now: dt.datetime,
    snapshot: Snapshot | None = None,
) -> DraftVersion:
    if snapshot is None:
        snapshot = case_snapshot(case=case, with_tables=kind in LetterKind.with_table())
    previous = draft.versions.order_by("-number").first()
    version = DraftVersion.objects.create(
        draft=draft,
        number=(previous.number + 1) if previous else 1,
        kind=kind,
        nature=texts.get("nature") or "Biasa",
        attachment=texts.get("attachment") or "-",
        subject=texts["subject"].strip(),
        body=texts["body"].strip(),
        closing=texts["closing"].strip(),
        copies=texts.get("copies", DEFAULT_COPIES).strip(),
        tables=snapshot.tables,
        absences=snapshot.absences,
        is_specimen=snapshot.specimen,
        created_at=now,
        created_by=actor,
    )
    version.result_versions.set(snapshot.versions)
    return version


def _drafter_check(*, case: Case, actor: Any, step: str) -> Assignment:
    CASE_WORKFLOW.check(
        actor,
        case,
        step,
        state_refusal=f"Konsep tidak dapat diubah atau diajukan pada tahap "
        f"{case.get_state_display().lower()}.",
        permission_refusal="Anda tidak dapat menyusun konsep: permohonan sedang berada di "
        f"{case.current_desk}.",
    )
    assert case.current_position is not None
    return _acting(user=actor, position=case.current_position)


# --- drafting --------------------------------------------------------------------------------


@transaction.atomic
def draft_create(*, case: Case, actor: Any, kind: str, now: dt.datetime | None = None) -> Draft:
    """SOP step 3: the drafter starts the reply from the template of its kind; the data
    table is computed from the archived results."""
    now = now or timezone.now()
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("office", "current_position", "party")
        .get(pk=case.pk)
    )
    if kind not in LetterKind.values:
        raise ValidationError(f"Jenis surat tidak dikenal: {kind}.")
    allowed_states = [CaseState.DRAFTING]
    if kind not in LetterKind.with_table():
        allowed_states.append(CaseState.INCOMPLETE)
    if case.state not in allowed_states:
        raise ValidationError(
            f"Konsep jenis ini tidak dapat dibuat pada tahap {case.get_state_display()}."
        )
    acting = _drafter_check(case=case, actor=actor, step="draft")
    if Draft.objects.filter(case=case).exists():
        raise ValidationError("Permohonan ini sudah memiliki konsep balasan; ubah konsep itu.")
    draft = Draft.objects.create(case=case, created_at=now, created_by=actor)
    if case.state != CaseState.DRAFTING:
        CASE_WORKFLOW.move(case, "draft", CaseState.DRAFTING)
        case.save(update_fields=["state"])
    snapshot = case_snapshot(case=case, with_tables=kind in LetterKind.with_table())
    version = _version_create(
        draft=draft,
        case=case,
        actor=actor,
        kind=kind,
        texts=default_texts(case=case, kind=kind, snapshot=snapshot),
        now=now,
        snapshot=snapshot,
    )
    case_event_record(
        case,
        AuditEventType.LETTER_DRAFTED,
        actor=actor,
        position=case.current_position,
        capacity=acting.kind,
        data={"draft": draft.pk, "version": version.number, "kind": kind},
    )
    return draft


@transaction.atomic
def draft_revise(
    *,
    draft: Draft,
    actor: Any,
    body: str,
    subject: str | None = None,
    closing: str | None = None,
    copies: str | None = None,
    kind: str | None = None,
    nature: str | None = None,
    attachment: str | None = None,
    now: dt.datetime | None = None,
) -> DraftVersion:
    """A new version of the text (every version is kept). The table is recomputed from the
    archive; nobody types numbers. Only while the draft is with the drafter."""
    now = now or timezone.now()
    draft, case = _locked(draft)
    if draft.state != DraftState.EDITING:
        raise ValidationError(
            f"Konsep tidak dapat diubah: sedang {draft.get_state_display().lower()}."
        )
    acting = _drafter_check(case=case, actor=actor, step="revise")
    current = draft.current_version
    new_kind = kind or current.kind
    if new_kind not in LetterKind.values:
        raise ValidationError(f"Jenis surat tidak dikenal: {new_kind}.")
    if not body.strip():
        raise ValidationError("Isi surat tidak boleh kosong.")
    version = _version_create(
        draft=draft,
        case=case,
        actor=actor,
        kind=new_kind,
        texts={
            "subject": subject if subject is not None else current.subject,
            "body": body,
            "closing": closing if closing is not None else current.closing,
            "copies": copies if copies is not None else current.copies,
            "nature": nature if nature is not None else current.nature,
            "attachment": attachment if attachment is not None else current.attachment,
        },
        now=now,
    )
    case_event_record(
        case,
        AuditEventType.LETTER_REVISED,
        actor=actor,
        position=case.current_position,
        capacity=acting.kind,
        data={"draft": draft.pk, "version": version.number, "kind": new_kind},
    )
    return version


def _review_record(
    *, draft: Draft, case: Case, actor: Any, acting: Assignment, action: str, note: str, now: Any
) -> Review:
    assert case.current_position is not None
    return Review.objects.create(
        draft=draft,
        version=draft.current_version,
        action=action,
        position=case.current_position,
        position_title=acting.signature_prefix + case.current_position.title,
        user=actor,
        user_name=_display_name(actor),
        capacity=acting.kind,
        note=note,
        created_at=now,
    )


def _next_desk(*, case: Case) -> tuple[Position, bool]:
    """The position after the current one on the review route, or the signer; and whether
    that is the signer."""
    route = review_route(office=case.office)
    if case.current_position in route:
        index = route.index(case.current_position)
        if index + 1 < len(route):
            return route[index + 1], False
    return signer_position(office=case.office), True


def _move(*, case: Case, step: str, to_position: Position | None, case_state: str) -> str:
    """Move the case (and so its draft) to the next desk through the workflow table."""
    from_state = CASE_WORKFLOW.move(case, step, case_state)
    case.current_position = to_position
    case.save(update_fields=["current_position", "state"])
    return from_state


def _pass_up(
    *,
    draft: Draft,
    case: Case,
    actor: Any,
    acting: Assignment,
    action: str,
    event_type: AuditEventType,
    now: Any,
) -> Review:
    """Record the submission or paraf of the current version and move the draft to the next
    desk of the review chain, or to the signer after the last reviewer."""
    review = _review_record(
        draft=draft, case=case, actor=actor, acting=acting, action=action, note="", now=now
    )
    from_position = case.current_position
    to_position, is_signer = _next_desk(case=case)
    from_state = _move(
        case=case,
        step="submit" if action == ReviewAction.SUBMIT else "approve",
        to_position=to_position,
        case_state=CaseState.SIGNING if is_signer else CaseState.REVIEW,
    )
    audit_record(
        event_type=event_type,
        office=case.office,
        actor=actor,
        acting_position=from_position,
        acting_capacity=acting.kind,
        target=case,
        from_state=from_state,
        to_state=case.state,
        data={
            "draft": draft.pk,
            "version": review.version.number,
            "to_position": to_position.code,
        },
    )
    return review


@transaction.atomic
def draft_submit(*, draft: Draft, actor: Any, now: dt.datetime | None = None) -> Review:
    """The drafter sends the current version up the review chain."""
    now = now or timezone.now()
    draft, case = _locked(draft)
    if draft.state != DraftState.EDITING:
        raise ValidationError(f"Konsep sudah diajukan: sedang {draft.get_state_display().lower()}.")
    acting = _drafter_check(case=case, actor=actor, step="submit")
    version = draft.current_version
    if version.is_specimen and not case.office.training_mode:
        raise ValidationError("Konsep dari data tidak resmi tidak dapat diajukan.")
    problems = version_figure_problems(version=version, letter_number=case.letter_number)
    if problems:
        raise ValidationError(problems)
    return _pass_up(
        draft=draft,
        case=case,
        actor=actor,
        acting=acting,
        action=ReviewAction.SUBMIT,
        event_type=AuditEventType.LETTER_SUBMITTED,
        now=now,
    )


def _reviewer_check(*, draft: Draft, case: Case, actor: Any, step: str) -> Assignment:
    CASE_WORKFLOW.check(
        actor,
        case,
        step,
        state_refusal="Konsep tidak sedang dalam paraf berjenjang "
        f"({draft.get_state_display().lower()}).",
        permission_refusal=f"Belum giliran Anda: konsep sedang berada di {case.current_desk}.",
    )
    assert case.current_position is not None
    return _acting(user=actor, position=case.current_position)


@transaction.atomic
def draft_approve(*, draft: Draft, actor: Any, now: dt.datetime | None = None) -> Review:
    """The reviewer at the current step initials (paraf) the current version."""
    now = now or timezone.now()
    draft, case = _locked(draft)
    acting = _reviewer_check(draft=draft, case=case, actor=actor, step="approve")
    return _pass_up(
        draft=draft,
        case=case,
        actor=actor,
        acting=acting,
        action=ReviewAction.APPROVE,
        event_type=AuditEventType.LETTER_APPROVED,
        now=now,
    )


@transaction.atomic
def draft_return(*, draft: Draft, actor: Any, note: str, now: dt.datetime | None = None) -> Review:
    """The reviewer at the current step sends the draft back to the drafter with a note."""
    now = now or timezone.now()
    draft, case = _locked(draft)
    acting = _reviewer_check(draft=draft, case=case, actor=actor, step="return")
    if not note.strip():
        raise ValidationError("Tuliskan catatan perbaikan sebelum mengembalikan konsep.")
    review = _review_record(
        draft=draft,
        case=case,
        actor=actor,
        acting=acting,
        action=ReviewAction.RETURN,
        note=note.strip(),
        now=now,
    )
    from_position = case.current_position
    drafter = review_route(office=case.office)[0]
    from_state = _move(case=case, step="return", to_position=drafter, case_state=CaseState.DRAFTING)
    case_event_record(
        case,
        AuditEventType.LETTER_RETURNED,
        actor=actor,
        position=from_position,
        capacity=acting.kind,
        from_state=from_state,
        data={"draft": draft.pk, "version": review.version.number, "note": note.strip()},
    )
    return review


def draft_parafs(*, draft: Draft) -> list[rendering.Paraf]:
    """The initials of the last round (since the last submission), oldest first."""
    reviews = list(draft.reviews.order_by("created_at", "id"))
    last_submit = max(
        (i for i, r in enumerate(reviews) if r.action == ReviewAction.SUBMIT), default=-1
    )
    return [
        rendering.Paraf(position_title=r.position_title, name=r.user_name, date=r.created_at)
        for r in reviews[last_submit + 1 :]
        if r.action == ReviewAction.APPROVE
    ]


def draft_preview_pdf(*, draft: Draft, version: DraftVersion | None = None) -> bytes:
    """An unnumbered, unsigned rendering of a version, for the editor and the reviewers."""
    case = draft.case
    version = version or draft.current_version
    position = signer_position(office=case.office)
    return rendering.letter_pdf(
        case=case,
        version=version,
        parafs=draft_parafs(draft=draft),
        signature=None,
        signer_position_title=position.title,
        signer_name="(nama penanda tangan)",
        signer_employee_number="",
    )


# --- signing ---------------------------------------------------------------------------------


def letter_sign(
    *,
    draft: Draft,
    actor: Any,
    password: str,
    passphrase: str,
    now: dt.datetime | None = None,
    timestamper: Any = None,
) -> SignedLetter:
    """SOP step 4: the signer confirms with their password; the letter is numbered, dated,
    rendered once with its QR, signed (PAdES), hashed and stored, all in one transaction.

    Any failure raises (LetterSigningError, ValidationError or PermissionDenied) and leaves
    nothing consumed: no number, the case still at the signing step.
    """
    try:
        return _letter_sign(
            draft=draft,
            actor=actor,
            password=password,
            passphrase=passphrase,
            now=now or timezone.now(),
            timestamper=timestamper,
        )
    except (ValidationError, PermissionDenied) as error:
        _sign_failure_record(draft=draft, actor=actor, error=error)
        raise


def _sign_failure_record(*, draft: Draft, actor: Any, error: Exception) -> None:
    message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    try:
        with transaction.atomic():
            case = Case.objects.select_related("office").get(pk=draft.case_id)
            audit_record(
                event_type=AuditEventType.LETTER_SIGN_FAILED,
                office=case.office,
                actor=actor,
                target=case,
                data={"draft": draft.pk, **getattr(error, "audit", {}), "error": message},
            )
    except Exception:  # the refusal itself matters more than its audit line
        logger.exception("could not record a failed signing")


@transaction.atomic
def _letter_sign(
    *,
    draft: Draft,
    actor: Any,
    password: str,
    passphrase: str,
    now: dt.datetime,
    timestamper: Any,
) -> SignedLetter:
    draft, case = _locked(draft)
    if draft.state == DraftState.SIGNED:
        letter = SignedLetter.objects.get(draft=draft)
        raise LetterSigningError(
            f"Surat ini sudah ditandatangani dengan Nomor {letter.number}; tidak ditandatangani "
            "ulang."
        )
    office = case.office
    position = signer_position(office=office)
    refusal = f"Hanya pemegang jabatan {position.title} yang dapat menandatangani surat ini."
    CASE_WORKFLOW.check(
        actor,
        case,
        "sign",
        state_refusal="Konsep belum siap ditandatangani: sedang "
        f"{draft.get_state_display().lower()}.",
        permission_refusal=refusal,
        state_error=LetterSigningError,
    )
    if case.current_position != position:
        raise PermissionDenied(refusal)
    acting = _acting(user=actor, position=position)
    if not password or not actor.check_password(password):
        raise LetterSigningError("Kata sandi salah; surat belum ditandatangani.")
    version = draft.current_version
    if version.is_specimen and not office.training_mode:
        raise LetterSigningError(
            "Surat dari data yang tidak resmi (sementara atau contoh) tidak dapat "
            "ditandatangani di kantor yang tidak dalam mode latihan."
        )
    problems = version_figure_problems(version=version, letter_number=case.letter_number)
    if problems:
        raise LetterSigningError(
            ["Surat tidak ditandatangani; tidak ada nomor yang terpakai.", *problems]
        )
    # Before any number is taken: the provider's status of the signer, or the local key.
    backend = backends.backend_for(office=office, position=position)
    backend.prepare(
        identity=backends.signer_identity(user=actor, assignment=acting),
        passphrase=passphrase,
        at=now,
    )

    day = timezone.localdate(now)
    sequence = outgoing_number_take(office=office, year=day.year)
    number = letter_number_format(office=office, sequence=sequence, day=day)
    token = secrets.token_urlsafe(32)
    position_title = acting.signature_prefix + position.title
    signer_name = _display_name(actor)
    block = rendering.SignatureBlock(
        number=number,
        date=day,
        position_title=position_title,
        name=signer_name,
        employee_number=acting.employee_number,
        verification_url=rendering.verification_url(token),
    )
    try:
        unsigned = rendering.letter_pdf(
            case=case,
            version=version,
            parafs=draft_parafs(draft=draft),
            signature=block,
            signer_position_title=position_title,
            signer_name=signer_name,
            signer_employee_number=acting.employee_number,
        )
    except Exception as error:
        logger.exception("letter rendering failed")
        raise LetterSigningError(
            "Surat gagal dibentuk menjadi PDF; rinciannya dicatat di log server. Nomor surat "
            "tidak terpakai."
        ) from error
    try:
        signed = backend.sign(
            backends.SignatureRequest(
                pdf=unsigned,
                reason=f"Surat Nomor {number}",
                location=office.city,
                timestamper=timestamper,
            )
        )
    except BackendFailure:
        raise
    except Exception as error:
        logger.exception("letter signing failed")
        raise LetterSigningError(
            "Penandatanganan gagal karena kesalahan teknis; rinciannya dicatat di log server. "
            "Nomor surat tidak terpakai."
        ) from error
    letter = SignedLetter.objects.create(
        draft=draft,
        version=version,
        case=case,
        office=office,
        year=day.year,
        sequence=sequence,
        number=number,
        date=day,
        pdf=signed.pdf,
        sha256=sha256_hex(signed.pdf),
        signed_revision_sha256=signed_revision_sha256(signed.pdf),
        verification_token=token,
        signer=actor,
        signer_position=position,
        signer_position_title=position_title,
        signer_name=signer_name,
        signer_employee_number=acting.employee_number,
        signer_capacity=acting.kind,
        certificate_subject=signed.certificate_subject,
        is_specimen=version.is_specimen,
        text=rendering.letter_text(version),
        signed_at=now,
    )
    from_state = _move(case=case, step="sign", to_position=None, case_state=CaseState.SIGNED)
    audit_record(
        event_type=AuditEventType.LETTER_SIGNED,
        office=office,
        actor=actor,
        acting_position=position,
        acting_capacity=acting.kind,
        target=case,
        from_state=from_state,
        to_state=case.state,
        data={
            "letter": letter.pk,
            "number": number,
            "sha256": letter.sha256,
            "version": version.number,
            "specimen": letter.is_specimen,
            "backend": backend.name,
            **signed.audit,
        },
    )
    return letter
