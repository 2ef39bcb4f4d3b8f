"""Tanda tangan massal: the signer confirms once and every chosen draft is signed exactly as a
single signing would sign it; a refused letter does not stop the others."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from autentika.bulk.models import BulkSigningItemState, BulkSigningState
from autentika.bulk.selectors import bulk_progress, drafts_awaiting_signature
from autentika.bulk.services import bulk_signing_run, bulk_signing_start
from autentika.cases.models import CaseState
from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.errors import LetterSigningError
from autentika.letters.models import SignedLetter
from autentika.results.models import PartyResult
from autentika.signing import reauth
from tests.support.letters import PASSWORD


def _start(sumut, ketua, drafts, passphrase, password=PASSWORD):
    return bulk_signing_start(
        office=sumut,
        actor=ketua,
        draft_ids=[draft.pk for draft in drafts],
        password=password,
        passphrase=passphrase,
    )


@pytest.mark.django_db
def test_every_chosen_draft_is_signed_with_consecutive_numbers(
    official, at_signer, demo_user, signer_keys, sumut
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(3)]
    ketua = demo_user("ketua")
    assert list(drafts_awaiting_signature(user=ketua, office=sumut)) == drafts
    batch = _start(sumut, ketua, drafts, signer_keys)
    assert batch.state == BulkSigningState.QUEUED
    assert batch.workers == 1  # the test settings: one worker (SQLite: always one)
    batch = bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys)
    assert batch.state == BulkSigningState.DONE
    letters = SignedLetter.objects.order_by("sequence")
    assert [letter.sequence for letter in letters] == [1, 2, 3]
    assert len({letter.number for letter in letters}) == 3
    assert {letter.draft_id for letter in letters} == {draft.pk for draft in drafts}
    for draft in drafts:
        draft.case.refresh_from_db()
        assert draft.case.state == CaseState.SIGNED
    # each letter has the single signing's own audit event, and the batch its start and end
    assert AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGNED).count() == 3
    started = AuditEvent.objects.get(event_type=AuditEventType.LETTER_BULK_SIGNING_STARTED)
    assert started.data["drafts"] == [draft.pk for draft in drafts]
    finished = AuditEvent.objects.get(event_type=AuditEventType.LETTER_BULK_SIGNING_FINISHED)
    assert finished.data["signed"] == 3 and finished.data["failed"] == 0
    assert list(drafts_awaiting_signature(user=ketua, office=sumut)) == []


@pytest.mark.django_db
def test_one_refused_draft_stays_at_signing_and_the_others_are_signed(
    official, at_signer, demo_user, signer_keys, sumut
):
    drafts = [
        at_signer(party_number=number, letter_number=f"{number}/DPD/2025") for number in (4, 5, 12)
    ]
    ketua = demo_user("ketua")
    batch = _start(sumut, ketua, drafts, signer_keys)
    # After the paraf, the archive changes under the second draft's party: the figure check
    # refuses that letter at signing.
    row = PartyResult.objects.filter(party=drafts[1].case.party).first()
    row.votes += 1
    row.save()
    bulk_signing_run(batch=batch, password=PASSWORD, passphrase=signer_keys)
    progress = bulk_progress(batch=batch)
    assert (progress.signed, progress.failed) == (2, 1)
    failed = batch.items.get(state=BulkSigningItemState.FAILED)
    assert failed.draft == drafts[1]
    assert "tidak ada nomor yang terpakai" in failed.error
    failed.draft.case.refresh_from_db()
    assert failed.draft.case.state == CaseState.SIGNING
    # numbers stay gapless: the refusal consumed none
    sequences = sorted(SignedLetter.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, progress.signed + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("wrong", ["password", "passphrase"])
def test_a_wrong_secret_signs_nothing_and_counts_toward_the_lockout(
    official, at_signer, demo_user, signer_keys, sumut, settings, wrong
):
    settings.AXES_FAILURE_LIMIT = 2
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(2)]
    ketua = demo_user("ketua")
    secrets = {"password": PASSWORD, "passphrase": signer_keys, wrong: "salah"}
    for _ in range(2):
        with pytest.raises(LetterSigningError) as refused:
            _start(sumut, ketua, drafts, secrets["passphrase"], password=secrets["password"])
        assert refused.value.messages == [reauth.WRONG_SECRET]
    assert SignedLetter.objects.count() == 0
    assert reauth.lockout_remaining(actor=ketua) > 0
    # locked: even the right secrets are refused now, for single signing too
    with pytest.raises(LetterSigningError, match="dikunci"):
        _start(sumut, ketua, drafts, signer_keys)


@pytest.mark.django_db
def test_only_the_signer_holding_the_desk_may_start(
    official, at_signer, demo_user, signer_keys, sumut
):
    draft = at_signer()
    with pytest.raises(PermissionDenied):
        _start(sumut, demo_user("sekretaris"), [draft], signer_keys)
    with pytest.raises(ValidationError, match="Pilih sedikitnya"):
        _start(sumut, demo_user("ketua"), [], signer_keys)


@pytest.mark.django_db
def test_a_draft_not_awaiting_signature_cannot_be_slipped_in(
    official, at_signer, at_drafter, demo_user, signer_keys, sumut
):
    from autentika.letters.drafting import draft_create

    ready = at_signer()
    case = at_drafter(letter_number="9/DPD/2025")
    editing = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    with pytest.raises(ValidationError, match="tidak \\(lagi\\) menunggu"):
        _start(sumut, demo_user("ketua"), [ready, editing], signer_keys)
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.LETTER_BULK_SIGNING_STARTED
    ).exists()


@pytest.mark.django_db
def test_a_second_batch_waits_for_the_first(official, at_signer, demo_user, signer_keys, sumut):
    first, second = at_signer(letter_number="1/DPD/2025"), at_signer(letter_number="2/DPD/2025")
    ketua = demo_user("ketua")
    _start(sumut, ketua, [first], signer_keys)
    # the first batch's draft is no longer offered; another batch waits for it to finish
    assert list(drafts_awaiting_signature(user=ketua, office=sumut)) == [second]
    with pytest.raises(ValidationError, match="masih berjalan"):
        _start(sumut, ketua, [second], signer_keys)
