"""Property-based: requests generated from /api/v1/openapi.json never get a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from autentika.config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _data(transactional_db, settings):  # type: ignore[no-untyped-def]
    settings.AUTENTIKA_VERIFY_MISS_LIMIT = 10**6


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case):  # type: ignore[no-untyped-def]
    case.call_and_validate(checks=[not_a_server_error])
