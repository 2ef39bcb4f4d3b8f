from typing import Any

from autentika.cases.workflow import case_steps
from autentika.core.permissions import Action
from autentika.core.registry import (
    NavItem,
    Panel,
    register_book,
    register_case_panel,
    register_nav_item,
)
from autentika.letters.desks import reply_kind_fits
from autentika.letters.forms import DraftStartForm
from autentika.letters.models import LetterKind
from autentika.letters.selectors import (
    draft_current_version,
    draft_of_case,
    signed_letter_of_case,
)


def letter_panel(request: Any, case: Any) -> Panel | None:
    draft = draft_of_case(case=case)
    may_start = draft is None and "draft" in case_steps(request.user, case)
    if draft is None and not may_start:
        return None
    form = DraftStartForm()
    form.fields["kind"].choices = [  # type: ignore[attr-defined]
        (value, label)
        for value, label in LetterKind.choices
        if not reply_kind_fits(case, {"kind": value})
    ]
    return Panel(
        "letters/_case_panel.html",
        {
            "case": case,
            "draft": draft,
            "version": draft_current_version(draft=draft) if draft is not None else None,
            "may_start": may_start,
            "form": form,
            "letter": signed_letter_of_case(case=case),
        },
        order=10,
    )


def register() -> None:
    from autentika.letters import books

    register_case_panel(letter_panel)
    register_book("outgoing", pdf=books.outgoing_book_pdf, xlsx=books.outgoing_book_xlsx)
    register_nav_item(NavItem("Surat Keluar", "letters:outgoing", Action.CASE_VIEW, order=22))
