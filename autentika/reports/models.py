"""Office settings for the reports: targets per SOP step, and archive classification and
retention per letter kind. Both are edited in the admin (per office)."""

from django.db import models

from autentika.cases.models import CaseState
from autentika.letters.models import LetterKind

STEP_STATES = (
    CaseState.DISPOSITION,
    CaseState.INCOMPLETE,
    CaseState.DRAFTING,
    CaseState.REVIEW,
    CaseState.SIGNING,
    CaseState.SIGNED,
)


class StepTarget(models.Model):
    """How long a case may stay in one SOP step (the SOP says "tentative": the office sets it
    once it has measured). `step` is the case state the time is spent in."""

    office = models.ForeignKey("organization.Office", on_delete=models.CASCADE, related_name="+")
    step = models.CharField(
        "tahap", max_length=16, choices=[(s.value, s.label) for s in STEP_STATES]
    )
    target_hours = models.PositiveIntegerField("target (jam)")

    class Meta:
        verbose_name = "target waktu tahap"
        verbose_name_plural = "target waktu tahap"
        constraints = [
            models.UniqueConstraint(fields=["office", "step"], name="step_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.target_hours} jam"


class ArchiveRule(models.Model):
    """Archive classification (kode klasifikasi) and retention (jadwal retensi arsip) of a
    letter kind, per office."""

    office = models.ForeignKey("organization.Office", on_delete=models.CASCADE, related_name="+")
    letter_kind = models.CharField("jenis surat", max_length=24, choices=LetterKind.choices)
    classification = models.CharField("kode klasifikasi arsip", max_length=40)
    active_years = models.PositiveSmallIntegerField("retensi aktif (tahun)")
    inactive_years = models.PositiveSmallIntegerField("retensi inaktif (tahun)")
    disposition = models.CharField(
        "keterangan akhir",
        max_length=16,
        choices=[("permanen", "Permanen"), ("musnah", "Musnah"), ("dinilai", "Dinilai kembali")],
    )

    class Meta:
        verbose_name = "klasifikasi dan retensi arsip"
        verbose_name_plural = "klasifikasi dan retensi arsip"
        constraints = [
            models.UniqueConstraint(fields=["office", "letter_kind"], name="archive_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_letter_kind_display()}: {self.classification}"


def seconds_column(step: str) -> str:
    """The CaseTimeline column of a step (a STEP_STATES value, or "end_to_end")."""
    return f"{step}_seconds"


class CaseTimeline(models.Model):
    """Where one request's time went, kept up to date from its audit events (a projection:
    `reports/timeline.py` rewrites the row from the case's events at each one, in the step's
    own transaction). The period report aggregates these rows instead of reading every
    event of the period, so its cost stays flat as the audit log grows (docs/BENCHMARKS.md
    "scale"). The case's office, agenda year and registration time are copied so the period
    filter (`cases.selectors.registered_in`) applies to this table alone."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="timeline"
    )
    office = models.ForeignKey("organization.Office", on_delete=models.CASCADE, related_name="+")
    agenda_year = models.PositiveSmallIntegerField()
    agenda_number = models.PositiveIntegerField()
    registered_at = models.DateTimeField()
    state = models.CharField(max_length=16, blank=True)
    state_since = models.DateTimeField(null=True)
    handed_over_at = models.DateTimeField(null=True)
    # seconds spent in each SOP step (summed when a step is entered again); null: never in it
    disposition_seconds = models.FloatField(null=True)
    incomplete_seconds = models.FloatField(null=True)
    drafting_seconds = models.FloatField(null=True)
    review_seconds = models.FloatField(null=True)
    signing_seconds = models.FloatField(null=True)
    signed_seconds = models.FloatField(null=True)
    end_to_end_seconds = models.FloatField(null=True)  # registration to the first hand-over

    class Meta:
        verbose_name = "riwayat waktu permohonan"
        verbose_name_plural = "riwayat waktu permohonan"
        indexes = [
            # the report reads a year's figures from the index alone (PostgreSQL: the columns
            # it aggregates are included; a year of an office is one range of the index)
            models.Index(
                fields=["office", "agenda_year"],
                include=[
                    "agenda_number",
                    *(seconds_column(s.value) for s in STEP_STATES),
                    "end_to_end_seconds",
                ],
                name="timeline_office_year",
            ),
            # the report's open requests: a few among a year of handed-over ones
            models.Index(
                fields=["office", "agenda_year"],
                condition=models.Q(handed_over_at__isnull=True),
                name="timeline_open",
            ),
        ]

    def __str__(self) -> str:
        return f"Riwayat waktu permohonan {self.agenda_number}/{self.agenda_year}"
