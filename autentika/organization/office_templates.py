"""What a new office of each level starts with (`offices_load`): its name and letterhead, its
positions with their SOP duties, the disposition and review chains and the letter-number
pattern. The office's Sekretaris changes any of it afterwards in Pengaturan kantor.

The provincial template is the SOP's office (KPU Provinsi Sumatera Utara, `demo.SUMUT`); KPU RI
is as `demo.RI`; a regency/city's secretariat has no Bagian, so its chains go from the
Sekretaris straight to the Subbagian Teknis (PKPU 8/2019 on the commission's organisation)."""

from dataclasses import dataclass

from autentika.core.permissions import Duty
from autentika.organization.models import DEFAULT_LETTER_NUMBER_PATTERN, OfficeLevel, PositionCode
from autentika.organization.regions import Region


@dataclass(frozen=True)
class PositionTemplate:
    code: PositionCode
    # "{name}": the office's full name; "{short}": "KPU Provinsi Sumatera Utara", "KIP Aceh"
    title: str
    reports_to: PositionCode | None
    duties: tuple[Duty, ...]
    several_holders: bool = False


@dataclass(frozen=True)
class OfficeTemplate:
    positions: tuple[PositionTemplate, ...]  # each after the one it reports to
    disposition: tuple[PositionCode, ...]
    review: tuple[PositionCode, ...]
    letter_number_pattern: str = DEFAULT_LETTER_NUMBER_PATTERN


K, S, KB, KS, P, TU = (
    PositionCode.KETUA,
    PositionCode.SEKRETARIS,
    PositionCode.KABAG,
    PositionCode.KASUBBAG,
    PositionCode.PELAKSANA,
    PositionCode.TU,
)
SIGNER = (Duty.DISPOSE, Duty.SIGN)
MANAGER = (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_OFFICE)
REVIEWER = (Duty.DISPOSE, Duty.INITIAL, Duty.MANAGE_RESULTS)
DRAFTER = (Duty.DRAFT, Duty.MANAGE_RESULTS)
FRONT_OFFICE = (Duty.REGISTER, Duty.HAND_OVER)

RI_TEMPLATE = OfficeTemplate(
    positions=(
        PositionTemplate(K, "Ketua Komisi Pemilihan Umum", None, SIGNER),
        PositionTemplate(S, "Sekretaris Jenderal Komisi Pemilihan Umum", K, MANAGER),
        PositionTemplate(KB, "Kepala Biro Teknis Penyelenggara Pemilu", S, REVIEWER),
        PositionTemplate(KS, "Kepala Bagian Penetapan Hasil Pemilu", KB, REVIEWER),
        PositionTemplate(
            P, "Pelaksana Bagian Penetapan Hasil Pemilu", KS, DRAFTER, several_holders=True
        ),
        PositionTemplate(TU, "Pengelola Tata Usaha", S, FRONT_OFFICE),
    ),
    disposition=(K, S, KB, KS, P),
    review=(P, KS, KB, S),
)
PROVINCE_TEMPLATE = OfficeTemplate(
    positions=(
        PositionTemplate(K, "Ketua {name}", None, SIGNER),
        PositionTemplate(S, "Sekretaris {short}", K, MANAGER),
        PositionTemplate(
            KB,
            "Kepala Bagian Teknis Penyelenggara Pemilu dan Partisipasi Masyarakat",
            S,
            REVIEWER,
        ),
        PositionTemplate(KS, "Kepala Subbagian Teknis Penyelenggara Pemilu", KB, REVIEWER),
        PositionTemplate(P, "Pelaksana Subbagian Teknis Penyelenggara Pemilu", KS, DRAFTER),
        PositionTemplate(TU, "Pengelola Tata Usaha", S, FRONT_OFFICE),
    ),
    disposition=(K, S, KB, KS, P),
    review=(P, KS, KB, S),
)
REGENCY_TEMPLATE = OfficeTemplate(
    positions=(
        PositionTemplate(K, "Ketua {name}", None, SIGNER),
        PositionTemplate(S, "Sekretaris {short}", K, MANAGER),
        PositionTemplate(
            KS,
            "Kepala Subbagian Teknis Penyelenggaraan Pemilu dan Hubungan Partisipasi Masyarakat",
            S,
            REVIEWER,
        ),
        PositionTemplate(
            P,
            "Pelaksana Subbagian Teknis Penyelenggaraan Pemilu dan Hubungan Partisipasi Masyarakat",
            KS,
            DRAFTER,
        ),
        PositionTemplate(TU, "Pengelola Tata Usaha", S, FRONT_OFFICE),
    ),
    disposition=(K, S, KS, P),
    review=(P, KS, S),
)
TEMPLATES = {
    OfficeLevel.RI: RI_TEMPLATE,
    OfficeLevel.PROVINSI: PROVINCE_TEMPLATE,
    OfficeLevel.KABKOTA: REGENCY_TEMPLATE,
}


@dataclass(frozen=True)
class OfficeNaming:
    name: str  # "Komisi Pemilihan Umum Kabupaten Deli Serdang"
    short: str  # "KPU Kabupaten Deli Serdang"
    letterhead: tuple[str, ...]  # ("KOMISI PEMILIHAN UMUM", "KABUPATEN DELI SERDANG")


RI_NAMING = OfficeNaming(
    name="Komisi Pemilihan Umum Republik Indonesia",
    short="KPU RI",
    letterhead=("KOMISI PEMILIHAN UMUM", "REPUBLIK INDONESIA"),
)


def office_naming(region: Region) -> OfficeNaming:
    """The commission's name as the law writes it: Komisi Independen Pemilihan in Aceh, and a
    province's name after "Provinsi" except Aceh and the Daerah Istimewa Yogyakarta, whose
    names stand alone."""
    body, short_body = (
        ("Komisi Independen Pemilihan", "KIP")
        if region.in_aceh
        else ("Komisi Pemilihan Umum", "KPU")
    )
    place = region.name
    if region.level == OfficeLevel.PROVINSI and not (
        region.in_aceh or place.startswith("Daerah Istimewa")
    ):
        place = f"Provinsi {place}"
    return OfficeNaming(
        name=f"{body} {place}",
        short=f"{short_body} {place}",
        letterhead=(body.upper(), place.upper()),
    )


def position_title(item: PositionTemplate, naming: OfficeNaming) -> str:
    return item.title.format(name=naming.name, short=naming.short)
