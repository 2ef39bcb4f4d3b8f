from typing import Any

from autentika.core.permissions import Action
from autentika.core.registry import (
    NavItem,
    Panel,
    register_book,
    register_case_panel,
    register_nav_item,
)
from autentika.core.uploads import UPLOAD_ACCEPT
from autentika.handover import books
from autentika.handover.forms import ScanForm
from autentika.handover.models import Receipt
from autentika.handover.services import handover_may


def handover_panel(request: Any, case: Any) -> Panel | None:
    receipts = list(Receipt.objects.filter(case=case).order_by("year", "sequence"))
    may = handover_may(actor=request.user, case=case)
    return Panel(
        "handover/_case_panel.html",
        {
            "case": case,
            "receipts": receipts,
            "may_hand_over": may,
            "scan_form": ScanForm(),
            "scan_accept": UPLOAD_ACCEPT,
        },
        order=50,
    )


def register() -> None:
    register_nav_item(NavItem("Buku Tanda Terima", "handover:list", Action.CASE_VIEW, order=40))
    register_book("receipts", pdf=books.receipts_book_pdf, xlsx=books.receipts_book_xlsx)
    register_case_panel(handover_panel)
