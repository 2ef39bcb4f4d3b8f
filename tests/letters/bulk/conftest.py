import pytest

from autentika.letters.bulk.services import bulk_signing_start
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
