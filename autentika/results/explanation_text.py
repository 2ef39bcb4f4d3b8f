"""The rule for the words of an explanation (`FigureExplanation.explanation`) printed in a
letter's lampiran: no numeral in any form, only the characters a letter needs.

A figure the explanation needs (the settling document's number and date) comes from the
explanation's own fields, printed through the template. The free text itself is words only:
- after NFKC every character is in the declared repertoire (Latin letters Indonesian uses,
  space, line break, common punctuation); a digit of any script, a letter of another script
  or any other symbol is refused;
- no word is a numeral: Roman numerals in any case (except the words in `NOT_NUMERALS`),
  cardinal number words in Indonesian or English, alone or run together ("tigaratus"),
  quantity words ("selusin", "ribuan"), or a word of Latin letters that reads as digits
  ("lOO").
Small and self-contained on purpose: the general rule for every text of a letter may fold it in.
"""

import re
import unicodedata

from autentika.core.text_rules import printed_text_problems

# The declared repertoire, after NFKC.
LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàáâäèéêëìíîïòóôöùúûüÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ"
)
# Space, line break, . , ; : ! ? ' " ( ) - / en and em dashes, curly quotes.
PUNCTUATION = frozenset(" \n.,;:!?'\"()-/\u2013\u2014\u201c\u201d\u2018\u2019")
REPERTOIRE = LETTERS | PUNCTUATION

_NUMBER_WORDS = (
    # Indonesian cardinals, their combined forms, abbreviations and quantities.
    "nol nihil satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas "
    "puluh ratus ribu juta miliar milyar triliun trilyun seratus seribu sejuta semiliar "
    "semilyar setriliun rb jt belasan puluhan ratusan ribuan jutaan miliaran milyaran "
    "triliunan lusin selusin lusinan kodi sekodi gros segros rim serim setengah separuh "
    "sepertiga seperempat "
    # English cardinals and quantities.
    "zero nil one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million billion trillion hundreds thousands "
    "millions billions dozen dozens gross half"
)
NUMBER_WORDS = frozenset(_NUMBER_WORDS.split())
# Words that are valid Roman numerals but read as words: the preposition "di" (also "DI
# Yogyakarta"), and the KPU's form names "Model C" and "Model D"; words built on "satu" that
# name no quantity (unit, unity, union, united).
NOT_NUMERALS = frozenset({"di", "c", "d", "satuan", "kesatuan", "persatuan", "bersatu"})
# A number word with an affix is a numeral too: "kedua", "ketiga", "berdua", "ribuannya",
# "seratusan", "tenth".
PREFIXES = ("", "ke", "se", "ber", "per")
SUFFIXES = ("", "an", "nya", "annya", "lah", "th")
# "salah satu" (one of) names no quantity.
PHRASES_ALLOWED = (("salah", "satu"),)
ROMAN = re.compile(r"m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
# Latin letters that read as digits on paper: O for 0, I and l for 1.
READ_AS_DIGITS = frozenset("OoIl")
WORD = re.compile(r"[^\W\d_]+")


def _normalised(text: str) -> list[tuple[str, str, int, int]]:
    """Each character after NFKC with the character, line and column (from 1) it came from."""
    out: list[tuple[str, str, int, int]] = []
    line, column = 1, 0
    for char in unicodedata.normalize("NFC", text.replace("\r\n", "\n")):
        if char == "\n":
            out.append((char, char, line, column + 1))
            line, column = line + 1, 0
            continue
        column += 1
        for piece in unicodedata.normalize("NFKC", char):
            out.append((piece, char, line, column))
    return out


def _char_name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}")


def _number_words(word: str) -> bool:
    """The word is number words run together ("tigaratus", "duapuluhlima", "onehundred")."""
    if not word:
        return False
    reachable = [True] + [False] * len(word)
    for end in range(2, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in NUMBER_WORDS for start in range(end - 1)
        )
    return reachable[-1]


def _is_numeral_word(word: str) -> str:
    """What kind of numeral the (casefolded) word is, or ""."""
    if word in NOT_NUMERALS:
        return ""
    if ROMAN.fullmatch(word):
        return "angka Romawi"
    for prefix in PREFIXES:
        for suffix in SUFFIXES:
            if word.startswith(prefix) and word.endswith(suffix):
                stem = word[len(prefix) : len(word) - len(suffix)]
                if _number_words(stem):
                    return "kata bilangan"
    return ""


def explanation_text_problems(text: str, *, where: str = "Penjelasan") -> list[str]:
    """Every reason the text may not be printed, in Indonesian, naming what and where: the
    rule every text a letter prints passes (core/text_rules.py), each problem with its line and
    column."""
    problems = _located_problems(text, where=where)
    named = " ".join(problems)
    return problems + [
        problem.message
        for problem in printed_text_problems(field="explanation", label=where, text=text)
        if f"“{problem.found}”" not in named
    ]


def _located_problems(text: str, *, where: str) -> list[str]:
    problems: list[str] = []
    chars = _normalised(text)
    reported: set[tuple[int, int]] = set()
    for char, source, line, column in chars:
        at = f"baris {line}, kolom {column}"
        if char in REPERTOIRE or (line, column) in reported:
            continue
        reported.add((line, column))
        read = f", dibaca “{char}”" if source != char else ""
        original = f"“{source}” ({_char_name(source)}{read})"
        if unicodedata.numeric(char, None) is not None:
            problems.append(
                f"{where}: angka {original} pada {at}. Penjelasan tidak boleh memuat angka; "
                "nomor dan tanggal dokumen penentu diisi pada kolomnya sendiri."
            )
        else:
            problems.append(
                f"{where}: karakter {original} pada {at} tidak termasuk huruf Latin dan tanda "
                "baca yang dapat dicetak dalam surat."
            )
    normal = "".join(char for char, _, _, _ in chars)
    words = list(WORD.finditer(normal))
    for index, match in enumerate(words):
        word = match.group()
        folded = word.casefold()
        _, _, line, column = chars[match.start()]
        at = f"baris {line}, kolom {column}"
        previous = words[index - 1].group().casefold() if index else ""
        if (previous, folded) in PHRASES_ALLOWED:
            continue
        kind = _is_numeral_word(folded)
        if not kind and set(word) <= READ_AS_DIGITS:
            kind = "kata yang terbaca sebagai angka"
        if kind:
            problems.append(
                f"{where}: {kind} “{word}” pada {at}. Penjelasan tidak boleh menyebut angka "
                "dalam bentuk apa pun; angka yang dinyatakan surat berasal dari arsip hasil."
            )
    return problems


# The settling document's number: the shape of an Indonesian letter or ruling number
# ("30 Tahun 2024", "12-01-02/PHPU.DPR-DPRD/XXII/2024"), never a figure in thousands.
DOCUMENT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./()-]{0,119}")
GROUPED_FIGURE = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def document_number_problems(value: str) -> list[str]:
    number = unicodedata.normalize("NFKC", value).strip()
    if not number:
        return ["Sebutkan nomor dokumen penentu."]
    if not DOCUMENT_NUMBER.fullmatch(number) or not any(c.isdigit() for c in number):
        bad = next((c for c in number if not re.fullmatch(r"[A-Za-z0-9 ./()-]", c)), "")
        named = f": karakter “{bad}” ({_char_name(bad)})" if bad else ""
        return [
            "Nomor dokumen penentu hanya memuat huruf Latin, angka, spasi dan tanda . / - ( ), "
            f"paling panjang seratus dua puluh karakter, dan memuat angka{named}."
        ]
    for part in re.split(r"[ /()-]", number):
        if GROUPED_FIGURE.fullmatch(part):
            return [
                f"Nomor dokumen penentu memuat “{part}”, yang tertulis seperti jumlah suara "
                "(berkelompok ribuan), bukan seperti nomor surat."
            ]
    return []
