"""Demo office settings: step targets and archive rules, so the dashboard and the case page
show them. Real offices set their own in the admin once they have measured."""

from collections.abc import Callable

from autentika.cases.models import CaseState
from autentika.letters.models import LetterKind
from autentika.organization.demo import DEMO_OFFICES
from autentika.organization.models import Office
from autentika.reports.models import ArchiveRule, StepTarget

DEMO_TARGET_HOURS = {
    CaseState.DISPOSITION: 48,
    CaseState.INCOMPLETE: 120,
    CaseState.DRAFTING: 48,
    CaseState.REVIEW: 48,
    CaseState.SIGNING: 24,
    CaseState.SIGNED: 72,
}
# PL.01.1: the classification the SOP's own number uses; 2 years active, 3 inactive, then
# permanent for certificates (they back state money) and destroyed for refusals.
DEMO_ARCHIVE = {
    kind: ("PL.01.1", 2, 3, "permanen" if kind == LetterKind.CERTIFICATE else "musnah")
    for kind in LetterKind
}


def reports_demo_seed(write: Callable[[str], None]) -> None:
    for office in Office.objects.filter(code__in=[spec.code for spec in DEMO_OFFICES]):
        for step, hours in DEMO_TARGET_HOURS.items():
            StepTarget.objects.get_or_create(
                office=office, step=step, defaults={"target_hours": hours}
            )
        for kind, (code, active, inactive, end) in DEMO_ARCHIVE.items():
            ArchiveRule.objects.get_or_create(
                office=office,
                letter_kind=kind,
                defaults={
                    "classification": code,
                    "active_years": active,
                    "inactive_years": inactive,
                    "disposition": end,
                },
            )
        write(f"Target waktu tahap dan retensi arsip demo: {office.code}")
