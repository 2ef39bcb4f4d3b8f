"""Figures in a letter's free text come only from the data snapshot.

Staff write vote and seat figures (and the decision's number and date) as placeholders, e.g.
`{{suara:dprd-sumut-2024}}`, filled from the version's tables when the letter is rendered.
Any other number in the free text is refused unless it stands in a context that is not a
figure: a date ("28 Mei 2024"), a year after "Tahun"/"Pemilu"/"periode", a regulation
citation ("Undang-Undang Nomor 7 Tahun 2017", "Pasal 414 ayat (2)"), the party's own letter
number, a list marker at the start of a line, or the attachment count ("1 (satu) berkas").
Number words are refused when they carry a scale ("sembilan juta", "dua puluh") or stand next
to a figure word ("dua kursi").
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from autentika.core.formatting import format_date_id, format_number_id

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*(?::\s*([A-Za-z0-9_-]+))?\s*\}\}")

MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    "nopember|november|desember"
)
YEAR = r"(?:19[4-9]\d|20\d\d|2100)"
# Spans that hold numbers which are not figures. Matched case-insensitively on NFKC text.
ALLOWED_SPANS = [
    rf"\b(?:[1-9]|[12]\d|3[01])\s+(?:{MONTHS})\s+{YEAR}\b",
    rf"\b(?:{MONTHS})\s+{YEAR}\b",
    rf"\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-]{YEAR}\b",
    rf"\b{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b",
    rf"\b(?:nomor|no\.)\s*:?\s*\d{{1,4}}[a-z]?\s+tahun\s+{YEAR}\b",
    rf"\b(?:tahun anggaran|tahun|pemilu|pemilihan umum|periode|masa jabatan|ta\.?)\s+{YEAR}"
    rf"(?:\s*[-\u2013/]\s*{YEAR})?\b",
    r"\bpasal\s+\d{1,3}[a-z]?\b",
    r"\bayat\s*\(\d{1,2}\)",
    r"\bangka\s+\d{1,2}\b(?=\s+(?:huruf|pasal|peraturan|undang))",
    r"(?:^|\n)[ \t]*\d{1,2}[.)](?=[ \t]+[A-Z])",
    r"\b\d{1,2}\s*\([a-z ]+\)\s*(?:berkas|lembar|eksemplar|bundel|rangkap)\b",
]
UNIT_WORDS = {
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
}
SCALE_WORDS = {
    "belas",
    "puluh",
    "ratus",
    "ribu",
    "juta",
    "miliar",
    "milyar",
    "triliun",
    "seratus",
    "seribu",
    "sejuta",
    "semiliar",
    "hundred",
    "thousand",
    "million",
    "billion",
}
FIGURE_WORDS = {
    "suara",
    "kursi",
    "perolehan",
    "sah",
    "jumlah",
    "total",
    "sebanyak",
    "sejumlah",
    "memperoleh",
    "mendapat",
    "mendapatkan",
    "meraih",
    "votes",
    "seats",
}
ROMAN = re.compile(r"^[ivxlcdm]{2,}$")
WINDOW = 3

FIELD_LABELS = {
    "subject": "Hal",
    "nature": "Sifat",
    "attachment": "Lampiran",
    "body": "Isi surat",
    "closing": "Penutup",
    "copies": "Tembusan",
}


@dataclass(frozen=True)
class FigureProblem:
    field: str
    value: str
    excerpt: str

    @property
    def message(self) -> str:
        return (
            f"{FIELD_LABELS.get(self.field, self.field)}: “{self.excerpt}” memuat angka "
            f"“{self.value}” yang tidak berasal dari data arsip. Angka suara dan kursi hanya "
            "boleh ditulis dengan isian, mis. {{suara:KODE-PEMILU}} atau {{kursi:KODE-PEMILU}}."
        )


def _excerpt(text: str, start: int, end: int) -> str:
    left, right = max(0, start - 30), min(len(text), end + 30)
    return (
        ("…" if left else "")
        + text[left:right].replace("\n", " ")
        + ("…" if right < len(text) else "")
    )


def _blank(text: str, pattern: str, flags: int = re.IGNORECASE) -> str:
    return re.sub(pattern, lambda m: " " * len(m.group(0)), text, flags=flags)


def _digit_problems(field: str, original: str, scanned: str) -> list[FigureProblem]:
    problems = []
    for match in re.finditer(r"\d(?:[\d.,]|[ \u00a0](?=\d{3}\b))*", scanned):
        value = match.group(0).rstrip(".,")
        problems.append(FigureProblem(field, value, _excerpt(original, *match.span())))
    return problems


def _word_problems(field: str, original: str, scanned: str) -> list[FigureProblem]:
    tokens = list(re.finditer(r"\w+", scanned))
    words = [(m.group(0).casefold(), m.start(), m.end()) for m in tokens]
    problems = []
    index = 0
    while index < len(words):
        word, start, _ = words[index]
        # Roman numerals only in capitals ("XXII"), so "di" and "mil" stay words.
        roman = tokens[index].group(0).isupper() and ROMAN.match(word)
        is_number = word in UNIT_WORDS or word in SCALE_WORDS or roman
        if not is_number:
            index += 1
            continue
        # A run of number words is one number ("sembilan juta sembilan ratus").
        last = index
        while last + 1 < len(words) and (
            words[last + 1][0] in UNIT_WORDS or words[last + 1][0] in SCALE_WORDS
        ):
            last += 1
        run = [w for w, _, _ in words[index : last + 1]]
        near = {w for w, _, _ in words[max(0, index - WINDOW) : last + 1 + WINDOW]}
        after_salah = index > 0 and words[index - 1][0] == "salah" and run == ["satu"]
        if not after_salah and (any(w in SCALE_WORDS for w in run) or (near & FIGURE_WORDS)):
            span_end = words[last][2]
            problems.append(
                FigureProblem(field, original[start:span_end], _excerpt(original, start, span_end))
            )
        index = last + 1
    return problems


def text_figure_problems(
    *, field: str, text: str, allowed_identifiers: tuple[str, ...] = ()
) -> list[FigureProblem]:
    """Every number in `text` that could state a figure and is not from a placeholder."""
    original = unicodedata.normalize("NFKC", text)
    scanned = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), original)
    for identifier in allowed_identifiers:
        if identifier.strip():
            scanned = scanned.replace(identifier, " " * len(identifier))
    for pattern in ALLOWED_SPANS:
        scanned = _blank(scanned, pattern)
    return _digit_problems(field, original, scanned) + _word_problems(field, original, scanned)


def _table_for(tables: list[dict[str, Any]], code: str | None) -> dict[str, Any] | None:
    if code is None:
        return tables[0] if len(tables) == 1 else None
    return next((t for t in tables if t.get("election_code") == code), None)


def _decision_date(table: dict[str, Any]) -> str:
    return format_date_id(dt.date.fromisoformat(table["decision"]["date"]))


FILLERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "suara": lambda t: format_number_id(t["certified_votes"]),
    "kursi": lambda t: format_number_id(t["certified_seats"]),
    "pemilu": lambda t: t["election"],
    "nomor_keputusan": lambda t: t["decision"]["number"],
    "tanggal_keputusan": _decision_date,
    "partai": lambda t: t["party"]["full_name"] or t["party"]["short_name"],
    "nomor_urut": lambda t: str(t["party"]["number"]),
}


def placeholder_problems(*, field: str, text: str, tables: list[dict[str, Any]]) -> list[str]:
    problems = []
    codes = ", ".join(t.get("election_code", "") for t in tables) or "(tidak ada tabel data)"
    for match in PLACEHOLDER.finditer(text):
        name, code = match.group(1), match.group(2)
        label = FIELD_LABELS.get(field, field)
        if name not in FILLERS:
            problems.append(
                f"{label}: isian “{match.group(0)}” tidak dikenal; yang tersedia: "
                + ", ".join(sorted(FILLERS))
                + "."
            )
        elif _table_for(tables, code) is None:
            problems.append(
                f"{label}: isian “{match.group(0)}” tidak menunjuk tabel data surat ini; kode "
                f"pemilu yang tersedia: {codes}."
            )
    return problems


def placeholders_fill(text: str, *, tables: list[dict[str, Any]], strict: bool = True) -> str:
    """The text with every placeholder replaced by its value from the snapshot. A placeholder
    that cannot be filled raises, or (a draft's preview) is shown as a marked gap."""

    def fill(match: re.Match[str]) -> str:
        table = _table_for(tables, match.group(2))
        filler = FILLERS.get(match.group(1))
        if table is None or filler is None:
            if not strict:
                return f"[isian tidak dikenal: {match.group(0)[2:-2].strip()}]"
            raise ValidationError(f"Isian “{match.group(0)}” tidak dapat diisi dari data arsip.")
        return filler(table)

    return PLACEHOLDER.sub(fill, text)


def version_texts(version: Any) -> dict[str, str]:
    return {
        "subject": version.subject,
        "nature": version.nature,
        "attachment": version.attachment,
        "body": version.body,
        "closing": version.closing,
        "copies": version.copies,
    }


def version_text_problems(*, version: Any, letter_number: str) -> list[str]:
    """Every reason the version's free text may not be submitted or signed, in Indonesian."""
    messages: list[str] = []
    for field, text in version_texts(version).items():
        messages += placeholder_problems(field=field, text=text, tables=version.tables)
        messages += [
            problem.message
            for problem in text_figure_problems(
                field=field, text=text, allowed_identifiers=(letter_number,)
            )
        ]
    return messages


def version_text_filled(version: Any, *, strict: bool = True) -> dict[str, str]:
    """The free text as the letter prints it."""
    return {
        field: placeholders_fill(text, tables=version.tables, strict=strict)
        for field, text in version_texts(version).items()
    }


def placeholder_help(tables: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(placeholder, what it prints) for every figure the drafter may use in this letter."""
    rows = []
    for table in tables:
        code = table["election_code"]
        for name in ("suara", "kursi", "pemilu", "nomor_keputusan", "tanggal_keputusan"):
            rows.append((f"{{{{{name}:{code}}}}}", FILLERS[name](table)))
    return rows


def version_preview(*, version: Any, letter_number: str) -> dict[str, Any]:
    """What the editor's live preview shows: the filled text, the problems that would refuse
    submission, and the placeholders available."""
    text = version_text_filled(version, strict=False)
    return {
        "text": text,
        "body_lines": [line for line in text["body"].splitlines() if line.strip()],
        "closing_lines": [line for line in text["closing"].splitlines() if line.strip()],
        "problems": version_text_problems(version=version, letter_number=letter_number),
        "placeholders": placeholder_help(version.tables),
    }
