"""Signed letters and party accounts, shared by the portal, verification, API and browser
tests (import the fixtures from here)."""

import pytest

from autentika.letters.services import letter_sign
from autentika.portal.services import party_account_create
from tests.letters.conftest import (  # noqa: F401
    PASSWORD,
    at_drafter,
    at_signer,
    election,
    official,
    signer_keys,
    verified,
)

PARTY_PASSWORD = "partai-rahasia-2025"


@pytest.fixture
def sign(at_signer, demo_user, signer_keys):  # noqa: F811
    """A letter signed by the Ketua for a new request of the party with that ballot number."""
    counter = {"n": 0}

    def make(party_number: int = 4):
        counter["n"] += 1
        draft = at_signer(
            party_number=party_number, letter_number=f"{counter['n']:03d}/DPD/SU/2025"
        )
        return letter_sign(
            draft=draft,
            actor=verified(demo_user("ketua")),
            password=PASSWORD,
            passphrase=signer_keys,
        )

    return make


@pytest.fixture
def party_user(sumut, demo_user, election):  # noqa: F811
    """A party account created by Tata Usaha; returns its user."""

    def make(username: str = "golkar1", short_name: str = "Golkar"):
        account = party_account_create(
            office=sumut,
            actor=demo_user("tu"),
            username=username,
            password=PARTY_PASSWORD,
            party_short_name=short_name,
            full_name=f"Pengurus {short_name}",
            party_level="DPD",
        )
        return account.user

    return make
