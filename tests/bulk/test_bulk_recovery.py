"""A bulk signing whose process died ("terhenti": killed, or the server restarted): its signer
sees it on the batch's page and resumes it, the secrets asked again, or cancels it. What was
signed stays signed, no letter is signed twice and no number is skipped."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from autentika.bulk.heartbeat import batch_stalled
from autentika.bulk.models import (
    BulkSigning,
    BulkSigningItem,
    BulkSigningItemState,
    BulkSigningState,
)
from autentika.bulk.selectors import bulk_progress, drafts_awaiting_signature
from autentika.bulk.services import bulk_signing_run
from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.models import SignedLetter
from tests.support.letters import PASSWORD


class ProcessKilled(BaseException):
    """The batch's process ends between two letters, as a SIGKILL would end it."""


@pytest.fixture
def died_after_one_letter(official, batch_started, signer_keys):
    """A batch of three drafts whose process died after signing the first one, its last sign of
    life five minutes ago."""

    def killed(item_id, state):  # type: ignore[no-untyped-def]
        raise ProcessKilled

    batch, drafts = batch_started(count=3, workers=1)
    with pytest.raises(ProcessKilled):
        bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys, progress=killed)
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.RUNNING and not batch_stalled(batch)
    BulkSigning.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5)
    )
    batch.refresh_from_db()
    return batch, drafts


def _sequences() -> list[int]:
    return sorted(SignedLetter.objects.values_list("sequence", flat=True))


@pytest.mark.django_db
def test_a_batch_still_beating_is_not_offered_to_resume(
    client, official, batch_started, signer_keys, demo_user
):
    batch, _ = batch_started(count=1, workers=1)
    BulkSigning.objects.filter(pk=batch.pk).update(
        state=BulkSigningState.RUNNING, heartbeat_at=timezone.now() - dt.timedelta(seconds=20)
    )
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("bulk:detail", args=[batch.pk])).content.decode()
    assert "Proses terhenti" not in page
    response = client.post(
        reverse("bulk:resume", args=[batch.pk]),
        {"password": PASSWORD, "passphrase": signer_keys},
    )
    assert "tidak terhenti" in response.content.decode()
    assert not SignedLetter.objects.exists()


@pytest.mark.django_db
def test_a_run_queued_behind_one_being_signed_waits_its_turn(
    client, official, batch_started, demo_user
):
    """One worker signs one run at a time: a run queued for minutes behind a batch it is
    signing (beating) waits its turn and is not offered to resume; once that batch's worker
    falls silent too, the queued run is stalled."""
    waiting, _ = batch_started(count=1, workers=1)
    now = timezone.now()
    signing = BulkSigning.objects.get(pk=waiting.pk)  # another run, of another signer's
    signing.pk, signing.signer = None, demo_user("sekretaris")
    signing.save()
    BulkSigning.objects.filter(pk=signing.pk).update(
        state=BulkSigningState.RUNNING, heartbeat_at=now - dt.timedelta(seconds=20)
    )
    BulkSigning.objects.filter(pk=waiting.pk).update(
        state=BulkSigningState.QUEUED, created_at=now - dt.timedelta(minutes=5), heartbeat_at=None
    )
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("bulk:detail", args=[waiting.pk])).content.decode()
    assert "Menunggu giliran" in page and "Proses terhenti" not in page

    BulkSigning.objects.filter(pk=signing.pk).update(heartbeat_at=now - dt.timedelta(minutes=5))
    page = client.get(reverse("bulk:detail", args=[waiting.pk])).content.decode()
    assert "Proses terhenti" in page and "Menunggu giliran" not in page


@pytest.mark.django_db
def test_the_signer_resumes_a_stalled_batch_with_the_secrets_asked_again(
    client, died_after_one_letter, demo_user, signer_keys, launched
):
    batch, drafts = died_after_one_letter
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("bulk:detail", args=[batch.pk])).content.decode()
    assert "Proses terhenti" in page and "Lanjutkan tanda tangan" in page
    assert "1 dari 3 surat ditandatangani" in page

    wrong = client.post(
        reverse("bulk:resume", args=[batch.pk]),
        {"password": "bukan-kata-sandinya", "passphrase": signer_keys},
    )
    assert wrong.status_code == 400 and not launched
    assert AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGN_FAILED).exists()

    response = client.post(
        reverse("bulk:resume", args=[batch.pk]),
        {"password": PASSWORD, "passphrase": signer_keys},
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.DONE
    assert bulk_progress(batch=batch).signed == 3
    assert _sequences() == [1, 2, 3]  # one number per letter, none skipped
    assert {letter.case_id for letter in SignedLetter.objects.all()} == {
        draft.case_id for draft in drafts
    }
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.LETTER_BULK_SIGNING_RESUMED, target_id=str(batch.pk)
    ).exists()


@pytest.mark.django_db
def test_an_item_the_dead_process_was_signing_is_signed_once(
    client, died_after_one_letter, demo_user, signer_keys, launched
):
    batch, _ = died_after_one_letter
    first, second, _ = batch.items.order_by("order")
    # Killed after the first letter was saved but before its item said so, and while the
    # second item was marked as being signed (its transaction never committed).
    BulkSigningItem.objects.filter(pk=first.pk).update(
        state=BulkSigningItemState.SIGNING, letter=None
    )
    BulkSigningItem.objects.filter(pk=second.pk).update(state=BulkSigningItemState.SIGNING)
    client.force_login(demo_user("ketua"))
    client.post(
        reverse("bulk:resume", args=[batch.pk]),
        {"password": PASSWORD, "passphrase": signer_keys},
    )
    first.refresh_from_db()
    assert first.state == BulkSigningItemState.SIGNED and first.letter is not None
    assert SignedLetter.objects.count() == 3 and _sequences() == [1, 2, 3]


@pytest.mark.django_db
def test_the_signer_cancels_a_stalled_batch_and_the_rest_waits_again(
    client, died_after_one_letter, demo_user, sumut
):
    batch, drafts = died_after_one_letter
    ketua = demo_user("ketua")
    assert not list(drafts_awaiting_signature(user=ketua, office=sumut))  # held by the batch
    client.force_login(ketua)
    client.post(reverse("bulk:cancel", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.CANCELLED
    progress = bulk_progress(batch=batch)
    assert (progress.signed, progress.skipped) == (1, 2)
    assert {draft.pk for draft in drafts_awaiting_signature(user=ketua, office=sumut)} == {
        draft.pk for draft in drafts[1:]
    }
    page = client.get(reverse("bulk:detail", args=[batch.pk])).content.decode()
    assert "Dibatalkan" in page and "Proses terhenti" not in page
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.LETTER_BULK_SIGNING_CANCELLED
    ).exists()


@pytest.mark.django_db
def test_only_the_batchs_signer_may_resume_or_cancel_it(client, died_after_one_letter, demo_user):
    batch, _ = died_after_one_letter
    client.force_login(demo_user("sekretaris"))
    assert client.post(reverse("bulk:cancel", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.RUNNING
