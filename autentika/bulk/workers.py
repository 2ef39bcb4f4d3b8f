"""The processes that sign a batch's items. Each worker is forked from the batch's process
(which holds no database connection at that moment), opens its own connection, loads the
signer once and signs item after item through `letter_sign`. The password and passphrase
reach a worker only as memory inherited at fork (the pool's initializer arguments are never
pickled under the fork start method): never a file, a pipe to disk, or the database.
"""

import logging
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.util import Finalize
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone

from autentika.bulk.heartbeat import heartbeat_write
from autentika.bulk.models import BulkSigning, BulkSigningItem, BulkSigningItemState
from autentika.letters.services import letter_sign
from autentika.signing import reauth

logger = logging.getLogger(__name__)

STOPPED = (
    "Tidak diproses: tanda tangan massal dihentikan karena kata sandi, frasa sandi atau "
    "verifikasi dua langkah ditolak. Konsep tetap menunggu tanda tangan."
)
TECHNICAL = (
    "Penandatanganan gagal karena kesalahan teknis; rinciannya dicatat di log server. Konsep "
    "tetap menunggu tanda tangan."
)

# One per process: the batch being signed, its signer and the secrets (memory only).
_context: dict[str, Any] = {}


def worker_init(batch_id: int, password: str, passphrase: str, stop: Any) -> None:
    _context.clear()
    _context.update(batch_id=batch_id, password=password, passphrase=passphrase, stop=stop)
    _context["actor"] = None


def _worker_process_init(batch_id: int, password: str, passphrase: str, stop: Any) -> None:
    worker_init(batch_id, password, passphrase, stop)
    # Close this worker's own connection when the pool ends it.
    Finalize(None, connections.close_all, exitpriority=10)


def _actor() -> Any:
    if _context["actor"] is None:
        batch = BulkSigning.objects.select_related("signer").get(pk=_context["batch_id"])
        actor: Any = batch.signer
        if batch.second_factor_verified:
            # The start was confirmed in a session its second factor verified
            # (bulk_signing_start); this process has no session of its own.
            actor.is_verified = lambda: True
        _context["actor"] = actor
    return _context["actor"]


def _stops_the_batch(messages: list[str], actor: Any) -> bool:
    """A wrong secret, a lockout or a missing second factor would refuse every other letter
    too, and each refusal would count toward the lockout: stop."""
    if reauth.WRONG_SECRET in messages or reauth.SECOND_FACTOR_MISSING in messages:
        return True
    return reauth.lockout_remaining(actor=actor) > 0


def _finish(item: BulkSigningItem, state: str, *, error: str = "", letter: Any = None) -> None:
    item.state = state
    item.error = error
    item.letter = letter
    item.finished_at = timezone.now()
    item.save(update_fields=["state", "error", "letter", "finished_at"])


def item_sign(item_id: int) -> str:
    """Sign one item's draft; record the outcome on the item. Returns the item's new state."""
    item = BulkSigningItem.objects.select_related("draft").get(pk=item_id)
    if _context["stop"].is_set():
        _finish(item, BulkSigningItemState.SKIPPED, error=STOPPED)
        return item.state
    actor = _actor()
    item.state = BulkSigningItemState.SIGNING
    item.save(update_fields=["state"])
    try:
        letter = letter_sign(
            draft=item.draft,
            actor=actor,
            password=_context["password"],
            passphrase=_context["passphrase"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages = list(getattr(error, "messages", [str(error)]))
        _finish(item, BulkSigningItemState.FAILED, error=" ".join(messages))
        if _stops_the_batch(messages, actor):
            _context["stop"].set()
    except Exception:
        logger.exception("bulk signing: item %s failed", item_id)
        _finish(item, BulkSigningItemState.FAILED, error=TECHNICAL)
    else:
        _finish(item, BulkSigningItemState.SIGNED, letter=letter)
    return item.state


def items_sign(
    *,
    batch_id: int,
    item_ids: list[int],
    workers: int,
    password: str,
    passphrase: str,
    progress: Callable[[int, str], None] | None = None,
) -> None:
    """Sign the items with `workers` forked processes, or here when `workers` is 1."""
    if workers <= 1:
        worker_init(batch_id, password, passphrase, threading.Event())
        try:
            for item_id in item_ids:
                state = item_sign(item_id)
                heartbeat_write(batch_id=batch_id)
                if progress:
                    progress(item_id, state)
        finally:
            _context.clear()
        return
    fork = multiprocessing.get_context("fork")
    stop = fork.Event()
    # A forked worker must not share this process's database socket.
    connections.close_all()
    pool = fork.Pool(
        workers,
        initializer=_worker_process_init,
        initargs=(batch_id, password, passphrase, stop),
        # A worker is replaced after this many letters: the memory WeasyPrint, Pango and
        # pyHanko keep from letter to letter is returned (docs/BENCHMARKS.md "batch").
        maxtasksperchild=settings.AUTENTIKA_BULK_SIGNING_LETTERS_PER_WORKER or None,
    )
    try:
        for item_id, state in zip(
            item_ids, pool.imap(item_sign, item_ids, chunksize=1), strict=True
        ):
            heartbeat_write(batch_id=batch_id)
            if progress:
                progress(item_id, state)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
