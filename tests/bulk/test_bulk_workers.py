"""Tanda tangan massal with several worker processes on PostgreSQL: parallel `letter_sign`
calls queue at the outgoing counter without deadlock, and the numbers stay gapless."""

import pytest

from autentika.bulk.models import BulkSigningItemState, BulkSigningState
from autentika.bulk.selectors import bulk_progress
from autentika.bulk.services import bulk_signing_run
from autentika.letters.models import SignedLetter
from tests.support.letters import PASSWORD

DRAFTS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_processes_sign_every_draft_with_unique_consecutive_numbers(
    official, batch_started, signer_keys
):
    batch, _ = batch_started(count=DRAFTS, workers=3)
    assert batch.workers == 3
    batch = bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys)
    assert batch.state == BulkSigningState.DONE, batch.error
    assert bulk_progress(batch=batch).signed == DRAFTS
    sequences = sorted(SignedLetter.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, DRAFTS + 1))
    assert set(batch.items.values_list("state", flat=True)) == {BulkSigningItemState.SIGNED}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_replaced_after_each_letter_still_sign_every_draft_once(
    official, batch_started, signer_keys, settings
):
    # Each worker process signs one letter and is replaced by a fresh one (the memory its
    # libraries keep is returned); the replacements inherit the secrets and sign the rest.
    settings.AUTENTIKA_BULK_SIGNING_LETTERS_PER_WORKER = 1
    batch, drafts = batch_started(count=4, workers=2)
    batch = bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys)
    assert batch.state == BulkSigningState.DONE, batch.error
    assert sorted(SignedLetter.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4]
    signed_by = set(batch.items.values_list("letter__case_id", flat=True))
    assert signed_by == {draft.case_id for draft in drafts}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_secret_changed_after_the_start_stops_the_workers(
    official, batch_started, demo_user, signer_keys
):
    batch, _ = batch_started(count=4, workers=2)
    ketua = demo_user("ketua")
    # the password changes between the start and the run: the first refusals stop the rest
    ketua.set_password("kata-sandi-baru")
    ketua.save()
    bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys)
    progress = bulk_progress(batch=batch)
    assert progress.signed == 0
    assert progress.failed >= 1 and progress.failed + progress.skipped == 4
    assert SignedLetter.objects.count() == 0
