import pytest

from autentika.bulk import runs
from autentika.bulk.sealed import secrets_open as real_secrets_open
from autentika.bulk.services import bulk_signing_start
from tests.support.letters import PASSWORD


@pytest.fixture
def batch_started(at_signer, demo_user, signer_keys, sumut):
    """A bulk signing of `count` fresh drafts started by the Ketua with `workers` processes;
    returns (batch, drafts)."""

    def start(*, count: int, workers: int):  # type: ignore[no-untyped-def]
        drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(count)]
        batch = bulk_signing_start(
            office=sumut,
            actor=demo_user("ketua"),
            draft_ids=[draft.pk for draft in drafts],
            password=PASSWORD,
            passphrase=signer_keys,
            workers=workers,
        )
        return batch, drafts

    return start


@pytest.fixture
def launched(monkeypatch):
    """The secrets each signing run's task opened (the tests run it at once, in the request:
    settings/test.py): what the worker received, after their trip sealed to its key."""
    opened = []

    def secrets_open(**kwargs):  # type: ignore[no-untyped-def]
        secrets = real_secrets_open(**kwargs)
        opened.append((secrets["password"], secrets["passphrase"]))
        return secrets

    monkeypatch.setattr(runs, "secrets_open", secrets_open)
    return opened
