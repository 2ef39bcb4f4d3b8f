"""The results template's vocabulary: its sheets and columns, the limits, the rows a file
parses into, and the problem report (`Issue`, `ResultsFileInvalid`). Pure."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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
YES_WORDS = {"ya", "y", "1", "true"}
NO_WORDS = {"tidak", "t", "0", "false", ""}
YES_OR_NO_WORDS = YES_WORDS | NO_WORDS


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


def cell_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()
