"""SOP step 3: the drafter writes the reply; every version is kept and its tables are computed
from the archived results, never typed."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.moves import case_move
from autentika.cases.services import case_event_record
from autentika.core.models import AuditEventType
from autentika.letters import rendering
from autentika.letters.desks import display_name, draft_lock, drafter_check, signer_position
from autentika.letters.errors import DraftConflict
from autentika.letters.models import (
    Draft,
    DraftState,
    DraftVersion,
    LetterKind,
)
from autentika.letters.review import draft_parafs, draft_submit
from autentika.letters.snapshot import Snapshot, case_snapshot
from autentika.letters.texts import DEFAULT_COPIES, default_texts
from autentika.organization.access import assignments_read_once

# The fields of a version the drafter types.
TEXT_FIELDS = ("nature", "attachment", "subject", "body", "closing", "copies")


def text_normalised(text: str) -> str:
    """The text as stored and compared: line ends as LF (a browser sends CRLF), no spaces at
    the end of a line, no blank lines before or after."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def texts_normalised(texts: dict[str, str]) -> dict[str, str]:
    return {name: text_normalised(value) for name, value in texts.items()}


def version_texts(version: DraftVersion) -> dict[str, str]:
    """A version's typed fields, normalised (versions stored before #28 may carry CRLF)."""
    return {name: text_normalised(getattr(version, name)) for name in TEXT_FIELDS}


def texts_change(*, version: DraftVersion, kind: str, texts: dict[str, str]) -> bool:
    """Whether typed fields differ from a version once both are normalised."""
    current = version_texts(version)
    typed = texts_normalised(texts)
    return kind != version.kind or any(typed[name] != current[name] for name in typed)


def version_create(
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
    typed = texts_normalised({"copies": DEFAULT_COPIES, **texts})
    version = DraftVersion.objects.create(
        draft=draft,
        number=(previous.number + 1) if previous else 1,
        kind=kind,
        nature=typed.get("nature") or "Biasa",
        attachment=typed.get("attachment") or "-",
        subject=typed["subject"],
        body=typed["body"],
        closing=typed["closing"],
        copies=typed["copies"],
        tables=snapshot.tables,
        absences=snapshot.absences,
        is_specimen=snapshot.specimen,
        created_at=now,
        created_by=actor,
    )
    version.result_versions.set(snapshot.versions)
    return version


@assignments_read_once()  # a step reads the actor's assignments once
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
    # From an incomplete request only some kinds: the table's REPLY_KIND_FITS (letters/desks.py).
    acting = drafter_check(case=case, actor=actor, step="draft", params={"kind": kind})
    draft = Draft.objects.create(case=case, created_at=now, created_by=actor)
    if case.state != CaseState.DRAFTING:
        case_move(case=case, step="draft", to_state=CaseState.DRAFTING)
    snapshot = case_snapshot(case=case, with_tables=kind in LetterKind.with_table())
    version = version_create(
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


@assignments_read_once()  # a step reads the actor's assignments once
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
    based_on: int | None = None,
    now: dt.datetime | None = None,
) -> DraftVersion:
    """A new version of the text (every version is kept). The table is recomputed from the
    archive; nobody types numbers. Only while the draft is with the drafter. Text that is the
    current version's once normalised, over the same tables, records no version: the current
    one is returned. `based_on`: the version number the editor was opened on; a changed text
    against a newer version is refused (`DraftConflict`), never stored over it."""
    now = now or timezone.now()
    draft, case = draft_lock(draft)
    if draft.state != DraftState.EDITING:
        raise ValidationError(
            f"Konsep tidak dapat diubah: sedang {draft.get_state_display().lower()}."
        )
    acting = drafter_check(case=case, actor=actor, step="revise")
    current = draft.current_version
    new_kind = kind or current.kind
    if new_kind not in LetterKind.values:
        raise ValidationError(f"Jenis surat tidak dikenal: {new_kind}.")
    if not body.strip():
        raise ValidationError("Isi surat tidak boleh kosong.")
    texts = {
        "subject": subject if subject is not None else current.subject,
        "body": body,
        "closing": closing if closing is not None else current.closing,
        "copies": copies if copies is not None else current.copies,
        "nature": nature if nature is not None else current.nature,
        "attachment": attachment if attachment is not None else current.attachment,
    }
    changed = texts_change(version=current, kind=new_kind, texts=texts)
    if changed and based_on is not None and based_on != current.number:
        raise DraftConflict(
            f"Konsep sudah disimpan sebagai versi {current.number} oleh "
            f"{display_name(current.created_by)} sejak Anda membuka versi {based_on}. "
            "Teks Anda belum disimpan: pilih teks yang dipakai.",
            current=current,
            based_on=based_on,
        )
    snapshot = case_snapshot(case=case, with_tables=new_kind in LetterKind.with_table())
    if not changed and (
        snapshot.tables == current.tables
        and snapshot.absences == current.absences
        and snapshot.specimen == current.is_specimen
    ):
        return current
    version = version_create(
        draft=draft,
        case=case,
        actor=actor,
        kind=new_kind,
        texts=texts,
        now=now,
        snapshot=snapshot,
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


@transaction.atomic
def draft_save_and_submit(
    *, draft: Draft, actor: Any, edits: dict[str, Any], now: dt.datetime | None = None
) -> tuple[DraftVersion | None, Any]:
    """ "Ajukan untuk paraf" from the editor: what the drafter sees goes up the chain. Edits that
    change the text become a version first (returned); an untouched form records none (None)."""
    before = draft.current_version.number
    version = draft_revise(draft=draft, actor=actor, now=now, **edits)
    review = draft_submit(draft=draft, actor=actor, now=now)
    return (version if version.number != before else None), review


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
