"""The malformed-file corpus: each file is refused with its message, and nothing is written."""

import pytest

from autentika.core.models import AuditEvent
from autentika.results.import_types import MAX_FILE_BYTES, ResultsFileInvalid, parse_whole_number
from autentika.results.importing import parse_results
from autentika.results.models import Dapil, Party, PartyResult, ResultVersion
from autentika.results.services import results_import
from tests.results.bombs import cells, many_parts, shared_strings, sheet_xml, xlsx_with_sheet
from tests.support.results import SMALL_CSV, keeper, xlsx_bytes

HEADER = "dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi\n"


def _with_row(row: str) -> bytes:
    return (HEADER + "DAPIL A,3,1,Alfa,1000,2\n" + row + "\n").encode()


GOOD_ROWS: list[list[object]] = [
    ["dapil", "kursi_dapil", "nomor_partai", "partai", "suara_sah", "kursi"],
    ["DAPIL A", 3, 1, "Alfa", 1000, 2],
    ["DAPIL A", 3, 2, "Beta", 400, 1],
]

# (id, file name, content, a part of the expected message)
CORPUS: list[tuple[str, str, bytes, str]] = [
    ("empty", "kosong.csv", b"", "berkas kosong"),
    ("blank-lines", "kosong.csv", b"\n\n  \n", "berkas kosong"),
    ("header-only", "judul.csv", HEADER.encode(), "tidak memuat satu baris data"),
    (
        "missing-column",
        "kolom.csv",
        b"dapil,kursi_dapil,nomor_partai,partai,suara_sah\nA,1,1,X,5\n",
        "kurang: kursi",
    ),
    (
        "unknown-column",
        "kolom.csv",
        b"dapil,kursi_dapil,nomor_partai,partai,suara,kursi\nA,1,1,X,5,1\n",
        "tidak dikenal: suara",
    ),
    (
        "doubled-column",
        "kolom.csv",
        (HEADER.strip() + ",kursi\nA,1,1,X,5,1,1\n").encode(),
        "ganda: kursi",
    ),
    ("letters-in-number", "angka.csv", _with_row("DAPIL A,3,2,Beta,12.3a4,1"), "“12.3a4”"),
    ("negative", "angka.csv", _with_row("DAPIL A,3,2,Beta,-5,1"), "“-5”"),
    ("decimal-comma", "angka.csv", _with_row('DAPIL A,3,2,Beta,"1,5",1'), "“1,5”"),
    ("bad-grouping", "angka.csv", _with_row("DAPIL A,3,2,Beta,1.50,1"), "“1.50”"),
    ("empty-votes", "angka.csv", _with_row("DAPIL A,3,2,Beta,,1"), "kolom suara_sah"),
    ("empty-dapil", "teks.csv", _with_row(",3,2,Beta,400,1"), "kolom dapil: tidak boleh kosong"),
    ("zero-dapil-seats", "kursi.csv", _with_row("DAPIL A,0,2,Beta,400,1"), "paling sedikit 1"),
    (
        "same-dapil-party-twice",
        "ganda.csv",
        _with_row("DAPIL A,3,1,Alfa,400,1"),
        "sudah ada di baris 2",
    ),
    ("seats-do-not-add-up", "kursi.csv", _with_row("DAPIL A,3,2,Beta,400,0"), "tidak sama"),
    (
        "dapil-seats-differ",
        "kursi.csv",
        _with_row("DAPIL A,4,2,Beta,400,1"),
        "berbeda dengan baris 2",
    ),
    ("party-renamed", "partai.csv", _with_row("DAPIL B,1,1,Gamma,400,1"), "bernama “Alfa”"),
    ("too-many-values", "nilai.csv", _with_row("DAPIL A,3,2,Beta,400,1,9"), "memuat 7 nilai"),
    ("binary", "hasil.csv", b"\x00\x01\x02garbage\x00", "data biner"),
    ("pdf", "hasil.pdf", b"%PDF-1.7\n...", "jenis berkas tidak didukung"),
    ("fake-xlsx", "hasil.xlsx", b"dapil,kursi\n", "bukan XLSX yang sah"),
    ("zip-not-xlsx", "hasil.xlsx", b"PK\x03\x04garbage", "XLSX"),
    ("xlsx-named-csv", "hasil.csv", xlsx_bytes({"hasil": GOOD_ROWS}), "bukan CSV"),
    (
        "xlsx-sheets-unnamed",
        "hasil.xlsx",
        xlsx_bytes({"Sheet1": GOOD_ROWS, "Sheet2": [["x"]]}),
        "tidak ada lembar bernama “hasil”",
    ),
    (
        "xlsx-fraction",
        "hasil.xlsx",
        xlsx_bytes({"hasil": [*GOOD_ROWS[:2], ["DAPIL A", 3, 2, "Beta", 400.5, 1]]}),
        "“400.5”",
    ),
    (
        "xlsx-totals-unknown-party",
        "hasil.xlsx",
        xlsx_bytes(
            {
                "hasil": GOOD_ROWS,
                "total_partai": [["nomor_partai", "partai", "suara_sah", "kursi"], [7, "X", 1, 0]],
            }
        ),
        "lembar total_partai), baris 2, kolom nomor_partai",
    ),
    (
        "xlsx-candidate-bad-elected",
        "hasil.xlsx",
        xlsx_bytes(
            {
                "hasil": GOOD_ROWS,
                "calon": [
                    ["dapil", "nomor_partai", "nomor_urut", "nama", "suara_sah", "terpilih"],
                    ["DAPIL A", 1, 1, "Calon Contoh", 10, "mungkin"],
                ],
            }
        ),
        "isi “ya” atau “tidak”",
    ),
    ("too-big", "besar.csv", HEADER.encode() + b"x" * MAX_FILE_BYTES, "terlalu besar"),
    # hostile XLSX containers (tests/results/bombs.py builds them byte by byte)
    ("xlsx-wide-row", "lebar.xlsx", cells(1, per_row=31), "di luar kolom ke-30"),
    (
        "xlsx-far-column",
        "lebar.xlsx",
        sheet_xml('<row r="1"><c r="XFD1"><v>1</v></c></row>'),
        "di luar kolom ke-30",
    ),
    (
        "xlsx-far-row",
        "jauh.xlsx",
        sheet_xml('<row r="1048576"><c><v>1</v></c></row>'),
        "lebih dari 50",
    ),
    (
        "xlsx-gap-rows",
        "jauh.xlsx",
        sheet_xml('<row r="999999"><c><v>1</v></c></row>'),
        "lebih dari 50",
    ),
    (
        "xlsx-bad-reference",
        "sel.xlsx",
        sheet_xml('<row><c r="1A"><v>1</v></c></row>'),
        "tidak terbaca",
    ),
    ("xlsx-many-cells", "sel.xlsx", cells(120_000), "terlalu banyak sel"),
    ("xlsx-many-strings", "teks.xlsx", shared_strings(800_000), "terlalu banyak sel"),
    ("xlsx-many-parts", "bagian.xlsx", many_parts(201), "terlalu banyak bagian"),
    (
        "xlsx-many-sheets",
        "lembar.xlsx",
        xlsx_bytes({f"s{number}": [["x"]] for number in range(11)}),
        "lebih dari 10 lembar",
    ),
    (
        "xlsx-entities",
        "xml.xlsx",
        xlsx_with_sheet(
            [(b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaa">]><w>&a;</w>', 1)]
        ),
        "berbahaya",
    ),
    ("xlsx-not-xml", "rusak.xlsx", xlsx_with_sheet([(b"\x00\x01 not xml", 1)]), "tidak terbaca"),
]


@pytest.mark.parametrize(
    ("file_name", "content", "expected"),
    [case[1:] for case in CORPUS],
    ids=[case[0] for case in CORPUS],
)
def test_malformed_file_is_refused_with_its_message_and_nothing_written(
    keeper_election, decision, file_name, content, expected
):
    events = AuditEvent.objects.count()
    with pytest.raises(ResultsFileInvalid) as refused:
        results_import(
            election=keeper_election,
            decision=decision,
            file_name=file_name,
            content=content,
            actor=keeper(keeper_election.office),
        )
    messages = [issue.message for issue in refused.value.issues]
    assert any(expected in message for message in messages), messages
    assert all(message.startswith(file_name) for message in messages)
    assert not ResultVersion.objects.exists()
    assert not Dapil.objects.exists() and not Party.objects.exists()
    assert AuditEvent.objects.count() == events


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 20


def test_message_names_file_row_column_value_and_rule():
    with pytest.raises(ResultsFileInvalid) as refused:
        parse_results("hasil.csv", _with_row("DAPIL A,3,2,Beta,12.3a4,1"))
    assert refused.value.issues[0].message == (
        "hasil.csv, baris 3, kolom suara_sah: nilai “12.3a4”: bukan bilangan bulat tidak negatif "
        "(tulis 1234567 atau 1.234.567, tanpa koma, tanda minus, atau huruf)."
    )


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1.234.567", 1234567), ("1234567", 1234567), (" 12 ", 12), ("0", 0), (7, 7), (7.0, 7)],
)
def test_whole_numbers_in_indonesian_and_plain_form(raw, value):
    assert parse_whole_number(raw) == value


@pytest.mark.parametrize("raw", ["1,5", "-5", "12.3a4", "1.5", "1.23", "", True, -1, 2.5])
def test_not_whole_numbers(raw):
    assert parse_whole_number(raw) is None


def test_headers_in_any_order_semicolons_and_bom():
    content = (
        "\ufeffpartai;kursi;dapil;suara_sah;nomor_partai;kursi_dapil\nAlfa;1;DAPIL A;1.500;1;1\n"
    ).encode()
    parsed = parse_results("hasil.csv", content)
    assert parsed.rows[0].votes == 1500 and parsed.rows[0].dapil == "DAPIL A"


def test_unknown_dapil_or_party_once_the_election_has_them(keeper_election, decision):
    results_import(
        election=keeper_election,
        decision=decision,
        file_name="a.csv",
        content=SMALL_CSV.encode(),
        actor=keeper(keeper_election.office),
    )
    content = (
        SMALL_CSV.replace("DAPIL B", "DAPIL C").replace("DAPIL C,2,2,Beta", "DAPIL C,2,3,Gamma")
    ).encode()
    with pytest.raises(ResultsFileInvalid) as refused:
        results_import(
            election=keeper_election,
            decision=decision,
            file_name="b.csv",
            content=content,
            actor=keeper(keeper_election.office),
        )
    messages = " | ".join(issue.message for issue in refused.value.issues)
    assert "kolom dapil: nilai “DAPIL C”: dapil ini tidak ada dalam pemilu ini" in messages
    assert "nilai “3”: partai dengan nomor ini tidak ada" in messages
    assert "nilai “DAPIL B”: dapil pemilu ini tidak ada dalam berkas" in messages
    assert ResultVersion.objects.count() == 1 and PartyResult.objects.count() == 4
