"""What a person may type into text that a letter prints: a positive rule.

Two checks, each stating what is allowed rather than what is not:
- the repertoire: every character is one a letter in Indonesian needs (Latin letters, with the
  accented Latin letters names may carry, ASCII digits and punctuation, a few typographic
  marks). Anything else, a letter of another script that renders like a digit or a Latin
  letter, a digit of another script, a full-width form, a control character, is refused by name;
- numbers: free text carries no numeral of any form. Digits, Roman numerals in any case, cardinal
  number words and quantity words in Indonesian or English, and words written only with the
  letters that pass for digits ("lOO.OOO") are refused wherever they stand. Every number a
  letter legitimately carries comes from a record through a placeholder (letters/figures.py),
  which is blanked before this check.
"""

import re
import unicodedata
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*(?::\s*([A-Za-z0-9_-]+))?\s*\}\}")

_ASCII = {chr(code) for code in range(0x20, 0x7F)}
# line breaks (a browser sends CR LF), tab, curly quotes, dashes, ellipsis, middle dot, bullet
_TYPOGRAPHIC = set("\r\n\t\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00b7\u2022")
# Latin-1 Supplement and Latin Extended-A letters (accented names); Extended-B is left out: it
# holds Latin letters drawn like digits (U+01B7 like 3, U+01BC like 5).
_LATIN_ACCENTED_RANGES = ((0x00C0, 0x017F),)


def _latin_accented(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _LATIN_ACCENTED_RANGES) and (
        unicodedata.category(char).startswith("L")
    )


def _in_repertoire(char: str) -> bool:
    return char in _ASCII or char in _TYPOGRAPHIC or _latin_accented(char)


# Numbers written as words, in Indonesian and English, and words for quantities.
NUMBER_WORDS = frozenset(
    # Indonesian and English cardinals, their abbreviations, and words for quantities.
    [
        "nihil",
        "rb",
        "jt",
        "nil",
        "gross",
        "segros",
        "serim",
        "lusinan",
        "milyaran",
        "triliunan",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
    ]
) | frozenset(
    [
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
        "belas",
        "puluh",
        "ratus",
        "ribu",
        "juta",
        "miliar",
        "milyar",
        "triliun",
        "trilyun",
        "seratus",
        "seribu",
        "sejuta",
        "semiliar",
        "semilyar",
        "setriliun",
        "setengah",
        "seperempat",
        "sepertiga",
        "separuh",
        "puluhan",
        "belasan",
        "ratusan",
        "ribuan",
        "jutaan",
        "miliaran",
        "selusin",
        "lusin",
        "sekodi",
        "kodi",
        "gros",
        "rim",
        "sekawan",
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
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "dozen",
        "dozens",
        "half",
        "quarter",
        "score",
    ]
)
# Words built on a number word that name no quantity (unit, unity, union, united).
NOT_NUMBERS = frozenset({"satuan", "kesatuan", "persatuan", "bersatu"})
# A number word with an affix is a numeral too: "kedua", "berdua", "ribuannya", "seratusan".
PREFIXES = ("", "ke", "se", "ber", "per")
SUFFIXES = ("", "an", "nya", "annya", "lah", "th")
# "salah satu" (one of) names no quantity.
PHRASES_ALLOWED = frozenset({("salah", "satu")})
# Words of the language that are also valid Roman numerals ("di" = 501, "mi" = 1001), as the
# language writes them; in capitals ("DI", "MI") they are numerals.
ROMAN_LOOKING_WORDS = frozenset({"di", "Di", "mi", "Mi"})
ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# ASCII letters that TR39 (Unicode confusables) counts as the digits 0 and 1.
DIGIT_LOOKALIKES = frozenset("OoIl|")
# Abbreviations of Indonesian letters written with Roman-numeral letters, blanked first.
ABBREVIATIONS = re.compile(r"(?<!\w)(?:c\.q\.|u\.p\.|d\.a\.)", re.IGNORECASE)


@dataclass(frozen=True)
class TextProblem:
    field: str
    label: str
    found: str
    excerpt: str
    why: str

    @property
    def message(self) -> str:
        return f"{self.label}: “{self.excerpt}” memuat {self.why}"


def _excerpt(text: str, start: int, end: int) -> str:
    left, right = max(0, start - 30), min(len(text), end + 30)
    return (
        ("…" if left else "")
        + text[left:right].replace("\n", " ")
        + ("…" if right < len(text) else "")
    )


def _char_name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}")


def repertoire_problems(*, field: str, label: str, text: str) -> list[TextProblem]:
    """Every character outside the repertoire, named, once per character."""
    problems, seen = [], set()
    for index, char in enumerate(text):
        if _in_repertoire(char) or char in seen:
            continue
        seen.add(char)
        problems.append(
            TextProblem(
                field,
                label,
                char,
                _excerpt(text, index, index + 1),
                f"karakter “{char}” ({_char_name(char)}, U+{ord(char):04X}) yang tidak "
                "termasuk huruf Latin, angka Latin, atau tanda baca surat. Ketik ulang bagian "
                "itu dengan huruf biasa.",
            )
        )
    return problems


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _number_words(word: str) -> bool:
    """The word is number words run together ("tigaratus", "duapuluhlima", "onehundred")."""
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in NUMBER_WORDS for start in range(end)
        )
    return bool(word) and reachable[-1]


def _number_word(word: str) -> bool:
    if word in NOT_NUMBERS:
        return False
    return any(
        word.startswith(prefix)
        and word.endswith(suffix)
        and _number_words(word[len(prefix) : len(word) - len(suffix)])
        for prefix in PREFIXES
        for suffix in SUFFIXES
        if len(word) > len(prefix) + len(suffix)
    )


def _numeral_why(token: str) -> str | None:
    word = token.casefold()
    if any(char.isdigit() for char in token):
        return "angka"
    if _number_word(word):
        return "bilangan yang ditulis dengan kata"
    if token not in ROMAN_LOOKING_WORDS and ROMAN.match(word):
        return "angka Romawi"
    if len(token.replace(".", "").replace(",", "")) >= 2 and set(token) <= DIGIT_LOOKALIKES | {
        ".",
        ",",
    }:
        return "huruf yang menyerupai angka"
    return None


def numeral_problems(*, field: str, label: str, text: str) -> list[TextProblem]:
    """Every numeral of any form outside a placeholder."""
    normalised = unicodedata.normalize("NFKC", text)
    scanned = _blank(_blank(normalised, PLACEHOLDER), ABBREVIATIONS)
    problems = []
    previous = ""
    for match in re.finditer(r"[^\W_]+(?:[.,][^\W_]+)*|[|]+", scanned):
        token = match.group(0)
        previous, phrase = token.casefold(), (previous, token.casefold())
        if phrase in PHRASES_ALLOWED:
            continue
        why = _numeral_why(token) or next(
            (w for part in re.split(r"[.,]", token) if (w := _numeral_why(part))), None
        )
        if why is None:
            continue
        problems.append(
            TextProblem(
                field,
                label,
                token,
                _excerpt(normalised, *match.span()),
                f"{why} “{token}” yang tidak berasal dari data arsip. Setiap angka dalam surat "
                "hanya boleh berasal dari catatan melalui isian, mis. {{suara:KODE-PEMILU}}, "
                "{{nomor_surat_permohonan}} atau {{dasar_hukum:KODE}}.",
            )
        )
    return problems


def printed_text_problems(*, field: str, label: str, text: str) -> list[TextProblem]:
    """Everything the positive rule refuses in one text that a letter prints."""
    return repertoire_problems(field=field, label=label, text=text) + numeral_problems(
        field=field, label=label, text=text
    )
