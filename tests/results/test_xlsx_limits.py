"""Spreadsheet bombs: an XLSX that unpacks to too much is refused at once, in Indonesian,
with nothing written, and the probe's 4.8 MB file is refused in seconds and little memory."""

import subprocess
import sys

import pytest
from django.conf import settings

from autentika.core.models import AuditEvent
from autentika.results.import_types import ResultsFileInvalid
from autentika.results.importing import parse_results
from autentika.results.isolation import parse_results_isolated
from autentika.results.models import ResultVersion
from autentika.results.services import results_import
from tests.results.bombs import cell_bomb, sheet_xml
from tests.support.results import keeper, xlsx_bytes

_CHILD = """
import sys
import time

from autentika.results.import_types import ResultsFileInvalid
from autentika.results.importing import parse_results
from autentika.results.isolation import parse_results_isolated
content = open(sys.argv[1], "rb").read()
try:
    parse_results("bom.xlsx", content)
except ResultsFileInvalid as refused:
    print(refused.issues[0].message)
    # the peak resident memory of this interpreter (a fresh address space after exec; the
    # kernel's ru_maxrss would also count the parent pytest it was forked from)
    peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")]
    print(int(peak[0].split()[1]))
    # the processor time it took (start-up included): unlike wall time, the same on a busy machine
    print(time.process_time())
    sys.exit(0)
sys.exit(3)
"""


@pytest.fixture(scope="module")
def probe_bomb() -> bytes:
    return cell_bomb()


def test_the_probe_bomb_is_refused_within_ten_seconds_and_under_300_mb(probe_bomb, tmp_path):
    """The issue's bound, measured on a fresh process: processor time and peak resident memory
    (wall time would measure the machine's load, not the refusal)."""
    assert 4_500_000 < len(probe_bomb) < 5 * 1024 * 1024  # the probe's size, under the upload cap
    path = tmp_path / "bom.xlsx"
    path.write_bytes(probe_bomb)
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path)],
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    output, _ = child.communicate(timeout=300)
    assert child.returncode == 0, output
    message, peak_kilobytes, cpu_seconds = output.splitlines()
    assert "bom berkas" in message
    assert float(cpu_seconds) < 10
    assert int(peak_kilobytes) < 300 * 1024


def test_the_probe_bomb_writes_nothing(keeper_election, decision, probe_bomb):
    events = AuditEvent.objects.count()
    with pytest.raises(ResultsFileInvalid) as refused:
        results_import(
            election=keeper_election,
            decision=decision,
            file_name="bom.xlsx",
            content=probe_bomb,
            actor=keeper(keeper_election.office),
        )
    assert "terlalu besar" in refused.value.issues[0].message
    assert not ResultVersion.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_declared_size_that_lies_does_not_pad_rows():
    """A sheet claiming A1:XFD1048576 is read as the cells it holds, not a million padded rows."""
    body = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>dapil</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    with pytest.raises(ResultsFileInvalid) as refused:
        parse_results("hasil.xlsx", sheet_xml(body, dimension="A1:XFD1048576"))
    assert "kurang" in refused.value.issues[0].message  # the template check, reached at once


def test_an_ordinary_workbook_still_reads():
    rows = [
        ["dapil", "kursi_dapil", "nomor_partai", "partai", "suara_sah", "kursi"],
        ["DAPIL A", 1, 1, "Alfa", 10, 1],
    ]
    parsed = parse_results("hasil.xlsx", xlsx_bytes({"hasil": rows}))
    assert [row.party_name for row in parsed.rows] == ["Alfa"]


def test_openpyxl_runs_under_hard_limits_and_a_breach_is_an_indonesian_refusal(settings):
    """Whatever openpyxl does with a file, the worker gets a refusal: here the limits are made
    too small for any file, so the child runs out of its wall time or its address space."""
    content = xlsx_bytes({"hasil": [["dapil"]]})
    settings.AUTENTIKA_IMPORT_LIMITS = (1024**3, 60, 0.001)
    with pytest.raises(ResultsFileInvalid) as refused:
        parse_results_isolated("hasil.xlsx", content)
    assert "batas waktu" in refused.value.issues[0].message
    settings.AUTENTIKA_IMPORT_LIMITS = (16 * 1024**2, 60, 60)
    with pytest.raises(ResultsFileInvalid) as refused:
        parse_results_isolated("hasil.xlsx", content)
    assert "batas memori" in refused.value.issues[0].message


def test_the_child_answers_what_the_parser_answers():
    rows = [["dapil", "kursi_dapil", "nomor_partai", "partai", "suara_sah", "kursi"]]
    good = xlsx_bytes({"hasil": [*rows, ["DAPIL A", 1, 1, "Alfa", 10, 1]]})
    assert parse_results_isolated("hasil.xlsx", good) == parse_results("hasil.xlsx", good)
    with pytest.raises(ResultsFileInvalid) as refused:
        parse_results_isolated("hasil.xlsx", xlsx_bytes({"hasil": rows}))
    assert "tidak memuat satu baris data" in refused.value.issues[0].message
