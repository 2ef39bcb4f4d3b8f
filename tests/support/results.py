import csv
import io

from django.conf import settings

from autentika.core.permissions import Duty
from autentika.organization.selectors import duty_holder

DATA = settings.BASE_DIR / "data"

SMALL_CSV = (
    "dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi\n"
    "DAPIL A,3,1,Alfa,1.000,2\n"
    "DAPIL A,3,2,Beta,400,1\n"
    "DAPIL B,2,1,Alfa,300,1\n"
    "DAPIL B,2,2,Beta,250,1\n"
)


def dpr_2024_csv() -> bytes:
    """The shipped DPR RI 2024 per-dapil file rewritten in the import template."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["dapil", "kursi_dapil", "nomor_partai", "partai", "suara_sah", "kursi"])
    with open(DATA / "dpr_ri_2024_party_dapil.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            writer.writerow(
                [
                    row["dapil"],
                    row["dapil_seats"],
                    row["party_number"],
                    row["party"],
                    row["votes"],
                    row["seats_source_sheet"],
                ]
            )
    return out.getvalue().encode()


def keeper(office):  # type: ignore[no-untyped-def]
    """The office's keeper of the results archive (a position with the MANAGE_RESULTS duty): the
    one who may create elections, record decisions and import results."""
    user = duty_holder(office=office, duty=Duty.MANAGE_RESULTS)
    assert user is not None
    return user


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for sheet in list(workbook.worksheets):
        workbook.remove(sheet)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def official_party_totals() -> list[list[object]]:
    """The total_partai table from parties_2024.csv (national parties with DPR results)."""
    rows: list[list[object]] = [["nomor_partai", "partai", "suara_sah", "kursi"]]
    with open(DATA / "parties_2024.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["dpr_national_valid_votes_2024_official"]:
                rows.append(
                    [
                        int(row["ballot_number"]),
                        row["short_name"],
                        int(row["dpr_national_valid_votes_2024_official"]),
                        int(row["dpr_seats_2024_official"]),
                    ]
                )
    return rows
