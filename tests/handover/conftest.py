import pytest

from autentika.letters.services import letter_sign
from tests.letters.conftest import (  # noqa: F401  (fixtures reused)
    PASSWORD,
    at_drafter,
    at_signer,
    election,
    official,
    signer_keys,
)


@pytest.fixture
def signed_letter(official, at_signer, demo_user, signer_keys):  # noqa: F811
    """Make a certificate letter signed by the Ketua (case in state `signed`)."""

    def make(**kwargs):
        draft = at_signer(**kwargs)
        return letter_sign(
            draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
        )

    return make


@pytest.fixture
def party_user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username="golkar-sumut", password="x-party-pass-1", first_name="Budi", last_name="Santoso"
    )
