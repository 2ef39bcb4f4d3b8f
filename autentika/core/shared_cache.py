"""The cache every app server shares (settings CACHES): Django's database cache, whose failures
are misses. A page is never refused because its cache could not be read or written: with the
primary database down, the verification pages are answered from the replica while the cache's
writes have nowhere to go; the page is then drawn without it."""

import logging
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError

logger = logging.getLogger(__name__)


class SharedDatabaseCache(DatabaseCache):
    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        try:
            return super().get_many(keys, version=version)
        except DatabaseError as error:
            logger.warning("shared cache not readable: %s", error)
            return {}

    def _base_set(self, mode: str, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT) -> bool:
        try:
            return super()._base_set(mode, key, value, timeout)  # type: ignore[misc]
        except DatabaseError as error:
            logger.warning("shared cache not writable: %s", error)
            return False

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
