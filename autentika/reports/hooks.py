from typing import Any

from django.urls import reverse
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.selectors import awaiting_hand_over, inbox
from autentika.core.permissions import Action, Duty
from autentika.core.registry import (
    Counter,
    ListenerWhen,
    NavItem,
    Panel,
    register_audit_listener,
    register_book,
    register_case_panel,
    register_counter_provider,
    register_demo_seeder,
    register_nav_item,
    register_overdue_provider,
    register_service_promises,
)
from autentika.organization.selectors import user_assignments_today
from autentika.reports import books
from autentika.reports.demo import reports_demo_seed
from autentika.reports.models import ArchiveRule
from autentika.reports.targets import service_promises
from autentika.reports.timeline import timeline_on_audit_event


def dashboard_counters(user: Any, office: Any) -> list[Counter]:
    """The e-office style counters of what waits for the user's positions."""
    from autentika.notifications.services import unread_count
    from autentika.reports.selectors import overdue_cases_of

    if office is None:
        return []
    waiting = list(inbox(user=user, office=office))
    by_state: dict[str, int] = {}
    for case in waiting:
        by_state[case.state] = by_state.get(case.state, 0) + 1
    duties = {
        d for a in user_assignments_today(user=user, office=office) for d in a.position.duties
    }
    hand_over = awaiting_hand_over(office=office).count() if Duty.HAND_OVER.value in duties else 0
    late = overdue_cases_of(office=office, cases=waiting)
    today = timezone.localdate()
    overdue = sum(1 for c in waiting if c.pk in late or (c.due_on and c.due_on < today))
    inbox_url = reverse("cases:inbox")
    return [
        Counter("Menunggu disposisi saya", by_state.get(CaseState.DISPOSITION, 0), inbox_url),
        Counter(
            "Penyusunan balasan",
            by_state.get(CaseState.DRAFTING, 0) + by_state.get(CaseState.INCOMPLETE, 0),
            inbox_url,
        ),
        Counter("Menunggu paraf", by_state.get(CaseState.REVIEW, 0), inbox_url),
        Counter("Menunggu tanda tangan", by_state.get(CaseState.SIGNING, 0), inbox_url),
        Counter(
            "Menunggu penyerahan", hand_over, reverse("handover:list") + "#menunggu", "success"
        ),
        Counter(
            "Notifikasi belum dibaca",
            unread_count(user=user),
            reverse("notifications:list"),
            "info",
        ),
        Counter("Terlambat", overdue, reverse("reports:dashboard"), "danger"),
    ]


def late_by_step_target(office: Any, cases: Any) -> set[int]:
    from autentika.reports.selectors import overdue_cases_of

    return overdue_cases_of(office=office, cases=cases)


def archive_panel(request: Any, case: Case) -> Panel | None:
    from autentika.letters.selectors import draft_current_version, draft_of_case

    draft = draft_of_case(case=case)
    if draft is None:
        return None
    kind = draft_current_version(draft=draft).kind
    rule = ArchiveRule.objects.filter(office=case.office, letter_kind=kind).first()
    return Panel("reports/_archive_panel.html", {"rule": rule, "kind": kind}, order=60)


def register() -> None:
    register_nav_item(NavItem("Dasbor", "reports:dashboard", Action.VIEW_HOME, order=5))
    register_nav_item(NavItem("Laporan", "reports:report", Action.CASE_VIEW, order=80))
    register_book("report", pdf=books.report_pdf, xlsx=books.report_xlsx)
    register_counter_provider(dashboard_counters)
    register_overdue_provider(late_by_step_target)
    register_demo_seeder(reports_demo_seed, order=60)
    register_case_panel(archive_panel)
    # the report's read model agrees with the log: it is written in the event's transaction
    register_audit_listener(
        "reports.timeline", timeline_on_audit_event, when=ListenerWhen.TRANSACTION
    )
    register_service_promises(service_promises)
