"""No number a person types reaches a signed letter: the free text carries numbers only as
placeholders filled from records, and only characters of the letter's repertoire."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autentika.letters.figures import placeholders_fill, text_figure_problems

# Sentences of real KPU replies, with every number and name as a placeholder.
REAL_SENTENCES = [
    "Menindaklanjuti surat {{pengirim}} Nomor {{nomor_surat_permohonan}} tanggal "
    "{{tanggal_surat_permohonan}} perihal permohonan data autentifikasi perolehan suara.",
    "Berdasarkan {{dasar_hukum:uu-7-2017}}, seluruh partai politik peserta pemilu diikutkan "
    "dalam penghitungan kursi DPRD.",
    "Sesuai {{dasar_hukum:pp-5-2009}}, data ini menjadi syarat pengajuan bantuan keuangan.",
    "Keputusan Nomor {{nomor_keputusan:dprd-sumut-2024}} ditetapkan pada "
    "{{tanggal_keputusan:dprd-sumut-2024}} dalam rapat pleno terbuka.",
    "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
    "mestinya.",
    "Rincian per daerah pemilihan tercantum dalam lampiran surat ini, c.q. bagian hukum.",
    "Perolehan suara sah partai adalah {{suara:dprd-sumut-2024}} suara dan "
    "{{kursi:dprd-sumut-2024}} kursi di seluruh daerah pemilihan.",
    "Kepada Yth. Ketua Dewan Pimpinan Daerah di Medan; tembusan kepada Arsip.",
    "Surat ini ditandatangani secara elektronik oleh {{kantor}} untuk {{partai_pemohon}}.",
]

# Each class the issue found signed, and what the refusal names.
HOSTILE = [
    ("perolehan 9.999.999 suara sah dan 50 kursi", "9.999.999"),
    ("perolehan \uff19\uff19\uff19 suara", "999"),
    ("Nomor 9999 Tahun 2024 mencatat suara sah", "9999"),
    ("Pasal 22 tentang kursi", "22"),
    ("1. Perolehan suara sah", "1"),
    ("meraih kursi xxii di dapil itu", "xxii"),
    ("meraih kursi XXII", "XXII"),
    ("sebanyak tiga ratus ribu suara", "tiga"),
    ("yang sah, dan setelah dihitung ulang oleh petugas, jumlahnya lima", "lima"),
    ("the party won three hundred thousand votes", "three"),
    ("memperoleh selusin kursi", "selusin"),
    ("sebanyak tigaratus ribu suara", "tigaratus"),
    ("kursi yang kelima di dapil itu", "kelima"),
    ("perolehan lOO.OOO suara", "lOO.OOO"),
]
# Letters of other scripts drawn like digits (Cyrillic Ze, Greek Omicron, Latin Ezh, ...).
LOOKALIKES = ["\u0417\u0417\u0417.\u0417\u0417\u0417", "\u039f", "\u01b7", "\u0431", "\u0406"]


@pytest.mark.parametrize("text", REAL_SENTENCES)
def test_real_letter_sentences_pass(text):
    assert text_figure_problems(field="body", text=text) == []


@pytest.mark.parametrize(("text", "figure"), HOSTILE)
def test_typed_numbers_are_refused_and_named(text, figure):
    problems = text_figure_problems(field="body", text=text)
    assert problems, text
    assert unicodedata.normalize("NFKC", figure) in [p.found for p in problems]
    assert problems[0].message.startswith("Isi surat: ")
    assert any("{{suara:" in p.message for p in problems)


@pytest.mark.parametrize("lookalike", LOOKALIKES)
def test_a_character_of_another_script_is_refused_by_name(lookalike):
    text = f"Perolehan suara sah sebanyak {lookalike} suara."
    problems = text_figure_problems(field="copies", text=text)
    assert problems, text
    assert problems[0].message.startswith("Tembusan: ")
    assert unicodedata.name(lookalike[0]) in problems[0].message


def test_a_placeholder_prints_the_snapshot_figure():
    tables = [
        {
            "election_code": "dprd-sumut-2024",
            "certified_votes": 860466,
            "certified_seats": 7,
            "election": "Pemilu DPRD Sumut 2024",
            "decision": {"number": "21 Tahun 2024", "date": "2024-05-28"},
            "party": {"full_name": "Partai Golongan Karya", "short_name": "Golkar", "number": 4},
        }
    ]
    text = "{{suara:dprd-sumut-2024}} suara dan {{kursi:dprd-sumut-2024}} kursi ({{pemilu}})"
    assert placeholders_fill(text, tables=tables) == (
        "860.466 suara dan 7 kursi (Pemilu DPRD Sumut 2024)"
    )


# --- property: every form of a number, anywhere in otherwise good text, is refused --------

UNITS = [
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
]
ENGLISH = [
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
]
ENGLISH += ["twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion"]


def _indonesian_words(n: int) -> str:
    """Terbilang, written here independently of the code under test."""
    if n < 12:
        return UNITS[n]
    if n < 20:
        return f"{UNITS[n - 10]} belas"
    if n < 100:
        return f"{UNITS[n // 10]} puluh" + (f" {UNITS[n % 10]}" if n % 10 else "")
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{UNITS[n // 100]} ratus"
        return head + (f" {_indonesian_words(n % 100)}" if n % 100 else "")
    head = "seribu" if n // 1000 == 1 else f"{_indonesian_words(n // 1000)} ribu"
    return head + (f" {_indonesian_words(n % 1000)}" if n % 1000 else "")


def _roman(n: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _mixed_case(text: str, flips: list[bool]) -> str:
    return "".join(
        c.lower() if flip else c for c, flip in zip(text, flips + [False] * len(text), strict=False)
    )


NUMBERS = st.integers(min_value=0, max_value=999_999)
DIGIT_IN_ANY_SCRIPT = st.characters(categories=["Nd"])
NUMERALS = st.one_of(
    NUMBERS.map(str),
    NUMBERS.map(lambda n: f"{n:,}".replace(",", ".")),
    st.lists(DIGIT_IN_ANY_SCRIPT, min_size=1, max_size=7).map("".join),
    st.tuples(st.integers(1, 3999), st.lists(st.booleans(), max_size=15))
    .map(lambda pair: _mixed_case(_roman(pair[0]), pair[1]))
    # "di" and "mi" as the language writes them are words (at, noodles), not 501 and 1001
    .filter(lambda roman: roman not in {"di", "Di", "mi", "Mi"}),
    NUMBERS.map(_indonesian_words),
    st.sampled_from(ENGLISH),
    st.sampled_from(["selusin", "setengah", "ratusan", "dozen"]),
    st.sampled_from(LOOKALIKES),
)
GOOD_WORDS = st.sampled_from(
    [
        "Dengan",
        "hormat",
        "perolehan",
        "suara",
        "sah",
        "partai",
        "kursi",
        "berdasarkan",
        "keputusan",
        "Komisi",
        "Pemilihan",
        "Umum",
        "lampiran",
        "surat",
        "ini",
        "dan",
        "yang",
        "adalah",
        "sebagai",
        "berikut",
        "di",
        "Medan",
    ]
)
PLACEHOLDERS = st.sampled_from(
    [
        "{{suara:dprd-sumut-2024}}",
        "{{kursi:dprd-sumut-2024}}",
        "{{nomor_surat_permohonan}}",
        "{{tanggal_surat_permohonan}}",
        "{{dasar_hukum:uu-7-2017}}",
        "{{kantor}}",
    ]
)
FIELDS = st.sampled_from(["subject", "body", "closing", "copies", "attachment", "nature"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(st.one_of(GOOD_WORDS, PLACEHOLDERS), max_size=8),
    numeral=NUMERALS,
    after=st.lists(st.one_of(GOOD_WORDS, PLACEHOLDERS), max_size=8),
    field=FIELDS,
)
def test_no_typed_number_gets_through_whatever_its_form_or_place(before, numeral, after, field):
    text = " ".join([*before, numeral, *after])
    assert text_figure_problems(field=field, text=text), text


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.one_of(GOOD_WORDS, PLACEHOLDERS), min_size=1, max_size=20))
def test_text_with_numbers_only_in_placeholders_passes(words):
    assert text_figure_problems(field="body", text=" ".join(words)) == []
