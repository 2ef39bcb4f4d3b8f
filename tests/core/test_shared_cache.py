"""The shared cache's failures are misses (core/shared_cache.py): with its table out of reach
(the primary down while the replica answers the page) a page is drawn without it, never
refused."""

import pytest
from django.core.cache import caches


@pytest.mark.django_db
def test_a_cache_out_of_reach_answers_as_empty_and_refuses_nothing(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "autentika.core.shared_cache.SharedDatabaseCache",
            "LOCATION": "autentika_cache_out_of_reach",
        }
    }
    cache = caches["default"]
    assert cache.get("verify-page:1") is None
    assert cache.get_many(["a", "b"]) == {}
    cache.set("verify-page:1", "<html>", 60)  # no error: the page goes on without it
    assert cache.add("verify-page:2", "<html>", 60) is False
    assert cache.delete("verify-page:1") is False
    cache.delete_many(["verify-page:1", "verify-page:2"])


def _shared(settings, **options):  # type: ignore[no-untyped-def]
    settings.CACHES = {
        "default": {
            "BACKEND": "autentika.core.shared_cache.SharedDatabaseCache",
            "LOCATION": "autentika_cache",
            "OPTIONS": options,
        }
    }
    return caches["default"]


@pytest.mark.django_db
def test_a_value_set_again_replaces_the_first_and_lives_its_own_timeout(settings):
    cache = _shared(settings)
    cache.set("verify-page:1", ("stamp-a", "<html>a"), 60)
    cache.set("verify-page:1", ("stamp-b", "<html>b"), 60)
    assert cache.get("verify-page:1") == ("stamp-b", "<html>b")
    cache.set("verify-page:2", "kept for ever", None)
    cache.set("verify-page:3", "already gone", -1)
    assert cache.get("verify-page:2") == "kept for ever"
    assert cache.get("verify-page:3") is None


@pytest.mark.django_db
def test_the_table_is_culled_past_its_maximum_at_the_periodic_count(settings, monkeypatch):
    from autentika.core import shared_cache

    monkeypatch.setattr(shared_cache, "CULL_CHECK_EVERY", 1)
    cache = _shared(settings, MAX_ENTRIES=10, CULL_FREQUENCY=2)
    for number in range(40):
        cache.set(f"key-{number}", number, 60)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM autentika_cache")
        entries = cursor.fetchone()[0]
    assert entries <= 11  # at most the maximum and the one written after the last cull
    assert cache.get("key-39") == 39
