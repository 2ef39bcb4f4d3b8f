"""Tanda tangan massal with several worker processes on PostgreSQL: parallel `letter_sign`
calls queue at the outgoing counter without deadlock, and the numbers stay gapless."""

import pytest

from autentika.letters.bulk.models import BulkSigningItemState, BulkSigningState
from autentika.letters.bulk.selectors import bulk_progress
from autentika.letters.bulk.services import bulk_signing_run, bulk_signing_start
from autentika.letters.models import SignedLetter
from tests.letters.conftest import PASSWORD

DRAFTS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_processes_sign_every_draft_with_unique_consecutive_numbers(
    official, at_signer, demo_user, signer_keys, sumut
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(DRAFTS)]
    batch = bulk_signing_start(
        office=sumut,
        actor=demo_user("ketua"),
        draft_ids=[draft.pk for draft in drafts],
        password=PASSWORD,
        passphrase=signer_keys,
        workers=3,
    )
    assert batch.workers == 3
    batch = bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys)
    assert batch.state == BulkSigningState.DONE, batch.error
    assert bulk_progress(batch=batch).signed == DRAFTS
    sequences = sorted(SignedLetter.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, DRAFTS + 1))
    assert set(batch.items.values_list("state", flat=True)) == {BulkSigningItemState.SIGNED}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_secret_changed_after_the_start_stops_the_workers(
    official, at_signer, demo_user, signer_keys, sumut
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(4)]
    ketua = demo_user("ketua")
    batch = bulk_signing_start(
        office=sumut,
        actor=ketua,
        draft_ids=[draft.pk for draft in drafts],
        password=PASSWORD,
        passphrase=signer_keys,
        workers=2,
    )
    # the password changes between the start and the run: the first refusals stop the rest
    ketua.set_password("kata-sandi-baru")
    ketua.save()
    bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys)
    progress = bulk_progress(batch=batch)
    assert progress.signed == 0
    assert progress.failed >= 1 and progress.failed + progress.skipped == 4
    assert SignedLetter.objects.count() == 0
