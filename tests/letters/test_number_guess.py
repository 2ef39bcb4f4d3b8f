"""A letter is rendered with the number it will most likely get before that number is taken
(the counter's lock then covers signing only). Whatever the guess, the signed letter prints
the number it was given, and a guess takes no number."""

import pytest

from autentika.core.counters import yearly_counter_predict
from autentika.letters import services
from autentika.letters.models import OutgoingCounter
from autentika.letters.services import letter_sign
from tests.pdf import pdf_text
from tests.support.letters import PASSWORD


def _sign(draft, demo_user, signer_keys):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
    )


@pytest.mark.django_db
def test_the_guess_is_the_next_number_and_takes_none(sumut):
    assert yearly_counter_predict(OutgoingCounter, office=sumut, year=2025) == 1
    OutgoingCounter.objects.create(office=sumut, year=2025, last_number=41)
    assert yearly_counter_predict(OutgoingCounter, office=sumut, year=2025) == 42
    assert OutgoingCounter.objects.get(office=sumut, year=2025).last_number == 41


@pytest.mark.django_db
def test_a_wrong_guess_is_rendered_again_with_the_number_taken(
    official, at_signer, demo_user, signer_keys, monkeypatch
):
    monkeypatch.setattr(services, "outgoing_number_predict", lambda **kw: 77)
    letter = _sign(at_signer(), demo_user, signer_keys)
    assert letter.sequence == 1
    text = pdf_text(bytes(letter.pdf))
    assert letter.number in text
    assert (
        services.letter_number_format(office=letter.office, sequence=77, day=letter.date)
        not in text
    )
