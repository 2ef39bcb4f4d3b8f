"""Printed documents of a case: the disposition sheet (lembar disposisi)."""

from django.utils import timezone

from autentika.cases.models import Case
from autentika.cases.selectors import case_dispositions
from autentika.core.pdf import render_pdf


def disposition_sheet_pdf(*, case: Case) -> bytes:
    return render_pdf(
        "cases/disposition_sheet.html",
        {
            "case": case,
            "office": case.office,
            "dispositions": [d for d in case_dispositions(case=case) if not d.is_withdrawn],
            "printed_at": timezone.now(),
        },
    )
