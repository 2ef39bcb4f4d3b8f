"""The public service page of a national installation: a reader chooses the office they write
to and sees that office's promises, not 553 tables (the page once listed every office's
targets: 3.1 s and 195 KB)."""

import pytest
from django.urls import reverse

from autentika.organization.models import Office
from autentika.organization.offices_load import offices_load
from autentika.reports.models import StepTarget
from autentika.reports.targets import step_target_set

pytestmark = pytest.mark.django_db


def test_one_office_shows_its_promises_without_a_choice(client, sumut, demo_user):
    StepTarget.objects.filter(office=sumut).delete()
    step_target_set(
        office=sumut, actor=demo_user("sekretaris"), step="review", amount=2, unit="working_days"
    )
    page = client.get(reverse("portal:about")).content.decode()
    assert "Kantor KPU yang Anda tuju" not in page
    assert sumut.name in page and "2 hari kerja" in page


def test_a_national_installation_asks_which_office_then_shows_its_promises(
    client, sumut, demo_user, django_assert_max_num_queries
):
    offices_load()
    assert Office.objects.count() > 550
    StepTarget.objects.filter(office=sumut).delete()
    step_target_set(
        office=sumut, actor=demo_user("sekretaris"), step="review", amount=4, unit="working_days"
    )
    with django_assert_max_num_queries(6):  # whatever the number of offices
        page = client.get(reverse("portal:about")).content.decode()
    assert "Kantor KPU yang Anda tuju" in page
    assert page.count("<option value=") == Office.objects.count() + 1  # and "pilih kantor"
    assert "Pilih kantor untuk melihat target waktu" in page
    assert "4 hari kerja" not in page  # no office's table before the choice
    assert len(page.encode()) < 80_000

    chosen = client.get(reverse("portal:about"), {"kantor": sumut.code}).content.decode()
    assert "4 hari kerja" in chosen
    assert f'<option value="{sumut.code}" selected>' in chosen

    unknown = client.get(reverse("portal:about"), {"kantor": "kpu-tidak-ada"}).content.decode()
    assert "tidak ditemukan" in unknown and "4 hari kerja" not in unknown
