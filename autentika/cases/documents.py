"""Printed documents of a case: the disposition sheet (lembar disposisi)."""

from django.utils import timezone

from autentika.cases.models import Case, SecurityClass, Urgency
from autentika.cases.selectors import case_dispositions
from autentika.cases.services import URGENCY_ORDER
from autentika.core.pdf import render_pdf


def disposition_sheet_pdf(*, case: Case) -> bytes:
    dispositions = [d for d in case_dispositions(case=case) if not d.is_withdrawn]
    # The sheet's header carries the strictest urgency and classification given on the way.
    urgency = max(
        (Urgency(d.urgency) for d in dispositions),
        key=URGENCY_ORDER.index,
        default=Urgency.NORMAL,
    )
    security = max(
        (SecurityClass(d.security_class) for d in dispositions),
        key=list(SecurityClass).index,
        default=SecurityClass.ORDINARY,
    )
    return render_pdf(
        "cases/disposition_sheet.html",
        {
            "case": case,
            "office": case.office,
            "dispositions": dispositions,
            "urgency": urgency.label,
            "security_class": security.label,
            "printed_at": timezone.now(),
        },
    )


def intake_receipt_pdf(*, case: Case) -> bytes:
    """The receipt Tata Usaha hands a walk-in sender: the agenda number and what was received."""
    registrar = case.registered_by
    return render_pdf(
        "cases/intake_receipt.html",
        {
            "case": case,
            "office": case.office,
            "documents": case.documents.order_by("id"),
            "registrar": registrar.get_full_name() or registrar.get_username(),
            "printed_at": timezone.now(),
        },
    )
