import pytest
from django.conf import settings
from django.db import connection

from autentika.bulk import views as bulk_views
from autentika.bulk.services import bulk_signing_run, bulk_signing_start
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
    """The background process's start, run here instead (an in-memory SQLite test database
    cannot be shared with another process): what it receives is what the process would."""
    calls = []

    def launch(*, batch, password, passphrase):
        calls.append((password, passphrase))
        bulk_signing_run(batch=batch, password=password, passphrase=passphrase)
        return 1

    monkeypatch.setattr(bulk_views, "bulk_signing_launch", launch)
    return calls


@pytest.fixture
def detached_on_this_database(monkeypatch):
    """The batch's detached process (`manage.py letters_sign_bulk --batch`) works on this
    test's database, files and TSA (detached_settings.py)."""
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.bulk.detached_settings")
    monkeypatch.setenv("AUTENTIKA_DETACHED_DB_NAME", connection.settings_dict["NAME"])
    monkeypatch.setenv("AUTENTIKA_DETACHED_FILES_DIR", str(settings.PRIVATE_FILES_ROOT))
    monkeypatch.setenv("AUTENTIKA_TSA_URL", settings.AUTENTIKA_TSA_URL)
