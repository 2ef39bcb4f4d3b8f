"""Who may open and change the office settings: the holder of the MANAGE_OFFICE duty (the
Sekretaris in the demo, or whoever acts for that position as Plt/Plh), in that office only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from autentika.core.permissions import Action, Duty
from autentika.organization.access import user_may
from autentika.organization.demo import RI, demo_office_seed
from autentika.organization.services import assignment_create
from tests.support.organization import PROFILE

OTHERS = ["ketua", "kabag", "kasubbag", "pelaksana", "tu"]


def test_the_demo_gives_the_manage_office_duty_to_the_sekretaris_alone(sumut):
    holders = [p.code for p in sumut.positions.all() if Duty.MANAGE_OFFICE.value in p.duties]
    assert holders == ["SEKRETARIS"]


def test_the_sekretaris_opens_the_settings_page_with_every_section(client, demo_user, settings_url):
    client.force_login(demo_user("sekretaris"))
    response = client.get(settings_url())
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ["Profil kantor", "Logo kop surat", "Jabatan", "Penugasan", "Alur"]:
        assert heading in page
    # the file input says its limits
    assert "PNG atau JPG, paling besar 1 MB" in page


@pytest.mark.parametrize("username", OTHERS)
def test_other_positions_may_neither_open_nor_post(client, demo_user, settings_url, username):
    client.force_login(demo_user(username))
    assert client.get(settings_url()).status_code == 403
    assert client.post(settings_url("profile"), PROFILE).status_code == 403
    assert client.post(settings_url("chain", "review"), {}).status_code == 403


def test_a_sekretaris_of_another_office_may_not_manage_this_one(client, sumut, settings_url):
    demo_office_seed(RI)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="ri-sekretaris"))
    assert client.get(settings_url()).status_code == 403
    assert client.get(reverse("organization:settings", args=["kpu-ri"])).status_code == 200


def test_a_plt_of_the_sekretaris_manages_the_office_while_acting(sumut, demo_user):
    kabag = demo_user("kabag")
    assert not user_may(kabag, Action.OFFICE_MANAGE, office=sumut)
    today = timezone.localdate()
    assignment_create(
        user=kabag,
        position=sumut.positions.get(code="SEKRETARIS"),
        kind="plt",
        starts_on=today,
        ends_on=today + timedelta(days=30),
    )
    assert user_may(kabag, Action.OFFICE_MANAGE, office=sumut)


def test_the_navigation_and_home_link_the_page_for_the_sekretaris_only(
    client, demo_user, settings_url
):
    client.force_login(demo_user("sekretaris"))
    home = client.get(reverse("home")).content.decode()
    assert "Pengaturan Kantor" in home  # the navigation
    assert settings_url() in home  # the home page's link
    assert client.get(reverse("organization:settings_current"))["Location"] == settings_url()
    client.force_login(demo_user("tu"))
    home = client.get(reverse("home")).content.decode()
    assert "Pengaturan Kantor" not in home and settings_url() not in home


def test_anonymous_visitors_are_sent_to_the_login(client, settings_url):
    response = client.get(settings_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_every_settings_address_refuses_someone_without_the_duty(
    client, demo_user, sumut, settings_url
):
    position = sumut.positions.get(code="TU")
    assignment = position.assignments.get()
    client.force_login(demo_user("tu"))
    for name, args in [
        ("settings", ()),
        ("position", (position.pk,)),
        ("assignment", (assignment.pk,)),
    ]:
        assert client.get(settings_url(name, *args)).status_code == 403, name
    for name, args in [
        ("profile", ()),
        ("logo", ()),
        ("logo_remove", ()),
        ("position_create", ()),
        ("position", (position.pk,)),
        ("assignment_create", ()),
        ("assignment", (assignment.pk,)),
        ("chain", ("disposition",)),
    ]:
        assert client.post(settings_url(name, *args), {}).status_code == 403, name
