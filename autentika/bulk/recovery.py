"""A batch whose process died (bulk/heartbeat.py: "terhenti"): its signer resumes it, with the
secrets asked again, or cancels it. Either way the items are first reconciled with what was
signed: a letter is numbered and saved in one transaction (`letter_sign`), so an item the dead
process was signing either has its letter (it is marked signed) or has nothing (no number was
used: it waits again). No letter is signed twice and no number is skipped."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.bulk.heartbeat import batch_stalled
from autentika.bulk.models import (
    BulkSigning,
    BulkSigningItemState,
    BulkSigningState,
)
from autentika.bulk.selectors import bulk_progress
from autentika.bulk.services import batch_end, bulk_secrets_check
from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.letters.desks import acting_required
from autentika.letters.models import SignedLetter

NOT_STALLED = (
    "Tanda tangan massal ini tidak terhenti (masih berjalan atau sudah selesai); tidak ada yang "
    "perlu dilanjutkan atau dibatalkan."
)
NOT_THE_SIGNER = "Hanya penanda tangan yang memulai tanda tangan massal ini yang dapat mengubahnya."
CANCELLED = "Dibatalkan oleh penanda tangan setelah prosesnya terhenti; konsep tetap menunggu."


def _stalled_of(*, batch: BulkSigning, actor: Any, now: dt.datetime | None) -> Any:
    if batch.signer_id != actor.pk:
        raise PermissionDenied(NOT_THE_SIGNER)
    acting = acting_required(user=actor, position=batch.signer_position)
    if not batch_stalled(batch, now=now):
        raise ValidationError(NOT_STALLED)
    return acting


def items_reconcile(*, batch: BulkSigning) -> None:
    """Items left `signing` by the dead process: signed if their letter exists, else pending."""
    for item in batch.items.filter(state=BulkSigningItemState.SIGNING).select_related("draft"):
        letter = SignedLetter.objects.filter(draft=item.draft).first()
        item.state = BulkSigningItemState.SIGNED if letter else BulkSigningItemState.PENDING
        item.letter = letter
        item.finished_at = timezone.now() if letter else None
        item.save(update_fields=["state", "letter", "finished_at"])


def _record(*, batch: BulkSigning, acting: Any, event_type: AuditEventType, to_state: str) -> None:
    counts = bulk_progress(batch=batch)
    audit_record(
        event_type=event_type,
        office=batch.office,
        actor=batch.signer,
        acting_position=batch.signer_position,
        acting_capacity=acting.kind,
        target=batch,
        from_state=BulkSigningState.RUNNING,
        to_state=to_state,
        data={"signed": counts.signed, "pending": counts.pending, "skipped": counts.skipped},
    )


def bulk_signing_resume(
    *,
    batch: BulkSigning,
    actor: Any,
    password: str,
    passphrase: str,
    now: dt.datetime | None = None,
) -> BulkSigning:
    """Check the secrets again, as at the start, and queue the batch's unsigned items; the
    caller queues it (runs.signing_run_enqueue) as a new run."""
    acting = _stalled_of(batch=batch, actor=actor, now=now)
    pending = batch.items.exclude(state=BulkSigningItemState.SIGNED).count()
    bulk_secrets_check(
        office=batch.office,
        actor=actor,
        position=batch.signer_position,
        acting=acting,
        drafts=pending,
        password=password,
        passphrase=passphrase,
    )
    with transaction.atomic():
        batch = BulkSigning.objects.select_for_update().get(pk=batch.pk)
        if not batch_stalled(batch, now=now):
            raise ValidationError(NOT_STALLED)
        items_reconcile(batch=batch)
        batch.state = BulkSigningState.QUEUED
        batch.started_at = batch.process_id = None
        # alive from now on: a second click on "Lanjutkan" must not find it stalled again and
        # queue it twice before the worker's first beat
        batch.heartbeat_at = now or timezone.now()
        batch.error = ""
        batch.second_factor_verified = bool(getattr(actor, "is_verified", lambda: False)())
        batch.save(
            update_fields=[
                "state",
                "started_at",
                "heartbeat_at",
                "process_id",
                "error",
                "second_factor_verified",
            ]
        )
        _record(
            batch=batch,
            acting=acting,
            event_type=AuditEventType.LETTER_BULK_SIGNING_RESUMED,
            to_state=BulkSigningState.QUEUED,
        )
    return batch


def bulk_signing_cancel(
    *, batch: BulkSigning, actor: Any, now: dt.datetime | None = None
) -> BulkSigning:
    """End a stalled batch: what was signed stays signed, the rest is not processed and waits
    for a signature as before."""
    acting = _stalled_of(batch=batch, actor=actor, now=now)
    with transaction.atomic():
        batch = BulkSigning.objects.select_for_update().get(pk=batch.pk)
        if not batch_stalled(batch, now=now):
            raise ValidationError(NOT_STALLED)
        items_reconcile(batch=batch)
        batch_end(batch=batch, state=BulkSigningState.CANCELLED, error=CANCELLED)
        _record(
            batch=batch,
            acting=acting,
            event_type=AuditEventType.LETTER_BULK_SIGNING_CANCELLED,
            to_state=BulkSigningState.CANCELLED,
        )
    return batch
