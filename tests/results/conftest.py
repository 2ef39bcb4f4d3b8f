"""The results folder's own fixtures (its helpers: tests/support/results.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from autentika.organization.demo import RI, demo_office_seed
from autentika.results.election_services import decision_create, election_create
from autentika.results.models import DecisionStatus, Legislature
from tests.support.results import keeper


@pytest.fixture
def ri(db):  # type: ignore[no-untyped-def]
    office, _ = demo_office_seed(RI)
    return office


@pytest.fixture
def keeper_election(sumut):  # type: ignore[no-untyped-def]
    """An election the keeper of the results archive creates (no parties or figures yet)."""
    return election_create(
        office=sumut,
        code="uji-2024",
        year=2024,
        legislature=Legislature.DPRD_PROVINSI,
        actor=keeper(sumut),
    )


@pytest.fixture
def decision(keeper_election):  # type: ignore[no-untyped-def]
    return decision_create(
        election=keeper_election,
        number="1 Tahun 2024",
        date=dt.date(2024, 3, 1),
        title="Penetapan hasil uji",
        status=DecisionStatus.OFFICIAL,
        actor=keeper(keeper_election.office),
    )


@pytest.fixture
def dpr_election(ri):  # type: ignore[no-untyped-def]
    return election_create(
        office=ri,
        code="dpr-2024",
        year=2024,
        legislature=Legislature.DPR,
        threshold_percent=Decimal(4),
        actor=keeper(ri),
    )


@pytest.fixture
def dpr_decision(dpr_election):  # type: ignore[no-untyped-def]
    return decision_create(
        election=dpr_election,
        number="360 Tahun 2024",
        date=dt.date(2024, 3, 20),
        title="Penetapan hasil pemilu secara nasional",
        status=DecisionStatus.PROVISIONAL,
        actor=keeper(dpr_election.office),
    )


@pytest.fixture(autouse=True)
def results_urls(settings):  # type: ignore[no-untyped-def]
    settings.ROOT_URLCONF = "tests.results.urls"
