"""Validating a results file in the template (docs/IMPORT_TEMPLATE.md).

Pure parsing: bytes in, `ParsedResults` or `ResultsFileInvalid` (every problem, each naming
file, row, column, value and rule, in Indonesian) out. Reading the container is
import_reading.py, the vocabulary import_types.py. Checking the figures against an election
that already holds dapil and parties is `validate_against_election`. Nothing here writes.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from autentika.results.import_reading import Table, read_tables
from autentika.results.import_types import (
    CANDIDATES_HEADERS,
    CANDIDATES_SHEET,
    MAIN_HEADERS,
    MAIN_SHEET,
    MAX_ISSUES,
    TOTALS_HEADERS,
    TOTALS_SHEET,
    YES_OR_NO_WORDS,
    YES_WORDS,
    CandidateRow,
    Issue,
    ParsedResults,
    ResultsFileInvalid,
    Row,
    TotalRow,
    cell_text,
    normalize_name,
    parse_whole_number,
)

# --- validating the tables ----------------------------------------------------------------

MAX_TEXT = 200
MAX_WHOLE = 10**12  # far above any electorate; keeps figures inside a 64-bit integer column
FORMULA_START = ("=", "+", "-", "@")  # a name a spreadsheet would run as a formula


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, file: str, row: int | None, column: str, value: Any, rule: str) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(file, row, column, cell_text(value), rule))

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
    found = [cell_text(cell).lower() for cell in header_cells]
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
        if len(cells) > len(found) and any(cell_text(c) for c in cells[len(found) :]):
            issues.add(
                label,
                line,
                "",
                ",".join(cell_text(c) for c in cells),
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
    if optional and cell_text(raw) == "":
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
    if value > MAX_WHOLE:
        issues.add(
            label,
            line,
            column,
            raw,
            f"terlalu besar (paling besar {MAX_WHOLE:,}).".replace(",", "."),
        )
        return None
    if value < minimum:
        issues.add(label, line, column, raw, f"harus paling sedikit {minimum}.")
        return None
    return value


def _text(label: str, line: int, record: dict[str, Any], column: str, issues: _Collector) -> str:
    raw = record[column]
    value = " ".join((raw if isinstance(raw, str) else cell_text(raw)).split())
    if not value:
        issues.add(label, line, column, "", "tidak boleh kosong.")
    elif len(value) > MAX_TEXT:
        issues.add(
            label,
            line,
            column,
            value[:40] + "…",
            f"terlalu panjang (paling banyak {MAX_TEXT} karakter).",
        )
    elif not value.isprintable() and any(unicodedata.category(c) in ("Cc", "Cf") for c in value):
        issues.add(label, line, column, value, "memuat karakter kendali yang tidak boleh ada.")
    elif value.startswith(FORMULA_START):
        issues.add(label, line, column, value, "tidak boleh diawali =, +, - atau @ (rumus).")
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
        elected_text = cell_text(record["terpilih"]).lower()
        if elected_text not in YES_OR_NO_WORDS:
            issues.add(label, line, "terpilih", record["terpilih"], "isi “ya” atau “tidak”.")
        if not dapil or number is None or order is None or not name:
            continue
        key = (dapil.upper(), number, order)  # _text normalized its spaces already
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
            CandidateRow(dapil, number, order, name, votes, elected_text in YES_WORDS, line)
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
