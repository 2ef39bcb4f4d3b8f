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
