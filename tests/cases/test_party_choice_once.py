"""The party choice lists each party once, though it stood in several elections; the request
then names its participation in the elections requested."""

import pytest
from django.urls import reverse

from autentika.cases.models import Case
from autentika.results.models import Election, Legislature, Party
from autentika.results.parties import party_identity_for
from tests.cases.test_views import _form


@pytest.fixture
def golkar_2019(sumut, golkar) -> Party:
    election = Election.objects.create(
        office=sumut,
        code="dprd-sumut-2019",
        name="Pemilu Anggota DPRD Provinsi Sumatera Utara 2019",
        year=2019,
        legislature=Legislature.DPRD_PROVINSI,
    )
    return Party.objects.create(
        election=election,
        number=4,
        short_name="Golkar",
        full_name="Partai Golongan Karya",
        political_party=party_identity_for(short_name="Golkar", source="test"),
    )


def test_a_party_of_two_elections_is_offered_once(
    client, demo_user, official_without_figures, golkar_2019
):
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:create")).content.decode()
    assert page.count(">Golkar — Partai Golongan Karya</option>") == 1


def test_the_request_names_the_participation_of_the_election_requested(
    client, demo_user, official_without_figures, golkar, golkar_2019
):
    client.force_login(demo_user("tu"))
    # The one Golkar offered is its 2024 participation; only 2019 is requested.
    response = client.post(
        reverse("cases:create"), _form(golkar, golkar_2019.election, letter_number="9/GOLKAR")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get(letter_number="9/GOLKAR")
    assert case.party == golkar_2019
