"""Reading and validating a results file in the template (docs/IMPORT_TEMPLATE.md).

Pure parsing: bytes in, `ParsedResults` or `ResultsFileInvalid` (every problem, each naming
file, row, column, value and rule, in Indonesian) out. Checking the figures against an election
that already holds dapil and parties is `validate_against_election`. Nothing here writes.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException

from autentika.results.xlsx_limits import MAX_COLUMNS, MAX_SHEETS, xlsx_problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_ISSUES = 50

MAIN_SHEET = "hasil"
TOTALS_SHEET = "total_partai"
CANDIDATES_SHEET = "calon"
GUIDE_SHEET = "petunjuk"

MAIN_HEADERS = ("dapil", "kursi_dapil", "nomor_partai", "partai", "suara_sah", "kursi")
TOTALS_HEADERS = ("nomor_partai", "partai", "suara_sah", "kursi")
CANDIDATES_HEADERS = ("dapil", "nomor_partai", "nomor_urut", "nama", "suara_sah", "terpilih")
TABLE_HEADERS = {
    MAIN_SHEET: MAIN_HEADERS,
    TOTALS_SHEET: TOTALS_HEADERS,
    CANDIDATES_SHEET: CANDIDATES_HEADERS,
}

_PLAIN = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_YES = {"ya", "y", "1", "true"}
_NO = {"tidak", "t", "0", "false", ""}


@dataclass(frozen=True)
class Issue:
    file: str
    row: int | None
    column: str
    value: str
    rule: str

    @property
    def message(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        where = ", ".join(parts)
        value = f" nilai “{self.value}”:" if self.value != "" else ""
        return f"{where}:{value} {self.rule}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "message": self.message,
        }


class ResultsFileInvalid(Exception):
    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        super().__init__("\n".join(issue.message for issue in self.issues))

    @classmethod
    def one(cls, file_name: str, rule: str, row: int | None = None) -> "ResultsFileInvalid":
        """The file refused for one reason about the whole file (or one row)."""
        return cls([Issue(file_name, row, "", "", rule)])


@dataclass(frozen=True)
class Row:
    dapil: str
    dapil_seats: int
    party_number: int
    party_name: str
    votes: int
    seats: int
    line: int


@dataclass(frozen=True)
class TotalRow:
    party_number: int
    party_name: str
    votes: int | None
    seats: int | None
    line: int


@dataclass(frozen=True)
class CandidateRow:
    dapil: str
    party_number: int
    ballot_order: int
    name: str
    votes: int | None
    elected: bool
    line: int


@dataclass
class ParsedResults:
    rows: list[Row]
    totals: list[TotalRow] = field(default_factory=list)
    candidates: list[CandidateRow] = field(default_factory=list)

    def dapil_seats(self) -> dict[str, int]:
        """Dapil names in file order with their seats."""
        seats: dict[str, int] = {}
        for row in self.rows:
            seats.setdefault(row.dapil, row.dapil_seats)
        return seats

    def party_names(self) -> dict[int, str]:
        names: dict[int, str] = {}
        for row in self.rows:
            names.setdefault(row.party_number, row.party_name)
        return names


def normalize_name(value: str) -> str:
    """The key a dapil or party name is matched by: case and spacing do not matter."""
    return " ".join(value.split()).upper()


def parse_whole_number(raw: Any) -> int | None:
    """A whole non-negative number as written in a file: 1234567, 1.234.567 (Indonesian
    thousands), or a spreadsheet number without a fraction. None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if raw >= 0 else None
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() and raw >= 0 else None
    text = str(raw).strip().replace("\u00a0", "")
    if _PLAIN.match(text):
        return int(text)
    if _GROUPED.match(text):
        return int(text.replace(".", ""))
    return None


def _cell_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


# --- reading the container (CSV or XLSX) into tables of raw cells --------------------------


Table = list[tuple[int, list[Any]]]  # (line number, cells); the first entry is the header


def read_tables(file_name: str, content: bytes) -> dict[str, Table]:
    """The tables of the file by template name. CSV holds only the main table."""
    if len(content) == 0 or not content.strip():
        raise ResultsFileInvalid([Issue(file_name, None, "", "", "berkas kosong.")])
    if len(content) > MAX_FILE_BYTES:
        raise ResultsFileInvalid(
            [
                Issue(
                    file_name,
                    None,
                    "",
                    "",
                    f"berkas terlalu besar ({len(content):,} bita); batasnya "
                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB.".replace(",", "."),
                )
            ]
        )
    lower = file_name.lower()
    if content[:4] == b"PK\x03\x04":
        if not lower.endswith(".xlsx"):
            raise ResultsFileInvalid(
                [Issue(file_name, None, "", "", "berkas ini bukan CSV; simpan sebagai .xlsx.")]
            )
        return _read_xlsx(file_name, content)
    if lower.endswith(".xlsx"):
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", "berkas bukan XLSX yang sah (isi tidak terbaca).")]
        )
    if not lower.endswith((".csv", ".txt")):
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", "jenis berkas tidak didukung; gunakan CSV atau XLSX.")]
        )
    return {MAIN_SHEET: _read_csv(file_name, content)}


def _read_csv(file_name: str, content: bytes) -> Table:
    if b"\x00" in content:
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", "berkas bukan teks CSV (berisi data biner).")]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise ResultsFileInvalid(
                [Issue(file_name, None, "", "", "berkas bukan teks CSV (UTF-8) yang terbaca.")]
            ) from None
    first_line = text.lstrip().splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    table: Table = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if reader.line_num > MAX_ROWS + 1:
                raise ResultsFileInvalid(
                    [Issue(file_name, None, "", "", f"lebih dari {MAX_ROWS:,} baris.")]
                )
            if not any(cell.strip() for cell in cells):
                continue
            table.append((reader.line_num, cells))
    except csv.Error as error:
        raise ResultsFileInvalid(
            [Issue(file_name, reader.line_num, "", "", f"CSV rusak ({error}).")]
        ) from None
    return table


def _read_xlsx(file_name: str, content: bytes) -> dict[str, Table]:
    from openpyxl import load_workbook

    problem = xlsx_problem(content)
    if problem is not None:
        raise ResultsFileInvalid.one(file_name, problem)
    try:
        return _read_workbook(file_name, content, load_workbook)
    except DefusedXmlException:
        raise ResultsFileInvalid.one(file_name, "berkas XLSX memuat XML berbahaya (DTD).") from None


def _read_workbook(file_name: str, content: bytes, load_workbook: Any) -> dict[str, Table]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", f"berkas bukan XLSX yang sah ({error}).")]
        ) from None
    except Exception as error:  # openpyxl raises its own InvalidFileException and others
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", f"berkas XLSX tidak terbaca ({error}).")]
        ) from None
    try:
        if len(workbook.sheetnames) > MAX_SHEETS:
            raise ResultsFileInvalid.one(
                file_name, f"berkas XLSX memuat lebih dari {MAX_SHEETS} lembar."
            )
        names = {name.strip().lower(): name for name in workbook.sheetnames}
        if MAIN_SHEET in names:
            chosen = {key: names[key] for key in TABLE_HEADERS if key in names}
        elif len(workbook.sheetnames) == 1:
            chosen = {MAIN_SHEET: workbook.sheetnames[0]}
        else:
            raise ResultsFileInvalid(
                [
                    Issue(
                        file_name,
                        None,
                        "",
                        ", ".join(workbook.sheetnames),
                        f"berkas memuat beberapa lembar tetapi tidak ada lembar bernama "
                        f"“{MAIN_SHEET}”; beri nama lembar hasil per dapil “{MAIN_SHEET}”.",
                    )
                ]
            )
        tables: dict[str, Table] = {}
        rows_read = 0
        for key, sheet_name in chosen.items():
            table: Table = []
            sheet = workbook[sheet_name]
            sheet.reset_dimensions()  # type: ignore[union-attr]  # a read-only sheet: ignore the declared size
            for line, values in enumerate(sheet.iter_rows(values_only=True), 1):
                if len(values) > MAX_COLUMNS and any(_cell_text(v) for v in values[MAX_COLUMNS:]):
                    rule = f"baris ini memuat isi di luar kolom ke-{MAX_COLUMNS}."
                    raise ResultsFileInvalid.one(file_name, rule, row=line)
                rows_read += 1
                if rows_read > MAX_ROWS + len(chosen):
                    raise ResultsFileInvalid(
                        [Issue(file_name, None, "", "", f"lebih dari {MAX_ROWS:,} baris.")]
                    )
                cells = list(values)
                if not any(_cell_text(cell) for cell in cells):
                    continue
                while cells and _cell_text(cells[-1]) == "":
                    cells.pop()
                table.append((line, cells))
            tables[key] = table
        return tables
    except (ResultsFileInvalid, DefusedXmlException):
        raise
    except Exception as error:  # openpyxl's errors on a malformed sheet are of many kinds
        rule = f"lembar XLSX tidak terbaca ({type(error).__name__})."
        raise ResultsFileInvalid.one(file_name, rule) from None
    finally:
        workbook.close()


# --- validating the tables ----------------------------------------------------------------


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, file: str, row: int | None, column: str, value: Any, rule: str) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(file, row, column, _cell_text(value), rule))

    def raise_if_any(self) -> None:
        if self.issues:
            raise ResultsFileInvalid(self.issues)


def sheet_label(file_name: str, key: str, is_xlsx: bool) -> str:
    return f"{file_name} (lembar {key})" if is_xlsx else file_name


def _records(
    label: str, table: Table, headers: Sequence[str], issues: _Collector
) -> list[tuple[int, dict[str, Any]]]:
    """Check the header row and turn the other rows into dicts by header."""
    if not table:
        issues.add(label, None, "", "", "tabel kosong: tidak ada baris judul kolom.")
        return []
    header_line, header_cells = table[0]
    found = [_cell_text(cell).lower() for cell in header_cells]
    expected = set(headers)
    missing = [name for name in headers if name not in found]
    unknown = [name for name in found if name not in expected]
    doubled = sorted({name for name in found if name and found.count(name) > 1})
    if missing or unknown or doubled:
        details = []
        if missing:
            details.append("kurang: " + ", ".join(missing))
        if unknown:
            details.append("tidak dikenal: " + ", ".join(name or "(kosong)" for name in unknown))
        if doubled:
            details.append("ganda: " + ", ".join(doubled))
        issues.add(
            label,
            header_line,
            "",
            ",".join(found),
            "judul kolom tidak sesuai templat ("
            + "; ".join(details)
            + "). Harus tepat: "
            + ",".join(headers)
            + " (urutan bebas).",
        )
        return []
    records = []
    for line, cells in table[1:]:
        if len(cells) > len(found) and any(_cell_text(c) for c in cells[len(found) :]):
            issues.add(
                label,
                line,
                "",
                ",".join(_cell_text(c) for c in cells),
                f"baris memuat {len(cells)} nilai, padahal ada {len(found)} kolom.",
            )
            continue
        padded = list(cells) + [None] * (len(found) - len(cells))
        records.append((line, dict(zip(found, padded, strict=True))))
    if not records:
        issues.add(label, None, "", "", "tabel tidak memuat satu baris data pun.")
    return records


def _number(
    label: str,
    line: int,
    record: dict[str, Any],
    column: str,
    issues: _Collector,
    *,
    minimum: int = 0,
    optional: bool = False,
) -> int | None:
    raw = record[column]
    if optional and _cell_text(raw) == "":
        return None
    value = parse_whole_number(raw)
    if value is None:
        issues.add(
            label,
            line,
            column,
            raw,
            "bukan bilangan bulat tidak negatif (tulis 1234567 atau 1.234.567, "
            "tanpa koma, tanda minus, atau huruf).",
        )
        return None
    if value < minimum:
        issues.add(label, line, column, raw, f"harus paling sedikit {minimum}.")
        return None
    return value


def _text(label: str, line: int, record: dict[str, Any], column: str, issues: _Collector) -> str:
    value = " ".join(_cell_text(record[column]).split())
    if not value:
        issues.add(label, line, column, "", "tidak boleh kosong.")
    return value


def parse_results(file_name: str, content: bytes) -> ParsedResults:
    """Read and validate a whole file. Raises `ResultsFileInvalid` with every problem found."""
    tables = read_tables(file_name, content)
    is_xlsx = content[:4] == b"PK\x03\x04"
    return parse_tables(file_name, tables, is_xlsx=is_xlsx)


def parse_tables(file_name: str, tables: dict[str, Table], *, is_xlsx: bool) -> ParsedResults:
    issues = _Collector()
    label = sheet_label(file_name, MAIN_SHEET, is_xlsx)
    rows = _parse_main(label, tables.get(MAIN_SHEET, []), issues)
    totals: list[TotalRow] = []
    candidates: list[CandidateRow] = []
    if TOTALS_SHEET in tables:
        totals = _parse_totals(
            sheet_label(file_name, TOTALS_SHEET, is_xlsx), tables[TOTALS_SHEET], rows, issues
        )
    if CANDIDATES_SHEET in tables:
        candidates = _parse_candidates(
            sheet_label(file_name, CANDIDATES_SHEET, is_xlsx),
            tables[CANDIDATES_SHEET],
            rows,
            issues,
        )
    issues.raise_if_any()
    return ParsedResults(rows, totals, candidates)


def _parse_main(label: str, table: Table, issues: _Collector) -> list[Row]:
    rows: list[Row] = []
    records = _records(label, table, MAIN_HEADERS, issues)
    for line, record in records:
        dapil = _text(label, line, record, "dapil", issues)
        dapil_seats = _number(label, line, record, "kursi_dapil", issues, minimum=1)
        number = _number(label, line, record, "nomor_partai", issues, minimum=1)
        party = _text(label, line, record, "partai", issues)
        votes = _number(label, line, record, "suara_sah", issues)
        seats = _number(label, line, record, "kursi", issues)
        if dapil and party and None not in (dapil_seats, number, votes, seats):
            rows.append(
                Row(dapil, dapil_seats, number, party, votes, seats, line)  # type: ignore[arg-type]
            )
    if issues.issues:
        return rows
    seen: dict[tuple[str, int], int] = {}
    first_seats: dict[str, tuple[int, int]] = {}
    party_names: dict[int, tuple[str, int]] = {}
    dapil_display: dict[str, str] = {}
    seat_sums: dict[str, int] = {}
    for row in rows:
        key = normalize_name(row.dapil)
        if (key, row.party_number) in seen:
            issues.add(
                label,
                row.line,
                "nomor_partai",
                row.party_number,
                f"dapil {row.dapil} dan partai nomor {row.party_number} sudah ada di baris "
                f"{seen[key, row.party_number]}; satu baris per dapil per partai.",
            )
            continue
        seen[key, row.party_number] = row.line
        dapil_display.setdefault(key, row.dapil)
        first = first_seats.setdefault(key, (row.dapil_seats, row.line))
        if first[0] != row.dapil_seats:
            issues.add(
                label,
                row.line,
                "kursi_dapil",
                row.dapil_seats,
                f"kursi dapil {row.dapil} berbeda dengan baris {first[1]} ({first[0]}).",
            )
        name = party_names.setdefault(row.party_number, (row.party_name, row.line))
        if normalize_name(name[0]) != normalize_name(row.party_name):
            issues.add(
                label,
                row.line,
                "partai",
                row.party_name,
                f"partai nomor {row.party_number} bernama “{name[0]}” di baris {name[1]}.",
            )
        seat_sums[key] = seat_sums.get(key, 0) + row.seats
    for key, total in seat_sums.items():
        expected, line = first_seats[key]
        if total != expected:
            issues.add(
                label,
                line,
                "kursi",
                total,
                f"jumlah kursi partai di dapil {dapil_display[key]} adalah {total}, tidak sama "
                f"dengan kursi_dapil {expected}.",
            )
    return rows


def _parse_totals(label: str, table: Table, rows: list[Row], issues: _Collector) -> list[TotalRow]:
    parties = {row.party_number for row in rows}
    totals: list[TotalRow] = []
    seen: dict[int, int] = {}
    for line, record in _records(label, table, TOTALS_HEADERS, issues):
        number = _number(label, line, record, "nomor_partai", issues, minimum=1)
        name = _text(label, line, record, "partai", issues)
        votes = _number(label, line, record, "suara_sah", issues, optional=True)
        seats = _number(label, line, record, "kursi", issues, optional=True)
        if number is None:
            continue
        if number in seen:
            issues.add(
                label,
                line,
                "nomor_partai",
                number,
                f"partai ini sudah ada di baris {seen[number]}.",
            )
            continue
        seen[number] = line
        if rows and number not in parties:
            issues.add(
                label,
                line,
                "nomor_partai",
                number,
                "partai ini tidak ada di lembar hasil per dapil.",
            )
            continue
        totals.append(TotalRow(number, name, votes, seats, line))
    return totals


def _parse_candidates(
    label: str, table: Table, rows: list[Row], issues: _Collector
) -> list[CandidateRow]:
    known = {(normalize_name(row.dapil), row.party_number) for row in rows}
    candidates: list[CandidateRow] = []
    seen: dict[tuple[str, int, int], int] = {}
    for line, record in _records(label, table, CANDIDATES_HEADERS, issues):
        dapil = _text(label, line, record, "dapil", issues)
        number = _number(label, line, record, "nomor_partai", issues, minimum=1)
        order = _number(label, line, record, "nomor_urut", issues, minimum=1)
        name = _text(label, line, record, "nama", issues)
        votes = _number(label, line, record, "suara_sah", issues, optional=True)
        elected_text = _cell_text(record["terpilih"]).lower()
        if elected_text not in _YES | _NO:
            issues.add(label, line, "terpilih", record["terpilih"], "isi “ya” atau “tidak”.")
        if not dapil or number is None or order is None or not name:
            continue
        key = (normalize_name(dapil), number, order)
        if key in seen:
            issues.add(
                label, line, "nomor_urut", order, f"calon ini sudah ada di baris {seen[key]}."
            )
            continue
        seen[key] = line
        if (key[0], number) not in known:
            issues.add(
                label,
                line,
                "dapil",
                dapil,
                f"dapil {dapil} dengan partai nomor {number} tidak ada di lembar hasil per dapil.",
            )
            continue
        candidates.append(
            CandidateRow(dapil, number, order, name, votes, elected_text in _YES, line)
        )
    return candidates


# --- against an election that already holds dapil and parties -----------------------------


def validate_against_election(
    file_name: str,
    parsed: ParsedResults,
    *,
    dapil_seats: dict[str, int],
    party_names: dict[int, Iterable[str]],
    is_xlsx: bool,
) -> None:
    """Once an election has dapil and parties, a file may name only those, with the same seats,
    and must cover every dapil (a new version replaces the whole set).

    `dapil_seats`: normalized dapil name -> seats; `party_names`: number -> accepted names.
    """
    if not dapil_seats and not party_names:
        return
    label = sheet_label(file_name, MAIN_SHEET, is_xlsx)
    issues = _Collector()
    present: set[str] = set()
    for row in parsed.rows:
        key = normalize_name(row.dapil)
        present.add(key)
        if key not in dapil_seats:
            issues.add(label, row.line, "dapil", row.dapil, "dapil ini tidak ada dalam pemilu ini.")
        elif dapil_seats[key] != row.dapil_seats:
            issues.add(
                label,
                row.line,
                "kursi_dapil",
                row.dapil_seats,
                f"alokasi kursi dapil {row.dapil} yang tercatat adalah {dapil_seats[key]}.",
            )
        if row.party_number not in party_names:
            issues.add(
                label,
                row.line,
                "nomor_partai",
                row.party_number,
                "partai dengan nomor ini tidak ada dalam pemilu ini.",
            )
        else:
            accepted = {normalize_name(name) for name in party_names[row.party_number] if name}
            if normalize_name(row.party_name) not in accepted:
                issues.add(
                    label,
                    row.line,
                    "partai",
                    row.party_name,
                    f"partai nomor {row.party_number} dalam pemilu ini bernama "
                    + " / ".join(sorted(n for n in party_names[row.party_number] if n))
                    + ".",
                )
    for key in sorted(set(dapil_seats) - present):
        issues.add(
            label,
            None,
            "dapil",
            key,
            "dapil pemilu ini tidak ada dalam berkas; versi baru harus memuat seluruh dapil.",
        )
    issues.raise_if_any()
