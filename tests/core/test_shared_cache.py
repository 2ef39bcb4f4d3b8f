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
