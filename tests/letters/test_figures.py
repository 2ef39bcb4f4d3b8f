"""No figure a person types reaches a signed letter: vote and seat figures in the free text
come only from placeholders filled from the archive snapshot."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autentika.letters.figures import placeholders_fill, text_figure_problems

PARTY_LETTER = "045/DPD-GOLKAR/SU/I/2025"

# Sentences of real KPU replies: dates, regulations, the party's letter number, years.
REAL_SENTENCES = [
    f"Menindaklanjuti surat DPD Partai Golkar Provinsi Sumatera Utara Nomor {PARTY_LETTER} "
    "tanggal 5 Januari 2025 hal Permohonan Data Autentifikasi Perolehan Suara.",
    "Berdasarkan Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum Pasal 414 ayat (2), "
    "seluruh partai politik peserta pemilu diikutkan dalam penghitungan kursi DPRD.",
    "Sesuai Peraturan Pemerintah Nomor 1 Tahun 2018 tentang Bantuan Keuangan kepada Partai "
    "Politik, data ini menjadi salah satu syarat pengajuan bantuan keuangan tahun anggaran 2026.",
    "Keputusan tersebut ditetapkan dalam rapat pleno terbuka pada 28 Mei 2024 untuk masa "
    "jabatan 2024-2029.",
    "Data ini berasal dari hasil Pemilu 2024 dan Pemilihan Umum 2019 yang diarsipkan.",
    "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
    "mestinya.",
    "1. Undang-Undang Nomor 7 Tahun 2017;\n2. Peraturan KPU Nomor 5 Tahun 2024.",
    "Rincian per daerah pemilihan tercantum dalam lampiran surat ini.",
    "Perolehan suara sah partai adalah {{suara:dprd-sumut-2024}} suara dan "
    "{{kursi:dprd-sumut-2024}} kursi.",
]

HOSTILE = [
    ("perolehan 9.999.999 suara sah dan 50 kursi", "9.999.999"),
    ("perolehan 9999999 suara", "9999999"),
    ("perolehan 9 999 999 suara", "9 999 999"),
    ("perolehan 9\u00a0999\u00a0999 suara", "9\u00a0999\u00a0999"),
    ("memperoleh sembilan juta suara", "sembilan juta"),
    ("memperoleh dua puluh dua kursi", "dua puluh dua"),
    ("memperoleh dua kursi di dapil itu", "dua"),
    ("Dapil Sumut 1 | 412.345 | 3", "412.345"),
    ("Dapil Sumut 1\t412345\t3", "412345"),
    ("perolehan \uff19\uff19\uff19 suara", "999"),
    ("meraih kursi XXII", "XXII"),
    ("tanggal 45 Mei 2024 sebanyak 12", "45"),
    ("Pasal 99999 menyebut angka itu", "99999"),
]


@pytest.mark.parametrize("text", REAL_SENTENCES)
def test_real_letter_sentences_pass(text):
    assert text_figure_problems(field="body", text=text, allowed_identifiers=(PARTY_LETTER,)) == []


@pytest.mark.parametrize(("text", "figure"), HOSTILE)
def test_typed_figures_are_refused_and_pointed_at(text, figure):
    problems = text_figure_problems(field="body", text=text)
    assert problems, text
    import unicodedata

    assert unicodedata.normalize("NFKC", figure) in [p.value for p in problems]
    assert "Isi surat" in problems[0].message
    assert "{{suara:" in problems[0].message


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


def _indonesian_words(n: int) -> str:
    """Terbilang, written here independently of the code under test."""
    units = [
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
    if n < 12:
        return units[n]
    if n < 20:
        return f"{units[n - 10]} belas"
    if n < 100:
        rest = f" {units[n % 10]}" if n % 10 else ""
        return f"{units[n // 10]} puluh{rest}"
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{units[n // 100]} ratus"
        return head + (f" {_indonesian_words(n % 100)}" if n % 100 else "")
    for size, word in ((10**9, "miliar"), (10**6, "juta"), (1000, "ribu")):
        if n >= size:
            head = (
                "seribu"
                if (size == 1000 and n // size == 1)
                else (f"{_indonesian_words(n // size)} {word}")
            )
            return head + (f" {_indonesian_words(n % size)}" if n % size else "")
    raise AssertionError(n)


def _formats(n: int) -> list[str]:
    dotted = f"{n:,}".replace(",", ".")
    spaced = f"{n:,}".replace(",", " ")
    fullwidth = "".join(chr(0xFF10 + int(d)) for d in str(n))
    return [
        str(n),
        dotted,
        spaced,
        spaced.replace(" ", "\u00a0"),
        fullwidth,
        f"sebanyak {_indonesian_words(n)} suara",
        f"\nSUMATERA UTARA 3 | {dotted} | 2",
        f"{dotted} suara sah",
        f"({n})",
    ]


# Vote and seat figures of the demo archive that are not the requesting party's own: other
# parties' per-dapil votes and seats, and their totals (real 2019 figures and seat counts).
OTHER_FIGURES = st.one_of(
    st.integers(min_value=0, max_value=22),
    st.integers(min_value=23, max_value=9_999_999),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figure=OTHER_FIGURES,
    fmt=st.integers(min_value=0, max_value=8),
    before=st.lists(st.sampled_from(REAL_SENTENCES), max_size=3),
    after=st.lists(st.sampled_from(REAL_SENTENCES), max_size=3),
)
def test_no_typed_figure_gets_through_whatever_its_form(figure, fmt, before, after):
    typed = _formats(figure)[fmt]
    text = " ".join([*before, typed, *after])
    problems = text_figure_problems(field="body", text=text, allowed_identifiers=(PARTY_LETTER,))
    assert problems, text
