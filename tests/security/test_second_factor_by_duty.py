"""A second factor for every position that manages people, accounts or signing: the signer,
whoever manages the office's settings (positions, assignments: the Sekretaris) and whoever
manages party accounts (Tata Usaha), definitive or Plt/Plh. An installation may exempt a
duty by its code; an unknown code stops the start."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from autentika.core.permissions import Duty, second_factor_duties
from autentika.organization import second_factor as sf
from autentika.organization.checks import second_factor_exemptions_check
from autentika.organization.demo import demo_second_factor_usernames
from autentika.organization.models import AssignmentKind, Position, PositionCode
from autentika.organization.services import assignment_create

pytestmark = pytest.mark.django_db

HOME = "/"
SETUP = "/akun/dua-langkah/aktifkan/"
# signing letters, the office's settings (people and their positions), party accounts
MANAGING = {Duty.SIGN, Duty.MANAGE_OFFICE, Duty.REGISTER}


@pytest.fixture(autouse=True)
def otp_required(settings):
    settings.AUTENTIKA_OTP_REQUIRED = True


def _sent_to_enrolment(client, user) -> bool:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(HOME)
    return response.status_code == 302 and response["Location"].startswith(SETUP)


def test_the_managing_duties_are_the_ones_needing_a_second_factor():
    assert second_factor_duties() == MANAGING


@pytest.mark.parametrize("duty", list(Duty))
def test_each_duty_needs_a_second_factor_exactly_when_it_manages(client, demo_user, sumut, duty):
    position = Position.objects.get(office=sumut, code=PositionCode.PELAKSANA)
    position.duties = [duty.value]
    position.save()
    user = demo_user("pelaksana")
    assert sf.second_factor_required(user) is (duty in MANAGING)
    assert _sent_to_enrolment(client, user) is (duty in MANAGING)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (PositionCode.SEKRETARIS, AssignmentKind.PLT),
        (PositionCode.TU, AssignmentKind.PLH),
        (PositionCode.KETUA, AssignmentKind.PLT),
    ],
)
def test_an_acting_official_of_a_managing_position_needs_one_too(client, sumut, code, kind):
    acting = get_user_model().objects.create_user("pejabat-sementara", password="x")
    assert not sf.second_factor_required(acting)
    assignment_create(
        user=acting,
        position=Position.objects.get(office=sumut, code=code),
        starts_on=dt.date.today() - dt.timedelta(days=1),
        ends_on=dt.date.today() + dt.timedelta(days=30),
        kind=kind,
    )
    assert _sent_to_enrolment(client, acting)


def test_an_acting_official_whose_period_ended_needs_none(client, sumut):
    former = get_user_model().objects.create_user("mantan-plt", password="x")
    assignment_create(
        user=former,
        position=Position.objects.get(office=sumut, code=PositionCode.SEKRETARIS),
        starts_on=dt.date.today() - dt.timedelta(days=30),
        ends_on=dt.date.today() - dt.timedelta(days=1),
        kind=AssignmentKind.PLT,
    )
    assert not _sent_to_enrolment(client, former)


def test_the_sekretaris_and_tata_usaha_must_enrol_and_are_told_why(client, demo_user):
    page = {}
    for username in ("sekretaris", "tu"):
        assert _sent_to_enrolment(client, demo_user(username)), username
        page[username] = client.get(SETUP).content.decode()
    assert "mengelola pengaturan kantor" in page["sekretaris"]
    assert "mencatat surat masuk" in page["tu"]
    for username in ("kabag", "kasubbag", "pelaksana"):
        assert not _sent_to_enrolment(client, demo_user(username)), username


def test_a_required_second_factor_cannot_be_switched_off(client, demo_user):
    tu = demo_user("tu")
    sf.demo_totp_device(user=tu)
    client.force_login(tu)
    session = client.session
    # the session as after the code step (django-otp keeps the device in the session)
    from django_otp import DEVICE_ID_SESSION_KEY

    session[DEVICE_ID_SESSION_KEY] = sf.TOTPDevice.objects.get(user=tu).persistent_id
    session.save()
    response = client.post("/akun/dua-langkah/nonaktifkan/", follow=True)
    assert "Tidak dapat dinonaktifkan" in response.content.decode()
    assert sf.second_factor_enabled(tu)


def test_a_duty_can_be_exempted_by_its_code(client, demo_user, settings):
    settings.AUTENTIKA_OTP_EXEMPT_DUTIES = ["register"]
    assert not _sent_to_enrolment(client, demo_user("tu"))
    assert _sent_to_enrolment(client, demo_user("sekretaris"))
    assert _sent_to_enrolment(client, demo_user("ketua"))
    assert second_factor_exemptions_check() == []


def test_an_unknown_or_not_managing_duty_code_stops_the_start(settings):
    for codes in (["tandatangan"], ["draft"]):
        settings.AUTENTIKA_OTP_EXEMPT_DUTIES = codes
        errors = second_factor_exemptions_check()
        assert [error.id for error in errors] == ["autentika.E009"]
        assert codes[0] in errors[0].msg


def test_the_demo_gives_every_user_who_needs_one_an_authenticator():
    names = set(demo_second_factor_usernames())
    assert {"ketua", "sekretaris", "tu", "ri-ketua", "ri-sekretaris", "ri-tu"} <= names
    assert not names & {"kabag", "kasubbag", "pelaksana", "ri-pelaksana", "ri-pelaksana2"}
