"""The batch's heartbeat: the process signing a batch writes `heartbeat_at` every
`HEARTBEAT_SECONDS` from a thread of its own (one connection of its own) and after every item;
a batch still queued or running whose last sign of life is older than `STALE_AFTER` was left by a
process that died (killed, the server restarted) and is "terhenti": its signer may resume or
cancel it (bulk/recovery.py). The threshold is several beats, so one slow write never makes a
living batch look dead."""

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection
from django.utils import timezone

from autentika.bulk.models import BulkSigning, BulkSigningState

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
STALE_AFTER = dt.timedelta(seconds=6 * HEARTBEAT_SECONDS)


def heartbeat_write(*, batch_id: int) -> None:
    BulkSigning.objects.filter(pk=batch_id).update(heartbeat_at=timezone.now())


def _beat_until(stop: threading.Event, batch_id: int) -> None:
    while not stop.wait(HEARTBEAT_SECONDS):
        try:
            heartbeat_write(batch_id=batch_id)
        except DatabaseError:
            logger.warning("bulk signing %s: heartbeat not written", batch_id, exc_info=True)
        finally:
            # No connection stays open between beats: the batch's process forks its workers,
            # and a child must not inherit a socket this thread would go on using.
            connection.close()


@contextmanager
def heartbeat_kept(*, batch_id: int) -> Iterator[None]:
    """While the block runs, a thread writes the batch's heartbeat (for a process that signs
    the batch in the background: the task worker)."""
    heartbeat_write(batch_id=batch_id)
    stop = threading.Event()
    beater = threading.Thread(
        target=_beat_until, args=(stop, batch_id), name=f"heartbeat-{batch_id}", daemon=True
    )
    beater.start()
    try:
        yield
    finally:
        stop.set()
        beater.join()


def batch_stalled(batch: BulkSigning, *, now: dt.datetime | None = None) -> bool:
    """Queued or running, and no sign of life for longer than `STALE_AFTER`; a queued run
    behind another that the worker is signing (beating) waits its turn, it is not stalled."""
    if batch.state not in (BulkSigningState.QUEUED, BulkSigningState.RUNNING):
        return False
    now = now or timezone.now()
    last_seen = batch.heartbeat_at or batch.started_at or batch.created_at
    if now - last_seen <= STALE_AFTER:
        return False
    return not (batch.state == BulkSigningState.QUEUED and worker_busy(now=now))


def worker_busy(*, now: dt.datetime) -> bool:
    """Some run is being signed and beating: the signing worker is alive (and busy)."""
    return BulkSigning.objects.filter(
        state=BulkSigningState.RUNNING, heartbeat_at__gt=now - STALE_AFTER
    ).exists()
