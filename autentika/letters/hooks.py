from typing import Any

from django.urls import reverse

from autentika.cases.models import CaseState
from autentika.cases.selectors import inbox
from autentika.core.permissions import Action
from autentika.core.registry import (
    Counter,
    Panel,
    register_case_panel,
    register_counter_provider,
)
from autentika.letters.forms import DraftStartForm
from autentika.letters.models import LetterKind
from autentika.letters.selectors import draft_of_case, signed_letter_of_case
from autentika.organization.access import user_may


def letter_panel(request: Any, case: Any) -> Panel | None:
    draft = draft_of_case(case=case)
    may_start = (
        draft is None
        and case.state in (CaseState.DRAFTING, CaseState.INCOMPLETE)
        and user_may(request.user, Action.LETTER_DRAFT, obj=case)
    )
    if draft is None and not may_start:
        return None
    form = DraftStartForm()
    if case.state == CaseState.INCOMPLETE:
        form.fields["kind"].choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in LetterKind.choices
            if value not in LetterKind.with_table()
        ]
    return Panel(
        "letters/_case_panel.html",
        {
            "case": case,
            "draft": draft,
            "may_start": may_start,
            "form": form,
            "letter": signed_letter_of_case(case=case),
        },
        order=10,
    )


def letter_counters(user: Any, office: Any) -> list[Counter]:
    waiting = inbox(user=user, office=office)
    url = reverse("cases:inbox")
    return [
        Counter("Konsep untuk disusun", waiting.filter(state=CaseState.DRAFTING).count(), url),
        Counter(
            "Menunggu paraf saya", waiting.filter(state=CaseState.REVIEW).count(), url, "warning"
        ),
        Counter(
            "Menunggu tanda tangan saya",
            waiting.filter(state=CaseState.SIGNING).count(),
            url,
            "success",
        ),
    ]


def register() -> None:
    register_case_panel(letter_panel)
    register_counter_provider(letter_counters)
