"""What a signing checks before it takes a number, shared by `letters.services.letter_sign`
and the web request that queues a signing for the worker (`letter_sign_check`, bulk/runs.py),
and how a refusal is recorded (`letters.sign_failed`, counted toward the signing lockout)."""

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.models import Case
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.letters.desks import acting_required, draft_read, signer_position
from autentika.letters.errors import LetterSigningError
from autentika.letters.figure_check import version_figure_problems
from autentika.letters.models import Draft, DraftState, SignedLetter
from autentika.organization.models import Office
from autentika.signing import backends, reauth

logger = logging.getLogger(__name__)


def sign_failure_record(*, draft: Draft, actor: Any, error: Exception) -> None:
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


def letter_sign_check(*, draft: Draft, actor: Any, password: str, passphrase: str) -> None:
    """Everything `letter_sign` checks before it takes a number (the draft's state, the
    signer, the second factor, the secrets, the figures, the key or the provider's status),
    refusals recorded as `letter_sign` records them: the web request runs it before it queues
    the signing for the worker (bulk/runs.py), which checks all of it again."""
    try:
        read, case = draft_read(draft)
        sign_preconditions(
            draft=read,
            case=case,
            actor=actor,
            password=password,
            passphrase=passphrase,
            now=timezone.now(),
        )
    except (ValidationError, PermissionDenied) as error:
        sign_failure_record(draft=draft, actor=actor, error=error)
        raise


def sign_preconditions(
    *, draft: Draft, case: Case, actor: Any, password: str, passphrase: str, now: dt.datetime
) -> tuple[Office, Any, Any, Any, Any]:
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
    acting = acting_required(user=actor, position=position)
    if second_factor_refusal := reauth.second_factor_refusal(actor=actor):
        raise LetterSigningError(second_factor_refusal)
    if secret_refusal := reauth.password_refusal(actor=actor, password=password):
        raise LetterSigningError(secret_refusal)
    version = draft.current_version
    if version.is_specimen and not office.training_mode:
        raise LetterSigningError(
            "Surat dari data yang tidak resmi (sementara atau contoh) tidak dapat "
            "ditandatangani di kantor yang tidak dalam mode latihan."
        )
    problems = version_figure_problems(version=version)
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

    return office, position, acting, version, backend
