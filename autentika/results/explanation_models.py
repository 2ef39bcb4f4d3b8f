"""A recorded explanation of a difference between a party's sum over the dapil and the total
the decision prints (kept apart from models.py to keep each file short; exported there)."""

from django.conf import settings
from django.db import models


class Figure(models.TextChoices):
    VOTES = "votes", "suara sah"
    SEATS = "seats", "kursi"


class CertifiedFigure(models.TextChoices):
    DAPIL_SUM = "dapil_sum", "jumlah per dapil dalam arsip"
    PRINTED_TOTAL = "printed_total", "total yang tercetak dalam keputusan"


class SettlingDocument(models.TextChoices):
    DECISION = "decision", "Keputusan penetapan (SK)"
    CORRECTION = "correction", "Keputusan pembetulan"
    COURT_RULING = "court_ruling", "Putusan pengadilan / Mahkamah Konstitusi"


class FigureExplanation(models.Model):
    """The results manager's recorded explanation of a difference between a party's sum over
    the dapil and the total the decision prints, citing the document that settles it. Without
    one, a letter carrying that party's figures of that version cannot be signed."""

    version = models.ForeignKey(
        "results.ResultVersion", on_delete=models.PROTECT, related_name="figure_explanations"
    )
    party = models.ForeignKey("results.Party", on_delete=models.PROTECT, related_name="+")
    figure = models.CharField("angka", max_length=8, choices=Figure.choices)
    dapil_sum = models.PositiveBigIntegerField("jumlah per dapil")
    printed_total = models.PositiveBigIntegerField("total tercetak")
    certified = models.CharField(
        "angka yang dinyatakan", max_length=16, choices=CertifiedFigure.choices
    )
    document_kind = models.CharField(
        "dokumen penentu", max_length=16, choices=SettlingDocument.choices
    )
    document_number = models.CharField("nomor dokumen penentu", max_length=120, blank=True)
    document_date = models.DateField("tanggal dokumen penentu", null=True, blank=True)
    # Explanations recorded before the number and date were fields of their own: typed text,
    # which a letter no longer prints (figure_check refuses it).
    document_reference = models.CharField(
        "nomor dan tanggal dokumen (lama, diketik)", max_length=300, blank=True
    )
    explanation = models.TextField("penjelasan")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    # Four eyes: certifying a total above the one the decision prints waits for a second
    # person (`results.explanations.figure_explanation_confirm`).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "penjelasan selisih angka"
        verbose_name_plural = "penjelasan selisih angka"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party", "figure"], name="figure_explanation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_figure_display()}): {self.get_certified_display()}"

    @property
    def certified_value(self) -> int:
        if self.certified == CertifiedFigure.PRINTED_TOTAL:
            return self.printed_total
        return self.dapil_sum

    @property
    def needs_confirmation(self) -> bool:
        """The letter would certify more than the decision prints."""
        return self.certified_value > self.printed_total

    @property
    def awaits_confirmation(self) -> bool:
        return self.needs_confirmation and self.confirmed_at is None
