"""Speed targets for the work a KPU office waits on (`make bench`; never part of `make test`).

Targets are for this project's reference machine (2 cores); each is several times the median
measured there, so a failure means a real regression, not noise.
"""

import logging

import pytest

from autentika.letters.drafting import draft_create, draft_preview_pdf
from autentika.results.services import results_import
from tests.results.conftest import dpr_2024_csv

logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

IMPORT_DPR_TARGET_S = 0.5  # 1,512 rows, 84 dapil: parse, validate, recompute, compare
LETTER_RENDER_TARGET_S = 1.0  # one certificate letter with a 12-dapil table, to PDF


def median(benchmark) -> float:  # type: ignore[no-untyped-def]
    return float(benchmark.stats.stats.median)


@pytest.mark.django_db
def test_import_national_dpr_results(benchmark, dpr_election, dpr_decision):
    content = dpr_2024_csv()
    report = benchmark.pedantic(
        lambda: results_import(
            election=dpr_election,
            decision=dpr_decision,
            file_name="dpr.csv",
            content=content,
            actor=None,
            dry_run=True,
        ),
        rounds=3,
        iterations=1,
    )
    assert report is not None
    assert median(benchmark) < IMPORT_DPR_TARGET_S


@pytest.mark.django_db
def test_render_a_certificate_letter(benchmark, at_drafter, official, demo_user):
    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    draft_preview_pdf(draft=draft)  # warm-up: fonts and WeasyPrint's import
    pdf = benchmark.pedantic(lambda: draft_preview_pdf(draft=draft), rounds=5, iterations=1)
    assert pdf.startswith(b"%PDF")
    assert median(benchmark) < LETTER_RENDER_TARGET_S
