"""SOP step 4: numbering and signing the letter. The signer confirms, the letter is numbered,
rendered once with its QR, signed (PAdES B-LTA), hashed and stored, all in one transaction
(on SQLite the transaction covers only the number and the rows: letters/signing_lock.py).
Drafting and review live in letters/drafting.py and letters/review.py.
"""

import datetime as dt
import logging
import secrets
import time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.moves import case_move
from autentika.core.audit import audit_record
from autentika.core.counters import yearly_counter_predict, yearly_counter_take
from autentika.core.metrics import LETTER_SIGNING_SECONDS
from autentika.core.models import AuditEventType
from autentika.letters import readback, rendering
from autentika.letters.desks import (
    display_name,
    draft_lock,
    draft_read,
)
from autentika.letters.errors import BackendFailure, LetterSigningError
from autentika.letters.models import (
    Draft,
    OutgoingCounter,
    SignedLetter,
)
from autentika.letters.review import draft_parafs
from autentika.letters.sign_checks import sign_failure_record, sign_preconditions
from autentika.letters.signing_lock import signings_serialized, signs_outside_the_write_lock
from autentika.organization.models import Office
from autentika.signing import backends
from autentika.signing.certificate_watch import proven_signing_time
from autentika.signing.pades import sha256_hex
from autentika.signing.validation import signed_revision_sha256

logger = logging.getLogger(__name__)


def outgoing_number_predict(*, office: Office, year: int) -> int:
    """The number `outgoing_number_take` will most likely give next (core/counters.py)."""
    return yearly_counter_predict(OutgoingCounter, office=office, year=year)


def outgoing_number_take(*, office: Office, year: int) -> int:
    """Next outgoing letter number of the office's year. Call inside the signing transaction:
    the row lock is held until it commits, and a rollback gives the number back."""
    return yearly_counter_take(OutgoingCounter, office=office, year=year)


def letter_number_format(*, office: Office, sequence: int, day: dt.date) -> str:
    return office.letter_number_pattern.format(
        seq=sequence, region_code=office.region_code, year=day.year, month=day.month
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
    started = time.perf_counter()
    try:
        letter = _letter_sign(
            draft=draft,
            actor=actor,
            password=password,
            passphrase=passphrase,
            now=now or timezone.now(),
            timestamper=timestamper,
        )
    except (ValidationError, PermissionDenied) as error:
        sign_failure_record(draft=draft, actor=actor, error=error)
        raise
    LETTER_SIGNING_SECONDS.observe(time.perf_counter() - started)
    return letter


def _letter_sign(
    *,
    draft: Draft,
    actor: Any,
    password: str,
    passphrase: str,
    now: dt.datetime,
    timestamper: Any,
) -> SignedLetter:
    kwargs = {
        "draft": draft,
        "actor": actor,
        "password": password,
        "passphrase": passphrase,
        "now": now,
        "timestamper": timestamper,
    }
    if signs_outside_the_write_lock():
        with signings_serialized():
            return _letter_sign_steps(**kwargs, deferred=True)
    with transaction.atomic():
        return _letter_sign_steps(**kwargs, deferred=False)


def _letter_sign_steps(
    *,
    draft: Draft,
    actor: Any,
    password: str,
    passphrase: str,
    now: dt.datetime,
    timestamper: Any,
    deferred: bool,
) -> SignedLetter:
    """`deferred` (SQLite, letters/signing_lock.py): checked, rendered and signed outside any
    transaction, then numbered and saved in a short one, the draft checked again there."""
    draft, case = draft_read(draft) if deferred else draft_lock(draft)
    office, position, acting, version, backend = sign_preconditions(
        draft=draft, case=case, actor=actor, password=password, passphrase=passphrase, now=now
    )
    day = timezone.localdate(now)
    token = secrets.token_urlsafe(32)
    position_title = acting.signature_prefix + position.title
    signer_name = display_name(actor)

    def render(sequence: int) -> tuple[str, bytes]:
        number = letter_number_format(office=office, sequence=sequence, day=day)
        block = rendering.SignatureBlock(
            number=number,
            date=day,
            position_title=position_title,
            name=signer_name,
            employee_number=acting.employee_number,
            verification_url=rendering.verification_url(token),
        )
        letter_args: dict[str, Any] = {
            "case": case,
            "version": version,
            "parafs": draft_parafs(draft=draft),
            "signature": block,
            "signer_position_title": position_title,
            "signer_name": signer_name,
            "signer_employee_number": acting.employee_number,
        }
        try:
            pdf = rendering.letter_pdf(**letter_args)
        except Exception as error:
            logger.exception("letter rendering failed")
            raise LetterSigningError(
                "Surat gagal dibentuk menjadi PDF; rinciannya dicatat di log server. Nomor surat "
                "tidak terpakai."
            ) from error
        # A refusal rolls the transaction back: after a wrong guess, the number taken too.
        readback.letter_readback_check(pdf=pdf, context=rendering.letter_context(**letter_args))
        return number, pdf

    def sign(number: str, unsigned: bytes) -> Any:
        try:
            return backend.sign(
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
                "Penandatanganan gagal karena kesalahan teknis; rinciannya dicatat di log "
                "server. Nomor surat tidak terpakai."
            ) from error

    def record(sequence: int, number: str, signed: Any) -> SignedLetter:
        return _letter_record(
            draft=draft,
            version=version,
            case=case,
            office=office,
            day=day,
            sequence=sequence,
            number=number,
            signed=signed,
            token=token,
            actor=actor,
            position=position,
            position_title=position_title,
            signer_name=signer_name,
            acting=acting,
            now=now,
            backend=backend,
        )

    # Rendered with the number it will most likely get before the number is taken: the
    # counter's row lock, held until commit so numbers stay gapless, then covers signing
    # only, and signers of one office (a bulk batch's workers) wait less for each other.
    # A wrong guess is rendered again with the number taken (docs/BENCHMARKS.md "batch").
    predicted = outgoing_number_predict(office=office, year=day.year)
    number, unsigned = render(predicted)
    if deferred:
        # Signed before the number is taken: under the signing lock no other signing takes
        # one, so the guess holds; if it did not, the letter is rendered and signed again.
        signed = sign(number, unsigned)
        with transaction.atomic():
            _unchanged_check(draft=draft, case=case, version=version)
            sequence = outgoing_number_take(office=office, year=day.year)
            if sequence != predicted:
                number, unsigned = render(sequence)
                signed = sign(number, unsigned)
            return record(sequence, number, signed)
    sequence = outgoing_number_take(office=office, year=day.year)
    if sequence != predicted:
        number, unsigned = render(sequence)
    return record(sequence, number, sign(number, unsigned))


def _unchanged_check(*, draft: Draft, case: Case, version: Any) -> None:
    """In the short transaction of a deferred signing: nobody returned, changed or signed
    the draft while it was rendered and signed."""
    locked, locked_case = draft_lock(draft)
    if (
        locked.state != draft.state
        or locked.current_version.pk != version.pk
        or locked_case.state != case.state
        or locked_case.current_position_id != case.current_position_id
    ):
        raise LetterSigningError(
            "Konsep berubah selama penandatanganan (dikembalikan, diubah atau sudah "
            "ditandatangani); surat tidak ditandatangani dan tidak ada nomor yang terpakai."
        )


def _letter_record(
    *,
    draft: Draft,
    version: Any,
    case: Case,
    office: Office,
    day: dt.date,
    sequence: int,
    number: str,
    signed: Any,
    token: str,
    actor: Any,
    position: Any,
    position_title: str,
    signer_name: str,
    acting: Any,
    now: dt.datetime,
    backend: Any,
) -> SignedLetter:
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
        signature_timestamp_at=proven_signing_time(signed.pdf),
    )
    from_state = case_move(case=case, step="sign", to_state=CaseState.SIGNED, to_position=None)
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
