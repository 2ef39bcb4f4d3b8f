"""The cache every app server shares (settings CACHES): Django's database cache, whose failures
are misses. A page is never refused because its cache could not be read or written: with the
primary database down, the verification pages are answered from the replica while the cache's
writes have nowhere to go; the page is then drawn without it."""

import base64
import datetime as dt
import logging
import pickle
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router
from django.utils import timezone

logger = logging.getLogger(__name__)
CULL_CHECK_EVERY = 50


class SharedDatabaseCache(DatabaseCache):
    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        try:
            return super().get_many(keys, version=version)
        except DatabaseError as error:
            logger.warning("shared cache not readable: %s", error)
            return {}

    def _base_set(self, mode: str, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT) -> bool:
        try:
            if mode == "set":
                return self._upsert(key, value, timeout)
            return super()._base_set(mode, key, value, timeout)  # type: ignore[misc]
        except DatabaseError as error:
            logger.warning("shared cache not writable: %s", error)
            return False

    def _upsert(self, key: str, value: Any, timeout: Any) -> bool:
        """`set` in one statement. Django's own counts the whole table, then reads the key, then
        inserts or updates it, in a transaction: three round trips and a scan at every write
        (a first visit of a QR page writes its page, an upload check its report). The table is
        counted, and culled past MAX_ENTRIES as Django does, at one write in CULL_CHECK_EVERY of
        this connection: it may hold that many entries more for a while."""
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        expires = dt.datetime.max if timeout is None else dt.datetime.fromtimestamp(timeout, dt.UTC)
        expires = expires.replace(microsecond=0, tzinfo=dt.UTC)
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            self._writes = getattr(self, "_writes", 0) + 1
            if (self._writes - 1) % CULL_CHECK_EVERY == 0:  # the first write, then every Nth
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                entries = cursor.fetchone()[0]
                if entries > self._max_entries:
                    now = timezone.now().replace(microsecond=0)
                    self._cull(db, cursor, now, entries)  # type: ignore[attr-defined]
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
                "ON CONFLICT (cache_key) DO UPDATE "
                "SET value = EXCLUDED.value, expires = EXCLUDED.expires",
                [key, encoded, connection.ops.adapt_datetimefield_value(expires)],
            )
        return True

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version=version)
        except DatabaseError as error:
            logger.warning("shared cache not readable: %s", error)
            return False

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout=timeout, version=version)
        except DatabaseError as error:
            logger.warning("shared cache not writable: %s", error)
            return False

    def _base_delete_many(self, keys: Any) -> bool:
        try:
            return super()._base_delete_many(keys)  # type: ignore[misc]
        except DatabaseError as error:
            logger.warning("shared cache not writable: %s", error)
            return False
