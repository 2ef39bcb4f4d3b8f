import pytest
from django.contrib.auth import get_user_model

from autentika.organization.models import Assignment


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    return client


def test_admin_refuses_a_second_definitive_holder_with_a_clear_message(admin_client, sumut):
    ketua = sumut.positions.get(code="KETUA")
    intruder = get_user_model().objects.create_user("intruder")
    response = admin_client.post(
        "/admin/organization/assignment/add/",
        {
            "user": intruder.pk,
            "position": ketua.pk,
            "kind": "definitive",
            "starts_on": "2024-05-01",
            "ends_on": "",
        },
    )
    assert response.status_code == 200
    assert "sudah dipegang secara definitif" in response.content.decode()
    assert not Assignment.objects.filter(user=intruder).exists()


def test_admin_refuses_an_assignment_ending_before_it_starts(admin_client, sumut):
    kabag = sumut.positions.get(code="KABAG")
    someone = get_user_model().objects.create_user("someone")
    response = admin_client.post(
        "/admin/organization/assignment/add/",
        {
            "user": someone.pk,
            "position": kabag.pk,
            "kind": "plh",
            "starts_on": "2024-05-10",
            "ends_on": "2024-05-01",
        },
    )
    assert "tidak boleh sebelum tanggal mulai" in response.content.decode()
    assert not Assignment.objects.filter(user=someone).exists()
