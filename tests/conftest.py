import os

import pytest
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from autentika.organization.demo import SUMUT, demo_office_seed
from tests.live_server import live_server_serialise

# The fixtures several folders share (tests/fixtures/__init__.py).
pytest_plugins = [
    "tests.fixtures.services",
    "tests.fixtures.offices",
    "tests.fixtures.cases",
    "tests.fixtures.letters",
    "tests.fixtures.parties",
]

live_server_serialise()

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# "ci" (the default): every run tries the same examples, so a failure is reproducible and a run
# never fails for an input no earlier run met; each test's own max_examples is its fixed count
# (docs/TESTING.md). HYPOTHESIS_PROFILE=explore draws new examples on every run.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", database=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
    # Browser tests last: Playwright keeps an event loop running in the main thread for the
    # rest of the session, which code under test calling asyncio.run() must not meet.
    items.sort(key=lambda item: item.nodeid.startswith("tests/e2e/"))


@pytest.fixture(autouse=True)
def _audit_triggers_lifted_before_flush(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Tests on a real transaction end by emptying the database (flush: DELETE on SQLite),
    which the audit log's triggers refuse: lift them just before; post_migrate, run by flush,
    puts them back. Set up after the database fixture, so torn down before its flush."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from autentika.core.audit_chain import sqlite_triggers_lift

    sqlite_triggers_lift()
    _demo_office_emptied[0] = True


# The demo office is seeded once per worker, committed, right after the test database is made:
# each test's transaction then starts from it and rolls its own changes back. A test on a real
# transaction ends by emptying the database; the office is seeded again before the next test.
_demo_office_emptied = [False]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        demo_office_seed(SUMUT)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):  # type: ignore[no-untyped-def]
    result = yield
    if _demo_office_emptied[0] and nextitem is not None:
        _demo_office_emptied[0] = False
        with item.config.stash[blocking_manager_key].unblock():
            demo_office_seed(SUMUT)
    return result
