"""Slowing down token guessing: after `limit` misses within `window`, a client is refused
(HTTP 429) until the window ends. Hits never count, and a valid token is answered even while
its client is throttled (the views look the token up first), and so is a file that is a
recorded letter (`upload_answered_anyway`, before the throttle refuses a posted file):
tokens carry 256 random bits, so the throttle bounds load and noise, not a feasible search,
and one noisy neighbour behind the same address must never hide a genuine QR link."""

import datetime as dt
import hashlib
import hmac
import logging
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from autentika.core.client import client_address
from autentika.core.replica import reads_from_replica
from autentika.verification.models import MissCounter

logger = logging.getLogger(__name__)


def _limit() -> int:
    return int(settings.AUTENTIKA_VERIFY_MISS_LIMIT)


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=int(settings.AUTENTIKA_VERIFY_MISS_WINDOW_MINUTES))


def client_key(request: Any) -> str:
    """A keyed hash of the client address (core/client.py: through the trusted proxies)."""
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def retry_after(key: str, *, now: dt.datetime | None = None) -> int:
    """Seconds the client must wait, or 0 when it may try."""
    now = now or timezone.now()
    row = MissCounter.objects.filter(key=key).first()
    if row is None or row.misses < _limit():
        return 0
    remaining = (row.window_start + _window() - now).total_seconds()
    return max(0, int(remaining) + 1)


def miss_record(key: str, *, now: dt.datetime | None = None) -> None:
    """Counted on the primary; while it cannot be reached (the pages answer from the read
    replica) the miss goes uncounted rather than failing the page: the throttle bounds load,
    it does not guard a secret."""
    try:
        _miss_count(key, now=now or timezone.now())
    except (OperationalError, InterfaceError):
        if not reads_from_replica():
            raise
        logger.warning("verification miss not counted: the primary database does not answer")


@transaction.atomic
def _miss_count(key: str, *, now: dt.datetime) -> None:
    MissCounter.objects.bulk_create(
        [MissCounter(key=key, window_start=now, misses=0)], ignore_conflicts=True
    )
    row = MissCounter.objects.select_for_update().get(key=key)
    if row.window_start + _window() <= now:
        row.window_start = now
        row.misses = 0
    row.misses += 1
    row.save(update_fields=["window_start", "misses"])


def upload_answered_anyway(upload: Any) -> bool:
    """A file posted by a throttled client is still judged when it is a recorded letter (a
    genuine letter is always answered, as a genuine token is); everything else waits."""
    from autentika.verification.services import MAX_VERIFY_BYTES, file_is_recorded

    if upload is None or upload.size is None or upload.size > MAX_VERIFY_BYTES:
        return False
    upload.seek(0)
    recorded = file_is_recorded(content=upload.read())
    upload.seek(0)
    return recorded
