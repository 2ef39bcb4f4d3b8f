"""The demo offices: KPU Provinsi Sumatera Utara (the SOP's office) and KPU RI.

Names and NIPs of the demo officials are invented; the offices, their positions and the chain
are as in the SOP.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from autentika.core.permissions import Duty, second_factor_duties
from autentika.organization.models import (
    Chain,
    ChainLink,
    ChainPurpose,
    Office,
    OfficeLevel,
    Position,
    PositionCode,
)
from autentika.organization.selectors import position_holders
from autentika.organization.services import assignment_create

# The demo users' password (the variable DEMO_PASSWORD, read in settings).
DEMO_PASSWORD: str = settings.DEMO_PASSWORD
DEMO_START = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class DemoPosition:
    code: PositionCode
    title: str
    reports_to: PositionCode | None
    duties: tuple[Duty, ...]
    username: str
    full_name: str
    employee_number: str
    # Several staff hold the position at once (each listed as its own DemoPosition).
    several_holders: bool = False


@dataclass(frozen=True)
class DemoOffice:
    code: str
    level: OfficeLevel
    name: str
    region_code: str
    letterhead: tuple[str, ...]
    address: str
    city: str
    positions: tuple[DemoPosition, ...]
    # Only when the office is created: the Sekretaris may change it on the settings page.
    website: str = ""


SUMUT = DemoOffice(
    code="kpu-sumut",
    level=OfficeLevel.PROVINSI,
    name="Komisi Pemilihan Umum Provinsi Sumatera Utara",
    region_code="12",
    letterhead=("KOMISI PEMILIHAN UMUM", "PROVINSI SUMATERA UTARA"),
    address="Jalan Perintis Kemerdekaan Nomor 35, Medan 20235",
    city="Medan",
    website="sumut.kpu.go.id",
    positions=(
        DemoPosition(
            PositionCode.KETUA,
            "Ketua Komisi Pemilihan Umum Provinsi Sumatera Utara",
            None,
            (Duty.DISPOSE, Duty.SIGN),
            "ketua",
            "Ahmad Syahputra",
            "",
        ),
        DemoPosition(
            PositionCode.SEKRETARIS,
            "Sekretaris KPU Provinsi Sumatera Utara",
            PositionCode.KETUA,
            (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_OFFICE),
            "sekretaris",
            "Rina Marpaung",
            "197503122000032001",
        ),
        DemoPosition(
            PositionCode.KABAG,
            "Kepala Bagian Teknis Penyelenggara Pemilu dan Partisipasi Masyarakat",
            PositionCode.SEKRETARIS,
            (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_RESULTS),
            "kabag",
            "Budi Santoso Nasution",
            "197808172003121002",
        ),
        DemoPosition(
            PositionCode.KASUBBAG,
            "Kepala Subbagian Teknis Penyelenggara Pemilu",
            PositionCode.KABAG,
            (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_RESULTS),
            "kasubbag",
            "Dewi Lestari Siregar",
            "198204052006042003",
        ),
        DemoPosition(
            PositionCode.PELAKSANA,
            "Pelaksana Subbagian Teknis Penyelenggara Pemilu",
            PositionCode.KASUBBAG,
            (Duty.DRAFT, Duty.MANAGE_RESULTS),
            "pelaksana",
            "Fajar Ramadhan Lubis",
            "199107212019031004",
        ),
        DemoPosition(
            PositionCode.TU,
            "Pengelola Tata Usaha",
            PositionCode.SEKRETARIS,
            (Duty.REGISTER, Duty.HAND_OVER),
            "tu",
            "Sri Wahyuni Harahap",
            "198912302014022005",
        ),
    ),
)

RI = DemoOffice(
    code="kpu-ri",
    level=OfficeLevel.RI,
    name="Komisi Pemilihan Umum Republik Indonesia",
    region_code="00",
    letterhead=("KOMISI PEMILIHAN UMUM", "REPUBLIK INDONESIA"),
    address="Jalan Imam Bonjol Nomor 29, Menteng, Jakarta Pusat 10310",
    city="Jakarta",
    website="www.kpu.go.id",
    positions=(
        DemoPosition(
            PositionCode.KETUA,
            "Ketua Komisi Pemilihan Umum",
            None,
            (Duty.DISPOSE, Duty.SIGN),
            "ri-ketua",
            "Hendra Wijaya",
            "",
        ),
        DemoPosition(
            PositionCode.SEKRETARIS,
            "Sekretaris Jenderal Komisi Pemilihan Umum",
            PositionCode.KETUA,
            (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_OFFICE),
            "ri-sekretaris",
            "Maya Kusumawati",
            "197201011998032001",
        ),
        DemoPosition(
            PositionCode.KABAG,
            "Kepala Biro Teknis Penyelenggara Pemilu",
            PositionCode.SEKRETARIS,
            (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_RESULTS),
            "ri-kabag",
            "Agung Prasetyo",
            "197611112002121001",
        ),
        DemoPosition(
            PositionCode.KASUBBAG,
            "Kepala Bagian Penetapan Hasil Pemilu",
            PositionCode.KABAG,
            (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_RESULTS),
            "ri-kasubbag",
            "Yuliana Pertiwi",
            "198306152008012002",
        ),
        DemoPosition(
            PositionCode.PELAKSANA,
            "Pelaksana Bagian Penetapan Hasil Pemilu",
            PositionCode.KASUBBAG,
            (Duty.DRAFT, Duty.MANAGE_RESULTS),
            "ri-pelaksana",
            "Rizky Hidayat",
            "199305052020121003",
            several_holders=True,
        ),
        DemoPosition(
            PositionCode.PELAKSANA,
            "Pelaksana Bagian Penetapan Hasil Pemilu",
            PositionCode.KASUBBAG,
            (Duty.DRAFT, Duty.MANAGE_RESULTS),
            "ri-pelaksana2",
            "Sari Wulandari",
            "199408172021012005",
            several_holders=True,
        ),
        DemoPosition(
            PositionCode.TU,
            "Pengelola Tata Usaha",
            PositionCode.SEKRETARIS,
            (Duty.REGISTER, Duty.HAND_OVER),
            "ri-tu",
            "Nurul Aini",
            "199001012015032004",
        ),
    ),
)

DEMO_OFFICES = (SUMUT, RI)


@transaction.atomic
def demo_office_seed(spec: DemoOffice) -> tuple[Office, list[tuple[str, str]]]:
    """Create or refresh one demo office. Returns the office and (username, position) logins."""
    values = {
        "level": spec.level,
        "name": spec.name,
        "region_code": spec.region_code,
        "letterhead_lines": "\n".join(spec.letterhead),
        "address": spec.address,
        "city": spec.city,
        "training_mode": True,
    }
    office, _ = Office.objects.update_or_create(
        code=spec.code, defaults=values, create_defaults={**values, "website": spec.website}
    )
    positions: dict[PositionCode, Position] = {}
    logins = []
    for item in spec.positions:
        position, _ = Position.objects.update_or_create(
            office=office,
            code=item.code,
            defaults={
                "title": item.title,
                "reports_to": positions.get(item.reports_to) if item.reports_to else None,
                "duties": [duty.value for duty in item.duties],
                "several_holders": item.several_holders,
            },
        )
        positions[item.code] = position
        user = _demo_user(item)
        if not position_holders(position=position, on=DEMO_START).filter(user=user).exists():
            assignment_create(
                user=user,
                position=position,
                starts_on=DEMO_START,
                employee_number=item.employee_number,
                decree_reference="Penugasan demo",
            )
        logins.append((item.username, position.title))
    _demo_chain(office, ChainPurpose.DISPOSITION, positions, DISPOSITION_ROUTE)
    _demo_chain(office, ChainPurpose.REVIEW, positions, REVIEW_ROUTE)
    return office, logins


DISPOSITION_ROUTE = (
    PositionCode.KETUA,
    PositionCode.SEKRETARIS,
    PositionCode.KABAG,
    PositionCode.KASUBBAG,
    PositionCode.PELAKSANA,
)
REVIEW_ROUTE = (
    PositionCode.PELAKSANA,
    PositionCode.KASUBBAG,
    PositionCode.KABAG,
    PositionCode.SEKRETARIS,
)


def _demo_chain(
    office: Office,
    purpose: ChainPurpose,
    positions: dict[PositionCode, Position],
    route: tuple[PositionCode, ...],
) -> None:
    chain, created = Chain.objects.get_or_create(office=office, purpose=purpose)
    if created:
        ChainLink.objects.bulk_create(
            ChainLink(chain=chain, order=order, position=positions[code])
            for order, code in enumerate(route, start=1)
        )


def _demo_user(item: DemoPosition) -> Any:
    user_model = get_user_model()
    first, _, last = item.full_name.partition(" ")
    user, created = user_model.objects.get_or_create(
        username=item.username, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.password = _demo_password_hash(DEMO_PASSWORD, settings.PASSWORD_HASHERS[0])
        user.save()
    return user


@functools.cache
def _demo_password_hash(password: str, hasher: str) -> str:
    """Hashed once per process (per password and hasher): every demo user has the published
    demo password, and each hash costs about a quarter of a second with Django's default
    hasher."""
    return make_password(password)  # with the first of settings.PASSWORD_HASHERS: `hasher`


def demo_second_factor_usernames() -> list[str]:
    """The demo users whose positions need a second factor (core/permissions.py:
    second_factor_duties): the signers, the Sekretaris and Tata Usaha."""
    needed = second_factor_duties(exempt=settings.AUTENTIKA_OTP_EXEMPT_DUTIES)
    return [
        item.username
        for spec in DEMO_OFFICES
        for item in spec.positions
        if needed.intersection(item.duties)
    ]


def demo_second_factor_seed(write: Any) -> None:
    """The demo users who must use a second factor (signers, Sekretaris, Tata Usaha) use it
    like real ones: each gets a confirmed authenticator device once; its secret is printed here
    (add it to an authenticator app) and `manage.py demo_otp_code USERNAME` prints its current
    code."""
    from autentika.organization.second_factor import demo_totp_device, totp_secret

    for user in get_user_model().objects.filter(username__in=demo_second_factor_usernames()):
        device = demo_totp_device(user=user)
        write(
            f"Verifikasi dua langkah {user.username}: kunci rahasia {totp_secret(device)} "
            f"(kode saat ini: manage.py demo_otp_code {user.username})"
        )
