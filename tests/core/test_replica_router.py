"""The replica's router without a replica: writes and migrations on the primary, reads where
Django would put them, the public views it names exist (the pair itself:
tests/core/test_replica.py)."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from autentika.core.read_only import read_only_response
from autentika.core.replica import ReplicaRouter
from autentika.verification.models import MissCounter


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(MissCounter) == "default"
    assert router.db_for_read(MissCounter) is None  # outside a replica-served request
    assert router.allow_migrate("default", "verification")
    assert not router.allow_migrate("replica", "verification")


@pytest.mark.parametrize("name", sorted(settings.AUTENTIKA_REPLICA_VIEWS))
def test_each_view_served_by_the_replica_exists(name):
    arguments = {"verification:letter": ["t"], "verification:trust_root_pem": ["ab"]}
    arguments["api:letter_by_code"] = ["t"]
    try:
        reverse(name, args=arguments.get(name, []))
    except NoReverseMatch:
        pytest.fail(f"{name} names no view")


def test_without_a_replica_an_outage_is_not_called_read_only():
    assert "replica" not in settings.DATABASES
    assert read_only_response(RequestFactory().get("/kotak-masuk/")) is None


def test_a_write_of_the_shared_cache_does_not_pin_the_visitor_to_the_primary():
    """A kept QR page is written to the cache on a replica-served visit; that is no write of the
    visitor's own, so their next public pages may still come from the replica."""
    from django.core.cache import caches

    from autentika.core import replica

    router = ReplicaRouter()
    token = replica._writes.set([])
    try:
        router.db_for_write(caches["default"].cache_model_class)
        assert replica._writes.get() == []
        router.db_for_write(MissCounter)
        assert replica._writes.get() == ["verification.MissCounter"]
    finally:
        replica._writes.reset(token)
