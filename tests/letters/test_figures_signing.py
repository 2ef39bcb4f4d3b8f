"""The rule seen from the signer's side: a letter whose free text carries a typed number of any
form is never signed (nothing numbered), and a letter written with placeholders only signs."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autentika.letters.errors import LetterSigningError
from autentika.letters.models import Draft, OutgoingCounter, SignedLetter
from autentika.letters.services import letter_sign
from tests.letters.test_figures import GOOD_WORDS, NUMERALS, PLACEHOLDERS
from tests.support.letters import PASSWORD

FIELDS = st.sampled_from(["subject", "body", "closing", "copies"])


def _examples(count: int) -> settings:
    """The examples share one test's fixtures (one draft); each example rolls back."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def _sign_with(draft, demo_user, passphrase, field, text):
    """Sign the draft with `text` in `field`; every change is rolled back afterwards."""
    with transaction.atomic():
        version = draft.current_version
        type(version).objects.filter(pk=version.pk).update(**{field: text})
        draft.refresh_from_db()
        try:
            letter = letter_sign(
                draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
            )
            return letter.sequence
        except LetterSigningError as refused:
            assert not SignedLetter.objects.exists()
            assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()
            return refused
        finally:
            transaction.set_rollback(True)


@pytest.mark.django_db
@_examples(40)
@given(
    before=st.lists(st.one_of(GOOD_WORDS, PLACEHOLDERS), max_size=6),
    numeral=NUMERALS,
    after=st.lists(st.one_of(GOOD_WORDS, PLACEHOLDERS), max_size=6),
    field=FIELDS,
)
def test_a_typed_number_never_reaches_a_signed_letter(
    official, at_signer, demo_user, signer_keys, before, numeral, after, field
):
    draft = _draft(at_signer)
    text = " ".join([*before, numeral, *after])
    outcome = _sign_with(draft, demo_user, signer_keys, field, text)
    assert isinstance(outcome, LetterSigningError), text


@pytest.mark.django_db
@_examples(6)
@given(
    words=st.lists(st.one_of(GOOD_WORDS, PLACEHOLDERS), min_size=1, max_size=12),
    field=FIELDS,
)
def test_a_letter_written_with_placeholders_only_signs(
    official, at_signer, demo_user, signer_keys, words, field
):
    draft = _draft(at_signer)
    assert _sign_with(draft, demo_user, signer_keys, field, " ".join(words)) == 1


_DRAFTS: dict[int, Draft] = {}


def _draft(at_signer) -> Draft:
    """One draft at the signer's desk per test, made at its first example (the examples share
    the test's fixtures; each example's changes are rolled back)."""
    key = id(at_signer)
    kept = _DRAFTS.get(key)
    if kept is None or not Draft.objects.filter(pk=kept.pk).exists():
        _DRAFTS.clear()
        _DRAFTS[key] = at_signer()
    return _DRAFTS[key]
