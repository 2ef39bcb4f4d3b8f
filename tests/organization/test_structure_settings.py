"""Positions, assignments (definitive, Plt, Plh) and chains on the settings page: each change
audited; each refusal in plain Indonesian at the field it concerns, the values kept."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.permissions import Duty
from autentika.organization.models import Assignment, ChainLink, Office, Position
from autentika.organization.services import assignment_create
from autentika.organization.structure_services import position_create


@pytest.fixture
def sekretaris(client, demo_user):
    client.force_login(demo_user("sekretaris"))
    return demo_user("sekretaris")


def _position_data(position, **changes):
    data = {
        "title": position.title,
        "reports_to": position.reports_to_id or "",
        "duties": list(position.duties),
    }
    if position.several_holders:
        data["several_holders"] = "on"
    data.update(changes)
    return data


def test_a_position_changes_and_the_change_is_audited(client, sekretaris, sumut, settings_url):
    kabag = sumut.positions.get(code="KABAG")
    new_title = "Kepala Bagian Teknis dan Hukum"
    response = client.post(
        settings_url("position", kabag.pk), _position_data(kabag, title=new_title)
    )
    assert response.status_code == 302
    kabag.refresh_from_db()
    assert kabag.title == new_title
    event = AuditEvent.objects.get(event_type=AuditEventType.POSITION_CHANGED.value)
    assert event.data["changes"]["title"]["to"] == new_title


def test_a_position_may_not_report_to_itself(client, sekretaris, sumut, settings_url):
    kabag = sumut.positions.get(code="KABAG")
    response = client.post(
        settings_url("position", kabag.pk),
        _position_data(kabag, reports_to=kabag.pk, title="Judul yang diketik"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["reports_to"] == ["Jabatan tidak boleh menjadi atasannya sendiri."]
    assert 'value="Judul yang diketik"' in response.content.decode()


def test_a_position_may_not_report_to_its_own_subordinate(client, sekretaris, sumut, settings_url):
    # Kasubbag reports to Kabag; Kabag may not then report to Kasubbag.
    kabag = sumut.positions.get(code="KABAG")
    kasubbag = sumut.positions.get(code="KASUBBAG")
    response = client.post(
        settings_url("position", kabag.pk), _position_data(kabag, reports_to=kasubbag.pk)
    )
    assert response.status_code == 400
    (message,) = response.context["form"].errors["reports_to"]
    assert "tidak boleh melapor kepada bawahannya sendiri" in message


def test_the_last_position_managing_the_office_keeps_that_duty(
    client, sekretaris, sumut, settings_url
):
    position = sumut.positions.get(code="SEKRETARIS")
    duties = [d for d in position.duties if d != Duty.MANAGE_OFFICE.value]
    response = client.post(
        settings_url("position", position.pk), _position_data(position, duties=duties)
    )
    assert response.status_code == 400
    (message,) = response.context["form"].errors["duties"]
    assert "harus tetap dipegang sedikitnya satu jabatan" in message


def test_the_signer_position_keeps_the_signing_duty(client, sekretaris, sumut, settings_url):
    """Only the office's signer position signs its letters: taking its signing duty away would
    leave every case unsignable, so the change is refused and nothing changes."""
    ketua = sumut.positions.get(code=sumut.letter_signer_code)
    assert Duty.SIGN.value in ketua.duties
    duties = [d for d in ketua.duties if d != Duty.SIGN.value]
    response = client.post(settings_url("position", ketua.pk), _position_data(ketua, duties=duties))
    assert response.status_code == 400
    (message,) = response.context["form"].errors["duties"]
    assert "jabatan penanda tangan surat balasan" in message
    assert "tidak ada surat yang dapat ditandatangani" in message
    ketua.refresh_from_db()
    assert Duty.SIGN.value in ketua.duties
    assert not AuditEvent.objects.filter(event_type=AuditEventType.POSITION_CHANGED.value).exists()


def test_a_missing_sop_position_is_created_and_audited(db):
    office = Office.objects.create(
        code="kpu-uji",
        level="KABKOTA",
        name="KPU Kota Uji",
        region_code="1271",
        letterhead_lines="KPU KOTA UJI",
        address="Jalan Uji 1",
        city="Uji",
    )
    secretary = Position.objects.create(
        office=office, code="SEKRETARIS", title="Sekretaris", duties=[Duty.MANAGE_OFFICE.value]
    )
    user = get_user_model().objects.create_user(username="sek-uji", password="x")
    assignment_create(user=user, position=secretary, starts_on=dt.date(2024, 1, 1))
    chair = position_create(
        office=office, actor=user, code="KETUA", title="Ketua", reports_to=None, duties=["sign"]
    )
    assert chair.office == office
    event = AuditEvent.objects.get(event_type=AuditEventType.POSITION_CREATED.value)
    assert event.data["code"] == "KETUA" and event.data["duties"] == ["sign"]


def _assignment_data(user, position, **changes):
    data = {
        "user": user.pk,
        "position": position.pk,
        "kind": "plh",
        "starts_on": "2025-03-01",
        "ends_on": "2025-03-10",
        "decree_reference": "ST-12/SDM/2025",
    }
    data.update(changes)
    return data


def test_a_plh_is_assigned_and_audited(client, sekretaris, sumut, demo_user, settings_url):
    ketua = sumut.positions.get(code="KETUA")
    kabag_user = demo_user("kabag")
    response = client.post(settings_url("assignment_create"), _assignment_data(kabag_user, ketua))
    assert response.status_code == 302
    plh = Assignment.objects.get(user=kabag_user, position=ketua)
    assert plh.kind == "plh" and plh.decree_reference == "ST-12/SDM/2025"
    event = AuditEvent.objects.get(
        event_type=AuditEventType.ASSIGNMENT_CREATED.value, actor=sekretaris
    )
    assert event.data["kind"] == "plh"


def test_an_assignment_may_not_end_before_it_starts(
    client, sekretaris, sumut, demo_user, settings_url
):
    ketua = sumut.positions.get(code="KETUA")
    data = _assignment_data(demo_user("kabag"), ketua, starts_on="2025-03-10", ends_on="2025-03-01")
    response = client.post(settings_url("assignment_create"), data)
    assert response.status_code == 400
    form = response.context["assignment_form"]
    assert form.errors["ends_on"] == [
        "Tanggal berakhir penugasan tidak boleh sebelum tanggal mulai."
    ]
    assert 'value="ST-12/SDM/2025"' in response.content.decode()


def test_an_assignment_changes_and_the_change_is_audited(
    client, sekretaris, sumut, demo_user, settings_url
):
    ketua = sumut.positions.get(code="KETUA")
    plh = assignment_create(
        user=demo_user("kabag"),
        position=ketua,
        kind="plh",
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 3, 10),
    )
    data = {"kind": "plh", "starts_on": "2025-03-01", "ends_on": "2025-03-05"}
    response = client.post(settings_url("assignment", plh.pk), data)
    assert response.status_code == 302
    plh.refresh_from_db()
    assert plh.ends_on == dt.date(2025, 3, 5)
    event = AuditEvent.objects.get(event_type=AuditEventType.ASSIGNMENT_CHANGED.value)
    assert event.data["changes"]["ends_on"] == {"from": "2025-03-10", "to": "2025-03-05"}


def _chain_data(purpose, positions, allow_skip=False):
    data = {f"{purpose}-step_{i}": p.pk for i, p in enumerate(positions, start=1)}
    if allow_skip:
        data[f"{purpose}-allow_skip"] = "on"
    return data


def test_the_review_chain_is_reordered_and_audited(client, sekretaris, sumut, settings_url):
    codes = ["PELAKSANA", "KASUBBAG", "SEKRETARIS"]  # the Kabag left out
    positions = [sumut.positions.get(code=code) for code in codes]
    response = client.post(settings_url("chain", "review"), _chain_data("review", positions))
    assert response.status_code == 302
    links = ChainLink.objects.filter(chain__office=sumut, chain__purpose="review")
    assert [link.position.code for link in links.order_by("order")] == codes
    event = AuditEvent.objects.get(event_type=AuditEventType.CHAIN_CHANGED.value)
    assert event.data["from"] == ["PELAKSANA", "KASUBBAG", "KABAG", "SEKRETARIS"]
    assert event.data["to"] == codes


def test_a_chain_may_not_repeat_a_position(client, sekretaris, sumut, settings_url):
    kasubbag = sumut.positions.get(code="KASUBBAG")
    pelaksana = sumut.positions.get(code="PELAKSANA")
    data = _chain_data("review", [pelaksana, kasubbag, kasubbag])
    response = client.post(settings_url("chain", "review"), data)
    assert response.status_code == 400
    (form,) = [f for f in response.context["chain_forms"] if f.purpose == "review"]
    (message,) = form.errors["step_3"]
    assert "sudah ada pada jenjang 2" in message and "hanya boleh muncul sekali" in message
    assert not AuditEvent.objects.filter(event_type=AuditEventType.CHAIN_CHANGED).exists()


def test_a_chain_needs_at_least_one_step(client, sekretaris, sumut, settings_url):
    response = client.post(settings_url("chain", "disposition"), {})
    assert response.status_code == 400
    (form,) = [f for f in response.context["chain_forms"] if f.purpose == "disposition"]
    assert "Alur harus memuat sedikitnya satu jenjang." in form.non_field_errors()


def test_the_review_chain_starts_at_the_drafter(client, sekretaris, sumut, settings_url):
    kasubbag = sumut.positions.get(code="KASUBBAG")
    kabag = sumut.positions.get(code="KABAG")
    response = client.post(
        settings_url("chain", "review"), _chain_data("review", [kasubbag, kabag])
    )
    assert response.status_code == 400
    (form,) = [f for f in response.context["chain_forms"] if f.purpose == "review"]
    (message,) = form.errors["step_1"]
    assert "Jenjang pertama alur paraf harus jabatan" in message


def test_the_disposition_chain_reaches_a_drafter(client, sekretaris, sumut, settings_url):
    # Ketua -> Sekretaris -> Kabag, and no Pelaksana: no one would ever draft the reply
    route = [sumut.positions.get(code=code) for code in ["KETUA", "SEKRETARIS", "KABAG"]]
    data = _chain_data("disposition", route)
    response = client.post(settings_url("chain", "disposition"), data)
    assert response.status_code == 400
    (form,) = [f for f in response.context["chain_forms"] if f.purpose == "disposition"]
    (message,) = form.non_field_errors()
    assert "Alur disposisi harus sampai pada jabatan yang bertugas" in message
