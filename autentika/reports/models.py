"""Office settings for the reports: targets per SOP step, and archive classification and
retention per letter kind. Both are edited in the admin (per office)."""

from django.core.exceptions import ValidationError
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


END_TO_END = "end_to_end"
# the steps whose time the report gives: each SOP step, and registration to hand-over
TALLIED_STEPS = (*(s.value for s in STEP_STATES), END_TO_END)
# The steps a target may be set for: each SOP step (a case state), and registration to
# signature as a whole (the portal's "surat ditandatangani ... sejak dicatat").
TARGET_STEPS = [
    *((s.value, s.label) for s in STEP_STATES),
    (END_TO_END, "Sejak dicatat sampai surat ditandatangani"),
]


class TargetUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "hari kerja"
    WORKING_HOURS = "working_hours", "jam kerja"


# The bounds a target must stay within (issue #31: zero or 400 days is refused).
TARGET_LIMITS = {TargetUnit.WORKING_DAYS: 60, TargetUnit.WORKING_HOURS: 480}


class StepTarget(models.Model):
    """How long a case may stay in one SOP step (the SOP says "tentative": the office sets it
    once it has measured), in working days or working hours of the office's calendar
    (`organization/workdays.py`). `step` is the case state the time is spent in, or
    `END_TO_END`. Set by the Sekretaris (`services.step_target_set`, audited)."""

    office = models.ForeignKey("organization.Office", on_delete=models.CASCADE, related_name="+")
    step = models.CharField("tahap", max_length=16, choices=TARGET_STEPS)
    amount = models.PositiveSmallIntegerField("target")
    unit = models.CharField(
        "satuan", max_length=16, choices=TargetUnit.choices, default=TargetUnit.WORKING_DAYS
    )

    class Meta:
        verbose_name = "target waktu tahap"
        verbose_name_plural = "target waktu tahap"
        constraints = [
            models.UniqueConstraint(fields=["office", "step"], name="step_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.label}"

    @property
    def label(self) -> str:
        return f"{self.amount} {TargetUnit(self.unit).label}"

    def clean(self) -> None:
        if problem := target_problem(unit=self.unit, amount=self.amount):
            raise ValidationError({"amount": problem})


def target_problem(*, unit: str, amount: int | None) -> str:
    """Why a target is refused ("" when it is acceptable)."""
    if unit not in TargetUnit.values:
        return "Satuan target harus hari kerja atau jam kerja."
    limit = TARGET_LIMITS[TargetUnit(unit)]
    label = TargetUnit(unit).label
    if amount is None or amount < 1:
        return f"Target waktu paling sedikit 1 {label}."
    if amount > limit:
        return f"Target waktu paling lama {limit} {label}; {amount} {label} tidak masuk akal."
    return ""


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


def count_column(step: str) -> str:
    """The YearTally column counting the requests with a time in the step."""
    return f"{step}_count"


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
    # The legal deadline (UU KIP, issue #31): the due date in force (the extended one after an
    # extension), whether it was extended, and the local date the first letter was signed (the
    # case first entered "signed"): the report counts these from the index alone.
    kip_due_on = models.DateField(null=True)
    kip_extended = models.BooleanField(default=False)
    answered_on = models.DateField(null=True)
    # named in the legal deadline's rows: with a due date, and open, late or extended. Kept by
    # the database as a column (not a condition over two columns, whose share PostgreSQL can
    # only guess: it guessed a third of the year and read the year instead of these few rows)
    kip_named = models.GeneratedField(
        expression=models.ExpressionWrapper(
            models.Q(kip_due_on__isnull=False)
            & (
                models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gt=models.F("kip_due_on"))
                | models.Q(kip_extended=True)
            ),
            output_field=models.BooleanField(),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "riwayat waktu permohonan"
        verbose_name_plural = "riwayat waktu permohonan"
        indexes = [
            # the report reads a year's figures from the index alone (PostgreSQL: the columns
            # it aggregates are included; a year of an office is one range of the index)
            models.Index(
                fields=["office", "agenda_year"],
                include=[
                    "case",
                    "agenda_number",
                    *(seconds_column(s.value) for s in STEP_STATES),
                    "end_to_end_seconds",
                    "state",
                    "kip_due_on",
                    "kip_extended",
                    "answered_on",
                ],
                name="timeline_office_year",
            ),
            # the report's open requests: a few among a year of handed-over ones
            models.Index(
                fields=["office", "agenda_year"],
                condition=models.Q(handed_over_at__isnull=True),
                name="timeline_open",
            ),
            # the legal deadline's named requests (open, late or extended): a few in a year
            models.Index(
                fields=["office", "agenda_year", "agenda_number"],
                condition=models.Q(kip_named=True),
                name="timeline_kip_named",
            ),
            # each step's times of a year in order: its median is read at the middle of the
            # range and its slowest at the end, not by sorting the year (step_figures.py)
            *(
                models.Index(
                    fields=["office", "agenda_year", seconds_column(step), "agenda_number"],
                    condition=models.Q(**{f"{seconds_column(step)}__isnull": False}),
                    name=f"timeline_{step}_order",
                )
                for step in TALLIED_STEPS
            ),
        ]

    def __str__(self) -> str:
        return f"Riwayat waktu permohonan {self.agenda_number}/{self.agenda_year}"


class YearTally(models.Model):
    """The counts of one office's requests registered in one agenda year, as the year's report
    gives them: requests, requests with a time in each step, and the legal deadline's figures.
    On PostgreSQL triggers on CaseTimeline keep it (reports migration 0005): every statement
    that writes timelines adds its difference in the same transaction, whatever wrote them,
    so the year's report reads one row instead of counting the year (docs/BENCHMARKS.md
    "scale"). Unused on SQLite, where the report counts an office's few hundred rows."""

    office = models.ForeignKey("organization.Office", on_delete=models.CASCADE, related_name="+")
    agenda_year = models.PositiveSmallIntegerField()
    requests = models.IntegerField(default=0)
    disposition_count = models.IntegerField(default=0)
    incomplete_count = models.IntegerField(default=0)
    drafting_count = models.IntegerField(default=0)
    review_count = models.IntegerField(default=0)
    signing_count = models.IntegerField(default=0)
    signed_count = models.IntegerField(default=0)
    end_to_end_count = models.IntegerField(default=0)
    kip_registered = models.IntegerField(default=0)  # with a legal due date
    kip_answered = models.IntegerField(default=0)
    kip_on_time = models.IntegerField(default=0)
    kip_late = models.IntegerField(default=0)
    kip_extended = models.IntegerField(default=0)

    class Meta:
        verbose_name = "rekap tahunan permohonan"
        verbose_name_plural = "rekap tahunan permohonan"
        constraints = [
            models.UniqueConstraint(fields=["office", "agenda_year"], name="year_tally_unique")
        ]

    def __str__(self) -> str:
        return f"Rekap permohonan {self.agenda_year}"
