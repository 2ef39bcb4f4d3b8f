"""The party's pages name a letter's standing by its verdict: a SPESIMEN letter (training, no
legal force) is never shown as "Berlaku"."""

import pytest
from django.urls import reverse

from autentika.letters.models import SignedLetter


@pytest.mark.django_db
def test_a_specimen_letter_is_not_called_in_force(client, party_user, official, sign):
    letter = sign(party_number=4)
    client.force_login(party_user("golkar1", "Golkar"))
    home = client.get(reverse("portal:home")).content.decode()
    assert "<td>Berlaku</td>" in home  # an official letter, in force
    SignedLetter.objects.filter(pk=letter.pk).update(is_specimen=True)
    home = client.get(reverse("portal:home")).content.decode()
    assert "<td>Spesimen (latihan, tidak berlaku)</td>" in home
    assert "Berlaku</td>" not in home
    case_page = client.get(reverse("portal:case", args=[letter.case_id])).content.decode()
    assert "Spesimen (latihan, tidak berlaku)" in case_page
