import pytest
from django.contrib.auth import get_user_model

from autentika.core.models import AuditEvent, AuditEventType


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    return client


def test_changing_an_office_setting_in_the_admin_is_audited(admin_client, sumut):
    data = {
        "code": sumut.code,
        "level": sumut.level,
        "name": sumut.name,
        "region_code": sumut.region_code,
        "letterhead_lines": sumut.letterhead_lines,
        "address": sumut.address,
        "city": sumut.city,
        "website": sumut.website,
        "paraf_on_archive_copy_only": "on",
        "letter_number_pattern": "{seq}/PL.01.1-SD/{region_code}/{month}/{year}",
        "training_mode": "on",
        "letter_signer_code": "SEKRETARIS",
    }
    response = admin_client.post(f"/admin/organization/office/{sumut.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(event_type=AuditEventType.ADMIN_CHANGED)
    assert event.office == sumut and event.actor.username == "root"
    assert set(event.data["changed"]) == {"letter_number_pattern", "letter_signer_code"}


def test_results_figures_cannot_be_edited_in_the_admin(admin_client, db):
    assert admin_client.get("/admin/results/resultversion/add/").status_code == 403
    assert admin_client.get("/admin/results/election/").status_code == 200
