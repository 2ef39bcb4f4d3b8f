"""Tanda tangan massal: start a batch (the secrets checked once, here, in the request) and run
it (every draft through `letters.services.letter_sign`, as a single signing).

The secrets never reach the database, a task argument, a log line or a file: `bulk_signing_start`
checks them and forgets them; the caller hands them to `bulk_signing_run` in memory (the web
request sealed to the task worker's key, bulk/runs.py; the command line directly).
"""

import logging
import os
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from autentika.bulk import workers as bulk_workers
from autentika.bulk.models import (
    BulkSigning,
    BulkSigningItem,
    BulkSigningItemState,
    BulkSigningState,
)
from autentika.bulk.selectors import bulk_progress, drafts_awaiting_signature
from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.letters.desks import acting_required, signer_position
from autentika.letters.errors import LetterSigningError
from autentika.letters.sign_checks import letter_sign_check
from autentika.organization.models import Office
from autentika.organization.second_factor import actor_code_verify, second_factor_enabled
from autentika.signing import backends, reauth

logger = logging.getLogger(__name__)

NOTHING_CHOSEN = "Pilih sedikitnya satu konsep yang akan ditandatangani."
ALREADY_QUEUED = (
    "Konsep ini sedang ditandatangani (menunggu worker atau sedang diproses); lihat "
    "kemajuannya di halaman penandatanganan."
)
STILL_RUNNING = (
    "Tanda tangan massal Anda sebelumnya masih berjalan atau terhenti; tunggu sampai selesai, "
    "atau lanjutkan atau batalkan di halamannya, sebelum memulai yang baru."
)


def bulk_workers_count(*, items: int, requested: int | None = None) -> int:
    """Worker processes for a batch: `requested`, else AUTENTIKA_BULK_SIGNING_WORKERS, else one
    per core; never more than the items, and 1 on SQLite, where signings are serialized anyway
    (letters/signing_lock.py): parallel workers would only wait for one another."""
    wanted = requested or settings.AUTENTIKA_BULK_SIGNING_WORKERS or os.cpu_count() or 1
    if connection.vendor == "sqlite":
        wanted = 1
    return max(1, min(wanted, items))


def _refusal_record(*, office: Office, actor: Any, drafts: int, message: str) -> None:
    """A refused start is written like a refused single signing (`letters.sign_failed`), in its
    own transaction: a wrong secret counts toward the signing lockout (signing/reauth.py)."""
    with transaction.atomic():
        audit_record(
            event_type=AuditEventType.LETTER_SIGN_FAILED,
            office=office,
            actor=actor,
            target=office,
            data={"bulk": True, "drafts": drafts, "error": message},
        )


def bulk_signing_command_line_check(
    *, office: Office, actor: Any, drafts: int, password: str, code: str
) -> None:
    """The command line's secrets in the web's order (issue #27): the password first (a wrong
    one is a `letters.sign_failed` event toward the signing lockout, and the code is then not
    even looked at), then, when a second factor is needed, the authenticator code, each wrong
    code counted toward the code lockout as on the web. Raises LetterSigningError."""
    refusal = reauth.password_refusal(actor=actor, password=password)
    if refusal is not None:
        _refusal_record(office=office, actor=actor, drafts=drafts, message=refusal)
        raise LetterSigningError(refusal)
    if settings.AUTENTIKA_OTP_REQUIRED or second_factor_enabled(actor):
        refusal = actor_code_verify(user=actor, token=code, channel="letters_sign_bulk")
        if refusal is not None:
            raise LetterSigningError(f"{refusal} Tidak ada yang ditandatangani.")


def bulk_signing_start(
    *,
    office: Office,
    actor: Any,
    draft_ids: list[int],
    password: str,
    passphrase: str,
    workers: int | None = None,
) -> BulkSigning:
    """Check, once, that `actor` may sign the chosen drafts now (the signer position, a verified
    second factor, the password and the key's passphrase, the lockout), then record the batch.
    Nothing is signed here; run it with `bulk_signing_run` (or runs.signing_run_enqueue)."""
    if not draft_ids:
        raise ValidationError(NOTHING_CHOSEN)
    position = signer_position(office=office)
    acting = acting_required(user=actor, position=position)
    awaiting = {draft.pk: draft for draft in drafts_awaiting_signature(user=actor, office=office)}
    missing = [pk for pk in draft_ids if pk not in awaiting]
    if missing:
        raise ValidationError(
            f"{len(missing)} konsep yang dipilih tidak (lagi) menunggu tanda tangan Anda; muat "
            "ulang daftar dan pilih kembali."
        )
    if BulkSigning.objects.filter(
        office=office,
        signer=actor,
        state__in=[BulkSigningState.QUEUED, BulkSigningState.RUNNING],
    ).exists():
        raise ValidationError(STILL_RUNNING)
    bulk_secrets_check(
        office=office,
        actor=actor,
        position=position,
        acting=acting,
        drafts=len(draft_ids),
        password=password,
        passphrase=passphrase,
    )
    chosen = [awaiting[pk] for pk in draft_ids]
    with transaction.atomic():
        batch = _run_record(
            office=office,
            actor=actor,
            position=position,
            acting=acting,
            drafts=chosen,
            workers=bulk_workers_count(items=len(chosen), requested=workers),
        )
        audit_record(
            event_type=AuditEventType.LETTER_BULK_SIGNING_STARTED,
            office=office,
            actor=actor,
            acting_position=position,
            acting_capacity=acting.kind,
            target=batch,
            data={
                "drafts": [draft.pk for draft in chosen],
                "cases": [draft.case_id for draft in chosen],
                "workers": batch.workers,
            },
        )
    return batch


def single_signing_start(*, draft: Any, actor: Any, password: str, passphrase: str) -> BulkSigning:
    """A single signing from the web, checked here as `letter_sign` checks it (a refusal is
    shown at once and counted toward the lockout) and recorded as a run of one draft for the
    worker (bulk/runs.py). The letter's own events are its trail (`letters.signed`, or
    `letters.sign_failed`), so the run records no batch events."""
    letter_sign_check(draft=draft, actor=actor, password=password, passphrase=passphrase)
    position = signer_position(office=draft.case.office)
    acting = acting_required(user=actor, position=position)
    with transaction.atomic():
        busy = BulkSigningItem.objects.select_for_update().filter(
            draft=draft,
            batch__state__in=[BulkSigningState.QUEUED, BulkSigningState.RUNNING],
        )
        if busy.exists():
            raise ValidationError(ALREADY_QUEUED)
        return _run_record(
            office=draft.case.office,
            actor=actor,
            position=position,
            acting=acting,
            drafts=[draft],
            workers=1,
            single=True,
        )


def _run_record(
    *,
    office: Office,
    actor: Any,
    position: Any,
    acting: Any,
    drafts: list[Any],
    workers: int,
    single: bool = False,
) -> BulkSigning:
    """The run and one item per draft, in the caller's transaction. The second factor's state
    is the session's now: the worker, which has no session, signs as that verified signer."""
    batch = BulkSigning.objects.create(
        office=office,
        signer=actor,
        signer_position=position,
        signer_capacity=acting.kind,
        second_factor_verified=bool(getattr(actor, "is_verified", lambda: False)()),
        single=single,
        workers=workers,
        created_at=timezone.now(),
    )
    BulkSigningItem.objects.bulk_create(
        BulkSigningItem(batch=batch, draft=draft, order=index)
        for index, draft in enumerate(drafts, start=1)
    )
    return batch


def bulk_secrets_check(
    *,
    office: Office,
    actor: Any,
    position: Any,
    acting: Any,
    drafts: int,
    password: str,
    passphrase: str,
) -> None:
    """A verified second factor, the password and the key's passphrase, each refusal counted
    toward the signing lockout as a single signing's. Raises LetterSigningError."""
    if refusal := reauth.second_factor_refusal(actor=actor):
        raise LetterSigningError(refusal)
    refusal = reauth.password_refusal(actor=actor, password=password)
    if refusal is None:
        refusal = _passphrase_refusal(
            office=office, position=position, actor=actor, acting=acting, passphrase=passphrase
        )
    if refusal is not None:
        _refusal_record(office=office, actor=actor, drafts=drafts, message=refusal)
        raise LetterSigningError(refusal)


def _passphrase_refusal(
    *, office: Office, position: Any, actor: Any, acting: Any, passphrase: str
) -> str | None:
    """The key's passphrase (a local PKCS#12 opens with it; a remote provider reports the
    signer's status), asked of the backend exactly as `letter_sign` does before numbering."""
    try:
        backend = backends.backend_for(office=office, position=position)
        backend.prepare(
            identity=backends.signer_identity(user=actor, assignment=acting),
            passphrase=passphrase,
            at=timezone.now(),
        )
    except LetterSigningError as failure:
        return " ".join(failure.messages)
    return None


def bulk_signing_run(
    *, batch: BulkSigning, password: str, passphrase: str, progress: Any = None
) -> BulkSigning:
    """Sign every pending item of the batch, each through `letter_sign`, with `batch.workers`
    processes (1: in this process). A refused letter stays at signing and the others go on; a
    wrong secret or a lockout stops the rest (they would only count more failures).
    `progress(item)` is called in this process after each item when running in-process."""
    batch.state = BulkSigningState.RUNNING
    batch.started_at = batch.heartbeat_at = timezone.now()
    batch.process_id = os.getpid()
    batch.save(update_fields=["state", "started_at", "heartbeat_at", "process_id"])
    item_ids = list(
        batch.items.filter(state=BulkSigningItemState.PENDING).values_list("pk", flat=True)
    )
    try:
        bulk_workers.items_sign(
            batch_id=batch.pk,
            item_ids=item_ids,
            workers=batch.workers,
            password=password,
            passphrase=passphrase,
            progress=progress,
        )
    except Exception as error:  # the batch must not stay "running" for ever
        logger.exception("bulk signing %s stopped", batch.pk)
        batch.state = BulkSigningState.FAILED
        batch.error = (
            f"Tanda tangan massal berhenti karena kesalahan teknis ({type(error).__name__})."
        )
        BulkSigningItem.objects.filter(batch=batch, state=BulkSigningItemState.PENDING).update(
            state=BulkSigningItemState.SKIPPED, error=batch.error, finished_at=timezone.now()
        )
    else:
        batch.state = BulkSigningState.DONE
    batch.finished_at = timezone.now()
    batch.save(update_fields=["state", "error", "finished_at"])
    if batch.single:
        return batch
    counts = bulk_progress(batch=batch)
    with transaction.atomic():
        audit_record(
            event_type=AuditEventType.LETTER_BULK_SIGNING_FINISHED,
            office=batch.office,
            actor=batch.signer,
            acting_position=batch.signer_position,
            acting_capacity=batch.signer_capacity,
            target=batch,
            from_state=BulkSigningState.RUNNING,
            to_state=batch.state,
            data={
                "signed": counts.signed,
                "failed": counts.failed,
                "skipped": counts.skipped,
                "workers": batch.workers,
            },
        )
    return batch


def bulk_signing_fail(*, batch: BulkSigning, error: str) -> None:
    """The background process could not be started: the batch says so, nothing was signed."""
    batch_end(batch=batch, state=BulkSigningState.FAILED, error=error)


def batch_end(*, batch: BulkSigning, state: str, error: str) -> None:
    """End the batch in `state` with `error`; its items still pending are not processed."""
    BulkSigningItem.objects.filter(batch=batch, state=BulkSigningItemState.PENDING).update(
        state=BulkSigningItemState.SKIPPED, error=error, finished_at=timezone.now()
    )
    batch.state = state
    batch.error = error
    batch.finished_at = timezone.now()
    batch.save(update_fields=["state", "error", "finished_at"])
