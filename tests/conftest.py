import os

import pytest
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from autentika.organization.demo import SUMUT, demo_office_seed
from tests.live_server import live_server_serialise

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


@pytest.fixture(scope="session")
def demo_pki():  # type: ignore[no-untyped-def]
    """The demo CA (Certomancer) with its TSA, OCSP and CRL services on a free local port,
    once per test session; letters signed in tests are B-LTA through these real services."""
    from django.conf import settings

    from autentika.demo import demo_ca, pki_service

    server = pki_service.port_bind_free()
    url = f"http://{pki_service.DEFAULT_HOST}:{server.server_port}"
    settings.AUTENTIKA_DEMO_PKI_URL = url
    settings.AUTENTIKA_TSA_URL = f"{url}/{demo_ca.ARCH}/tsa/tsa"
    ca = demo_ca.demo_ca_current()
    service = pki_service.pki_service_serve(server=server, ca=ca)
    yield ca
    service.stop()


@pytest.fixture(scope="session", autouse=True)
def _demo_pki_of_this_worker(demo_pki):  # type: ignore[no-untyped-def]
    """Every test, whichever ran before it on this worker, meets the demo CA of this worker on
    its own free port: a command that serves the demo CA itself (demo_request) would otherwise
    take the default port, which another worker's CA may hold."""
    return demo_pki


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


@pytest.fixture
def sumut(db):  # type: ignore[no-untyped-def]
    """KPU Provinsi Sumatera Utara with its six positions and one demo user each."""
    from autentika.organization.models import Office

    return Office.objects.get(code=SUMUT.code)


@pytest.fixture
def demo_user(sumut):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    def get(username: str):  # type: ignore[no-untyped-def]
        return get_user_model().objects.get(username=username)

    return get


BSRE_CLIENT = ("autentika-uji", "rahasia-klien-uji")


@pytest.fixture(scope="session")
def bsre_simulator(demo_pki):  # type: ignore[no-untyped-def]
    """The BSrE simulator on a free local port, once per session, signing with the demo
    PKI's BSrE test intermediate and timestamping with the demo TSA."""
    from django.conf import settings

    from autentika.demo.bsre_simulator import BsreSimulator, simulator_start
    from autentika.demo.signers import demo_signing_passphrase

    simulator = BsreSimulator(
        ca=demo_pki,
        username=BSRE_CLIENT[0],
        password=BSRE_CLIENT[1],
        passphrase=demo_signing_passphrase(),
        tsa_url=settings.AUTENTIKA_TSA_URL,
    )
    service = simulator_start(simulator)
    yield service
    service.stop()


@pytest.fixture(scope="session")
def csc_service(demo_pki):  # type: ignore[no-untyped-def]
    """certomancer-csc-dummy over the demo PKI on a free local port (SCAL 2)."""
    from autentika.demo.csc_service import csc_service_start

    service = csc_service_start(ca=demo_pki)
    yield service
    service.stop()
