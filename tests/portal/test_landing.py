from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from autentika.core.registry import landing_for
from autentika.portal.models import PartyAccount


def test_party_users_land_on_their_portal_and_staff_on_home(client, sumut, demo_user):
    tu = demo_user("tu")
    assert landing_for(tu) is None
    party_user = get_user_model().objects.create_user("dpd-golkar", password="x")
    PartyAccount.objects.create(
        user=party_user,
        office=sumut,
        party_short_name="Golkar",
        created_at=timezone.now(),
        created_by=tu,
    )
    client.force_login(party_user)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    client.force_login(tu)
    assert client.get(reverse("home")).status_code == 200
