"""The last check before a letter is signed: read back the text of the rendered PDF and refuse
any number on it that no record put there.

The input rules (letters/figures.py) judge what staff typed; this module judges what was
printed, whatever way the text came in. Every number-like token of the PDF's text layer
(digit runs with Indonesian separators, digits of any script, characters of other scripts that
look like digits, Roman numerals) must be one of the tokens that the records of the letter
produce: the values the render context carries (office, request, signer, parafs, the number
and date, the lampiran tables with the placeholders' values, the verification address), the
template's own words and the page furniture (page numbers, row and list counters). The free
text fields of the draft are not records and give nothing.

A token is matched by itself, not by where it stands: a number a record produced may appear
anywhere on the letter. The check proves that nothing on the letter was invented, not that
each figure stands in its place; the input rules and the figure check cover that.
"""

import datetime as dt
import functools
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from django.template.loader import get_template

from autentika.core.formatting import format_date_id, format_number_id
from autentika.core.text_rules import PLACEHOLDER
from autentika.letters.errors import LetterSigningError
from autentika.letters.figures import CASE_FILLERS, FILLERS, version_texts
from autentika.letters.legal_bases import LEGAL_BASES
from autentika.letters.rendering import TEMPLATE

# Letters of other scripts (and of Latin beyond what Indonesian writes) that TR39's
# confusables.txt lists as look-alikes of a digit. Digits of every script are `\d` already.
LOOKALIKE_DIGITS = {
    # Cyrillic O o, Greek Omicron, Armenian Oh, Tifinagh Yar, ideographic zero
    **dict.fromkeys("\u041e\u043e\u039f\u03bf\u0555\u0585\u2d54\u3007", "0"),
    # Cyrillic palochka and I, Hebrew paseq and final nun, Arabic alef, Runic Is, Lisu I,
    # Tifinagh Yan
    **dict.fromkeys("\u04c0\u04cf\u0406\u05c0\u05df\u0627\u16c1\ua4f2\u2d4f", "1"),
    # Latin tone two, Canadian syllabic, Latin R rotunda
    **dict.fromkeys("\u01a7\u14bf\ua75a\ua75b", "2"),
    # Cyrillic Ze and Abkhazian Dze, Latin Ezh and Yogh
    **dict.fromkeys("\u0417\u0437\u04e0\u04e1\u01b7\u0292\u021c\u021d", "3"),
    **dict.fromkeys("\u13ce", "4"),  # Cherokee Se
    **dict.fromkeys("\u01bc\u01bd", "5"),  # Latin tone five
    **dict.fromkeys("\u0431\u13ee\u2cd2\u2cd3", "6"),  # Cyrillic be, Cherokee Wv, Coptic
    **dict.fromkeys("\u0222\u0223", "8"),  # Latin Ou
    **dict.fromkeys("\ua76e", "9"),  # Latin Con
}
# Latin letters that pass for a digit only beside one ("2O24", "1.23l").
LATIN_LOOKALIKES = {"O": "0", "o": "0", "I": "1", "l": "1"}
_DIGIT = r"(?:\d|[" + "".join(LOOKALIKE_DIGITS) + "])"
_LATIN = "[" + "".join(LATIN_LOOKALIKES) + "]"
NUMBER = re.compile(rf"{_LATIN}*{_DIGIT}(?:{_DIGIT}|{_LATIN}|[.,](?={_DIGIT}))*")
ROMAN_WORD = re.compile(r"\b[IVXLCDMivxlcdm]+\b")
ROMAN = re.compile(r"^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# "di" is the preposition before it is 501. Single capitals other than I, V and X are initials.
ROMAN_WORDS_NOT_NUMBERS = {"di"}
ROMAN_SINGLE = {"I", "V", "X"}
PDFTOTEXT_TIMEOUT = 30

# Context keys whose values are the draft's own text, not records: they give no token.
# A new context key that carries free text must be listed here.
FREE_TEXT = {
    "text",
    "body_paragraphs",
    "closing_paragraphs",
    "copies_list",
    "version",
    "qr",
    "logo",
}
# Keys of the snapshot that are free text or never printed (database ids, file names).
SKIPPED_KEYS = {"explanation", "id", "result_version", "source_name"}
# What each model in the context prints, or is printed from it by the default texts.
MODEL_VALUES = {
    "office": ("name", "city", "region_code", "address", "contact_line", "letterhead"),
    "case": ("sender", "letter_number", "letter_date", "agenda_label"),
}


@dataclass(frozen=True)
class Token:
    text: str
    page: int

    @property
    def key(self) -> str:
        return token_key(self.text)


def _digit_of(char: str) -> str:
    if char in LOOKALIKE_DIGITS:
        return LOOKALIKE_DIGITS[char]
    if char in LATIN_LOOKALIKES:
        return LATIN_LOOKALIKES[char]
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    return char


def token_key(text: str) -> str:
    """Tokens are compared as written after NFKC, Roman numerals without case: "٣" is not
    "3" (no record prints it), "XII" is "xii"."""
    return text.casefold() if ROMAN_WORD.fullmatch(text) else text


def _is_roman(word: str) -> bool:
    if word.casefold() in ROMAN_WORDS_NOT_NUMBERS:
        return False
    if len(word) == 1:
        return word in ROMAN_SINGLE
    return bool(ROMAN.match(word.upper()))


def number_tokens(text: str) -> Iterator[str]:
    """Every number-like token of `text` (NFKC-normalised first)."""
    text = unicodedata.normalize("NFKC", text)
    yield from (match.group(0) for match in NUMBER.finditer(text))
    yield from (match.group(0) for match in ROMAN_WORD.finditer(text) if _is_roman(match.group(0)))


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The text layer of each page, as poppler's pdftotext reads it."""
    try:
        result = subprocess.run(
            # -nodiag: the SPESIMEN watermark is the one diagonal text, read letter by letter.
            ["pdftotext", "-nodiag", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=PDFTOTEXT_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise LetterSigningError(
            "Teks surat yang dibentuk tidak dapat dibaca ulang (pdftotext dari poppler-utils); "
            "surat tidak ditandatangani dan nomor surat tidak terpakai."
        ) from error
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_tokens(pdf: bytes) -> tuple[list[Token], int]:
    """The number-like tokens of the PDF's text layer with their page, and the page count."""
    pages = pdf_pages_text(pdf)
    tokens = [
        Token(text, page)
        for page, content in enumerate(pages, start=1)
        for text in number_tokens(content)
    ]
    return tokens, len(pages)


# --- what the records produced -------------------------------------------------------------


def _values(value: Any) -> Iterator[str]:
    """Every value below `value` as the template prints it (dates and whole numbers in the
    Indonesian way as well as plain)."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, int):
        yield str(value)
        yield format_number_id(value)
    elif isinstance(value, dt.date):
        yield format_date_id(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_KEYS:
                yield from _values(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _values(item)
    elif is_dataclass(value):
        for field in fields(value):
            yield from _values(getattr(value, field.name))
    else:
        yield str(value)


def _placeholder_values(version: Any) -> Iterator[str]:
    """What every placeholder prints (letters/figures.py): for the version's tables, for its
    case, and the regulations its text cites (only those)."""
    for table in version.tables:
        for filler in FILLERS.values():
            yield filler(table)
    for filler in CASE_FILLERS.values():
        yield filler(version.draft.case)
    for text in version_texts(version).values():
        for match in PLACEHOLDER.finditer(text):
            if match.group(1) == "dasar_hukum" and match.group(2) in LEGAL_BASES:
                yield LEGAL_BASES[match.group(2)]


def context_values(context: dict[str, Any]) -> Iterator[str]:
    """The record values of the letter's render context (letters/rendering.letter_context)."""
    for key, value in context.items():
        if key in FREE_TEXT:
            continue
        if key in MODEL_VALUES:
            for name in MODEL_VALUES[key]:
                yield from _values(getattr(value, name, None))
        elif key == "attachment_line":
            if context.get("has_table"):  # the fixed line, else the drafter's own text
                yield value
        else:
            yield from _values(value)
    yield from _placeholder_values(context["version"])


@functools.cache
def _template_tokens(name: str) -> frozenset[str]:
    """The numbers the template writes itself ("SHA-256"), outside its style and tags."""
    source = get_template(name).template.source  # type: ignore[attr-defined]
    for pattern in (r"<style.*?</style>", r"\{%.*?%\}", r"\{\{.*?\}\}", r"\{#.*?#\}", r"<[^>]*>"):
        source = re.sub(pattern, " ", source, flags=re.DOTALL)
    return frozenset(token_key(token) for token in number_tokens(source))


def allowed_tokens(*, context: dict[str, Any], pages: int, template: str = TEMPLATE) -> set[str]:
    """The token keys the records, the template and the page furniture produce."""
    allowed = {
        token_key(token) for value in context_values(context) for token in number_tokens(value)
    }
    allowed |= _template_tokens(template)
    # Page numbers ("Halaman 2 dari 3"), table and row numbers, the tembusan's list markers.
    counted = [pages, len(context.get("tables", [])), len(context.get("copies_list", []))]
    counted += [len(table.get("rows", [])) for table in context.get("tables", [])]
    allowed |= {str(n) for n in range(1, max(counted) + 1)}
    return allowed


# --- the check -----------------------------------------------------------------------------


def _message(text: str, pages: list[int]) -> str:
    if ROMAN_WORD.fullmatch(text):
        kind, shown = "Angka Romawi", f"“{text}”"
    else:
        read_as = "".join(_digit_of(char) for char in text)
        kind = "Angka"
        shown = f"“{text}”" + (f" (terbaca “{read_as}”)" if read_as != text else "")
    where = ", ".join(str(page) for page in pages)
    return (
        f"{kind} {shown} pada halaman {where} tidak berasal dari data arsip atau catatan "
        "surat; surat tidak ditandatangani."
    )


@dataclass(frozen=True)
class Readback:
    problems: list[str]
    tokens: list[str]


def letter_readback(*, pdf: bytes, context: dict[str, Any], template: str = TEMPLATE) -> Readback:
    """Every number on the rendered letter that no record produced, one Indonesian message per
    token naming its pages. Empty when the letter may be signed."""
    tokens, pages = pdf_tokens(pdf)
    allowed = allowed_tokens(context=context, pages=pages, template=template)
    found: dict[str, list[int]] = {}
    for token in tokens:
        if token.key not in allowed:
            pages_of = found.setdefault(token.text, [])
            if token.page not in pages_of:
                pages_of.append(token.page)
    return Readback(
        problems=[_message(text, pages_of) for text, pages_of in found.items()],
        tokens=list(found),
    )


class ReadbackRefusal(LetterSigningError):
    """The rendered letter prints a number no record produced; `audit` names the tokens."""

    def __init__(self, messages: list[str], *, tokens: list[str]) -> None:
        super().__init__(messages)
        self.audit: dict[str, Any] = {"readback_tokens": tokens}


def letter_readback_check(*, pdf: bytes, context: dict[str, Any]) -> None:
    """Raises `ReadbackRefusal` when the rendered letter prints a number no record produced."""
    result = letter_readback(pdf=pdf, context=context)
    if result.problems:
        raise ReadbackRefusal(
            ["Surat tidak ditandatangani; tidak ada nomor yang terpakai.", *result.problems],
            tokens=result.tokens,
        )
