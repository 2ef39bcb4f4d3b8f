"""`manage.py offices_load`: every KPU office of Indonesia, from the list of regions."""

import functools
import io
import time

import pytest
from django.core.management import call_command
from django.db.models import F

from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.models import (
    Assignment,
    Chain,
    ChainLink,
    Office,
    OfficeLevel,
    Position,
)
from autentika.organization.office_templates import position_title
from autentika.organization.offices_load import OfficePlan, offices_load, offices_plan
from autentika.organization.regions import regions_read

pytestmark = pytest.mark.django_db


def _route(office: Office, purpose: str) -> list[str]:
    chain = Chain.objects.get(office=office, purpose=purpose)
    return [link.position.code for link in chain.links.select_related("position")]


def test_the_region_list_has_the_38_provinces_and_514_regencies_and_cities():
    regions = regions_read()
    assert sum(1 for r in regions if r.level == OfficeLevel.PROVINSI) == 38
    assert sum(1 for r in regions if r.level == OfficeLevel.KABKOTA) == 514
    assert len({r.code for r in regions}) == 552
    assert all(r.capital.strip() for r in regions)


def test_the_load_creates_kpu_ri_38_provinces_and_514_regencies_in_seconds(sumut):
    assert list(Office.objects.all()) == [sumut]
    started = time.monotonic()
    out = io.StringIO()
    call_command("offices_load", stdout=out)
    assert time.monotonic() - started < 10
    # the demo KPU Provinsi Sumatera Utara is that province's office: kept, not doubled
    assert Office.objects.count() == 1 + 38 + 514
    assert Office.objects.filter(level=OfficeLevel.RI).count() == 1
    assert Office.objects.filter(level=OfficeLevel.PROVINSI).count() == 38
    assert Office.objects.filter(level=OfficeLevel.KABKOTA).count() == 514
    assert Office.objects.filter(level=OfficeLevel.PROVINSI, region_code="12").get() == sumut
    assert "552 kantor dibuat, 1 kantor yang sudah ada dibiarkan" in out.getvalue()
    assert "kpu-sumut" in out.getvalue()
    # offices start with no users
    assert not Assignment.objects.exclude(position__office=sumut).exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.OFFICES_LOADED)
    assert event.data["created"] == {"RI": 1, "PROVINSI": 37, "KABKOTA": 514}
    assert event.data["kept"] == ["kpu-sumut"]
    province = Office.objects.get(code="kpu-95")
    ketua = Position.objects.get(office=province, code="KETUA")
    assert ketua.title == "Ketua Komisi Pemilihan Umum Provinsi Papua Pegunungan"
    assert ketua.duties == ["dispose", "sign"]
    assert _route(province, "disposition") == [
        "KETUA",
        "SEKRETARIS",
        "KABAG",
        "KASUBBAG",
        "PELAKSANA",
    ]
    assert _route(province, "review") == ["PELAKSANA", "KASUBBAG", "KABAG", "SEKRETARIS"]
    regency = Office.objects.get(code="kpu-1207")
    assert not Position.objects.filter(office=regency, code="KABAG").exists()
    assert Position.objects.get(office=regency, code="PELAKSANA").reports_to.code == "KASUBBAG"
    assert _route(regency, "disposition") == ["KETUA", "SEKRETARIS", "KASUBBAG", "PELAKSANA"]
    assert _route(regency, "review") == ["PELAKSANA", "KASUBBAG", "SEKRETARIS"]
    ri = Office.objects.get(level=OfficeLevel.RI)
    assert Position.objects.get(office=ri, code="SEKRETARIS").title == (
        "Sekretaris Jenderal Komisi Pemilihan Umum"
    )
    # each regency/city has five positions; every office two chains, of its own positions
    assert Position.objects.filter(office__level=OfficeLevel.KABKOTA).count() == 514 * 5
    assert Chain.objects.count() == 2 * (1 + 38 + 514)
    assert not ChainLink.objects.exclude(position__office=F("chain__office")).exists()


def test_a_second_load_changes_nothing_and_an_office_its_staff_configured_stays_as_it_is(
    sumut,
):
    sumut.city = "Medan Kota"
    sumut.save()
    title = Position.objects.get(office=sumut, code="KETUA").title
    offices_load()
    counts = [model.objects.count() for model in (Office, Position, Chain, ChainLink, AuditEvent)]
    out = io.StringIO()
    call_command("offices_load", stdout=out)
    assert "Tidak ada yang diubah: 553 kantor sudah ada" in out.getvalue()
    after = [model.objects.count() for model in (Office, Position, Chain, ChainLink, AuditEvent)]
    assert after == counts
    sumut.refresh_from_db()
    assert sumut.city == "Medan Kota" and sumut.code == "kpu-sumut"
    assert Position.objects.get(office=sumut, code="KETUA").title == title


def _planned(region_code: str, level: str = OfficeLevel.KABKOTA) -> OfficePlan:
    """The office the load would create for a region (the same plan it writes)."""
    return _plans()[(level, region_code)]


@functools.cache
def _plans() -> dict[tuple[str, str], OfficePlan]:
    return {
        (plan.office.level, plan.office.region_code): plan for plan in offices_plan(regions_read())
    }


def _titles(plan: OfficePlan) -> dict[str, str]:
    return {item.code: position_title(item, plan.naming) for item in plan.template.positions}


def test_aceh_has_the_komisi_independen_pemilihan():
    aceh = _planned("11", OfficeLevel.PROVINSI)
    assert aceh.office.code == "kip-11"
    assert aceh.office.name == "Komisi Independen Pemilihan Aceh"
    assert aceh.office.letterhead == ["KOMISI INDEPENDEN PEMILIHAN", "ACEH"]
    assert aceh.office.city == "Banda Aceh"
    assert _titles(aceh)["KETUA"] == "Ketua Komisi Independen Pemilihan Aceh"
    banda_aceh = _planned("1171")
    assert banda_aceh.office.name == "Komisi Independen Pemilihan Kota Banda Aceh"
    assert _titles(banda_aceh)["SEKRETARIS"] == "Sekretaris KIP Kota Banda Aceh"


def test_a_province_a_regency_and_a_city_are_named_as_the_commission_names_them():
    north_sumatra = _planned("12", OfficeLevel.PROVINSI).office
    assert north_sumatra.name == "Komisi Pemilihan Umum Provinsi Sumatera Utara"
    assert north_sumatra.letterhead == ["KOMISI PEMILIHAN UMUM", "PROVINSI SUMATERA UTARA"]
    assert north_sumatra.city == "Medan"
    deli_serdang = _planned("1207")
    assert deli_serdang.office.name == "Komisi Pemilihan Umum Kabupaten Deli Serdang"
    assert deli_serdang.office.letterhead == ["KOMISI PEMILIHAN UMUM", "KABUPATEN DELI SERDANG"]
    assert deli_serdang.office.city == "Lubuk Pakam"
    assert _titles(deli_serdang)["KETUA"] == "Ketua Komisi Pemilihan Umum Kabupaten Deli Serdang"
    assert deli_serdang.office.letter_number_pattern.format(
        seq=7, region_code=deli_serdang.office.region_code, year=2025
    ) == ("7/PL.01.1-SD/1207/2025")
    medan = _planned("1271").office
    assert medan.name == "Komisi Pemilihan Umum Kota Medan"
    assert medan.letterhead == ["KOMISI PEMILIHAN UMUM", "KOTA MEDAN"]
    assert medan.city == "Medan"
    yogyakarta = _planned("34", OfficeLevel.PROVINSI).office
    assert yogyakarta.name == "Komisi Pemilihan Umum Daerah Istimewa Yogyakarta"
    assert _planned("3171").office.city == "Jakarta"  # Kota Administrasi Jakarta Pusat


def test_papuas_new_provinces_have_their_offices_in_eastern_time():
    planned = {
        code: (plan.office.name, plan.office.city, plan.office.time_zone)
        for code in ("93", "94", "95", "96")
        for plan in [_planned(code, OfficeLevel.PROVINSI)]
    }
    assert planned == {
        "93": ("Komisi Pemilihan Umum Provinsi Papua Selatan", "Merauke", "Asia/Jayapura"),
        "94": ("Komisi Pemilihan Umum Provinsi Papua Tengah", "Nabire", "Asia/Jayapura"),
        "95": ("Komisi Pemilihan Umum Provinsi Papua Pegunungan", "Wamena", "Asia/Jayapura"),
        "96": ("Komisi Pemilihan Umum Provinsi Papua Barat Daya", "Sorong", "Asia/Jayapura"),
    }
    assert _planned("5171").office.time_zone == "Asia/Makassar"  # Kota Denpasar
    assert _planned("1207").office.time_zone == "Asia/Jakarta"
