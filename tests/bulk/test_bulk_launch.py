"""The web request's bulk signing runs in a detached process of its own: started with the
secrets on its stdin, it signs every draft after the request has returned."""

import datetime as dt
import os
import signal
import time

import pytest
from django.utils import timezone

from autentika.bulk.heartbeat import STALE_AFTER, batch_stalled
from autentika.bulk.launch import bulk_signing_launch
from autentika.bulk.models import BulkSigning, BulkSigningState
from autentika.bulk.recovery import bulk_signing_resume
from autentika.bulk.selectors import bulk_progress
from autentika.bulk.services import bulk_signing_start
from autentika.letters.models import SignedLetter
from tests.support.letters import PASSWORD


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_detached_process_signs_the_batch(
    official, at_signer, demo_user, signer_keys, sumut, detached_on_this_database
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
    from autentika.bulk import launch

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


def _until(condition, what: str, seconds: float = 180):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"waited {seconds} s for {what}")


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_killed_batch_process_is_resumed_and_every_number_is_used_once(
    official, at_signer, demo_user, signer_keys, sumut, detached_on_this_database
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(5)]
    ketua = demo_user("ketua")
    batch = bulk_signing_start(
        office=sumut,
        actor=ketua,
        draft_ids=[draft.pk for draft in drafts],
        password=PASSWORD,
        passphrase=signer_keys,
        workers=1,
    )
    pid = bulk_signing_launch(batch=batch, password=PASSWORD, passphrase=signer_keys)
    assert pid is not None
    _until(lambda: bulk_progress(batch=batch).signed >= 1, "the first letter")
    os.kill(pid, signal.SIGKILL)
    _until(lambda: _gone(pid), "the killed process to end")
    batch.refresh_from_db()
    signed_before = bulk_progress(batch=batch).signed
    assert batch.state == BulkSigningState.RUNNING and signed_before < len(drafts)

    # A minute and more without a heartbeat: the signer sees it stalled and resumes it.
    later = timezone.now() + STALE_AFTER + dt.timedelta(seconds=1)
    assert batch_stalled(batch, now=later)
    batch = bulk_signing_resume(
        batch=batch, actor=ketua, password=PASSWORD, passphrase=signer_keys, now=later
    )
    assert bulk_signing_launch(batch=batch, password=PASSWORD, passphrase=signer_keys)
    _until(lambda: BulkSigning.objects.get(pk=batch.pk).is_finished, "the resumed batch")
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.DONE, batch.error
    assert bulk_progress(batch=batch).signed == len(drafts)
    assert sorted(SignedLetter.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5]
