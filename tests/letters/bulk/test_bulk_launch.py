"""The web request's bulk signing runs in a detached process of its own: started with the
secrets on its stdin, it signs every draft after the request has returned."""

import time

import pytest
from django.conf import settings
from django.db import connection

from autentika.letters.bulk.launch import bulk_signing_launch
from autentika.letters.bulk.models import BulkSigning, BulkSigningState
from autentika.letters.bulk.selectors import bulk_progress
from autentika.letters.bulk.services import bulk_signing_start
from autentika.letters.models import SignedLetter
from tests.support.letters import PASSWORD


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_detached_process_signs_the_batch(
    official, at_signer, demo_user, signer_keys, sumut, monkeypatch
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(3)]
    batch = bulk_signing_start(
        office=sumut,
        actor=demo_user("ketua"),
        draft_ids=[draft.pk for draft in drafts],
        password=PASSWORD,
        passphrase=signer_keys,
        workers=2,
    )
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.letters.bulk.detached_settings")
    monkeypatch.setenv("AUTENTIKA_DETACHED_DB_NAME", connection.settings_dict["NAME"])
    monkeypatch.setenv("AUTENTIKA_DETACHED_FILES_DIR", str(settings.PRIVATE_FILES_ROOT))
    monkeypatch.setenv("AUTENTIKA_TSA_URL", settings.AUTENTIKA_TSA_URL)
    started = time.monotonic()
    pid = bulk_signing_launch(batch=batch, password=PASSWORD, passphrase=signer_keys)
    assert pid is not None
    while time.monotonic() - started < 180:
        batch.refresh_from_db()
        if batch.is_finished:
            break
        time.sleep(0.5)
    assert batch.state == BulkSigningState.DONE, batch.error
    assert batch.process_id == pid  # the detached child, not the process the request waited for
    assert bulk_progress(batch=batch).signed == 3
    assert sorted(SignedLetter.objects.values_list("sequence", flat=True)) == [1, 2, 3]


@pytest.mark.django_db
def test_a_process_that_cannot_start_leaves_the_batch_failed_and_nothing_signed(
    official, at_signer, demo_user, signer_keys, sumut, monkeypatch
):
    from autentika.letters.bulk import launch

    batch = bulk_signing_start(
        office=sumut,
        actor=demo_user("ketua"),
        draft_ids=[at_signer().pk],
        password=PASSWORD,
        passphrase=signer_keys,
    )
    monkeypatch.setattr(launch, "bulk_command", lambda batch: ["false"])
    assert bulk_signing_launch(batch=batch, password=PASSWORD, passphrase=signer_keys) is None
    batch = BulkSigning.objects.get(pk=batch.pk)
    assert batch.state == BulkSigningState.FAILED and "tidak dapat dimulai" in batch.error
    assert bulk_progress(batch=batch).skipped == 1
    assert not SignedLetter.objects.exists()
