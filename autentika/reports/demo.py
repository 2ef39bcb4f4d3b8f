"""Demo office settings: step targets and archive rules, so the dashboard and the case page
show them. Real offices set their own (Pengaturan kantor) once they have measured."""

from collections.abc import Callable

from autentika.cases.models import CaseState
from autentika.letters.models import LetterKind
from autentika.organization.demo import DEMO_OFFICES
from autentika.organization.models import Office
from autentika.reports.models import END_TO_END, ArchiveRule, StepTarget, TargetUnit

# Working days per step (the office changes them in Pengaturan kantor, Kalender kerja).
DEMO_TARGET_DAYS = {
    CaseState.DISPOSITION: 1,
    CaseState.INCOMPLETE: 5,
    CaseState.DRAFTING: 2,
    CaseState.REVIEW: 1,
    CaseState.SIGNING: 1,
    CaseState.SIGNED: 3,
    END_TO_END: 5,
}
# PL.01.1: the classification the SOP's own number uses; 2 years active, 3 inactive, then
# permanent for certificates (they back state money) and destroyed for refusals.
DEMO_ARCHIVE = {
    kind: ("PL.01.1", 2, 3, "permanen" if kind == LetterKind.CERTIFICATE else "musnah")
    for kind in LetterKind
}


def reports_demo_seed(write: Callable[[str], None]) -> None:
    for office in Office.objects.filter(code__in=[spec.code for spec in DEMO_OFFICES]):
        for step, days in DEMO_TARGET_DAYS.items():
            StepTarget.objects.get_or_create(
                office=office,
                step=step,
                defaults={"amount": days, "unit": TargetUnit.WORKING_DAYS},
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
