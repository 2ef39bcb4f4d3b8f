"""The archive of official results: the single source of every number a letter may print."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Legislature(models.TextChoices):
    DPR = "DPR", "DPR RI"
    DPRD_PROVINSI = "DPRD_PROVINSI", "DPRD Provinsi"
    DPRD_KABKOTA = "DPRD_KABKOTA", "DPRD Kabupaten/Kota"


class SeatRule(models.TextChoices):
    SAINTE_LAGUE = "sainte_lague", "Sainte-Laguë (pembagi ganjil 1, 3, 5, ...)"


class Election(models.Model):
    office = models.ForeignKey(
        "organization.Office", on_delete=models.PROTECT, related_name="elections"
    )
    code = models.SlugField("kode pemilu", max_length=60)
    name = models.CharField("nama", max_length=200)
    year = models.PositiveSmallIntegerField("tahun")
    legislature = models.CharField("lembaga", max_length=16, choices=Legislature.choices)
    seat_rule = models.CharField(
        "metode penghitungan kursi",
        max_length=16,
        choices=SeatRule.choices,
        default=SeatRule.SAINTE_LAGUE,
    )
    threshold_percent = models.DecimalField(
        "ambang batas parlemen (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Kosong bila tidak ada ambang batas (DPRD).",
    )

    class Meta:
        verbose_name = "pemilu"
        verbose_name_plural = "pemilu"
        ordering = ["office", "-year", "legislature"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "code"], name="election_code_unique_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DecisionStatus(models.TextChoices):
    OFFICIAL = "official", "Resmi"
    PROVISIONAL = "provisional", "Sementara"
    SAMPLE = "sample", "Contoh (sampel)"


class Decision(models.Model):
    """The KPU decision (SK / Keputusan) that fixed an election's results.

    Its status is set when it is recorded; afterwards only the audited
    `decision_status.decision_status_change` (provisional to official) changes it.
    """

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField("nomor", max_length=120)
    date = models.DateField("tanggal")
    title = models.TextField("judul")
    status = models.CharField("status", max_length=16, choices=DecisionStatus.choices)
    document = models.FileField("berkas SK (PDF)", upload_to="decisions/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "keputusan"
        verbose_name_plural = "keputusan"
        ordering = ["election", "date", "id"]

    def __str__(self) -> str:
        return f"Keputusan Nomor {self.number}"

    def save(self, *args: Any, status_change: bool = False, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or "status" in update_fields):
            self._status_guard(status_change=status_change)
        super().save(*args, **kwargs)

    def _status_guard(self, *, status_change: bool) -> None:
        """Any other code path (the admin, a form, the shell) that saves a changed status is
        refused; the service's own change is checked against the rule again here."""
        stored = Decision.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored is None or stored == self.status:
            return
        if not status_change:
            raise ValidationError(
                {
                    "status": (
                        f"Status Keputusan Nomor {self.number} tidak dapat diubah langsung "
                        f"(tersimpan: {DecisionStatus(stored).label}, diminta: "
                        f"{self.get_status_display()}). Status ditetapkan saat "
                        "keputusan dicatat; sementara menjadi resmi hanya melalui perubahan "
                        "status yang diaudit (manage.py decision_status)."
                    )
                }
            )
        # imported here: decision_status imports this module
        from autentika.results.decision_status import status_change_refusal

        refusal = status_change_refusal(number=self.number, current=stored, new=self.status)
        if refusal is not None:
            raise ValidationError({"status": refusal})

    @property
    def is_official(self) -> bool:
        return self.status == DecisionStatus.OFFICIAL


class Dapil(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="dapil")
    name = models.CharField("nama dapil", max_length=120)
    code = models.CharField("kode dapil", max_length=20, blank=True)
    seats = models.PositiveSmallIntegerField("alokasi kursi")
    areas = models.TextField("wilayah", blank=True)
    voters = models.PositiveIntegerField("pemilih dalam DPT", null=True, blank=True)

    class Meta:
        verbose_name = "daerah pemilihan"
        verbose_name_plural = "daerah pemilihan"
        ordering = ["election", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "name"], name="dapil_name_unique_per_election"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PoliticalParty(models.Model):
    """A party as one legal body across elections. Its per-election participations are the
    `Party` rows (ballot number and name as registered in that election); figures are only
    ever carried from one election to another through this identity, never by ballot number."""

    code = models.SlugField("kode partai", max_length=60, unique=True)
    short_name = models.CharField("nama singkat", max_length=60)
    full_name = models.CharField("nama lengkap", max_length=200, blank=True)
    aliases = models.TextField(
        "nama lain",
        blank=True,
        help_text="Ejaan lain nama partai dalam berkas hasil, satu per baris (mis. PDIP).",
    )
    source = models.TextField("sumber", blank=True)

    class Meta:
        verbose_name = "partai politik (identitas)"
        verbose_name_plural = "partai politik (identitas)"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.full_name or self.short_name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class PartyLinkKind(models.TextChoices):
    RENAMED = "renamed", "Berganti nama (badan hukum yang sama)"
    MERGED = "merged", "Bergabung (fusi) ke partai lain"


class PartyLink(models.Model):
    """An explicit, sourced link between two party identities. A rename carries the party's
    own figures across; a merger never does (the successor is another party)."""

    predecessor = models.ForeignKey(
        PoliticalParty, on_delete=models.PROTECT, related_name="links_forward"
    )
    successor = models.ForeignKey(
        PoliticalParty, on_delete=models.PROTECT, related_name="links_back"
    )
    kind = models.CharField("jenis", max_length=16, choices=PartyLinkKind.choices)
    effective_date = models.DateField("berlaku sejak", null=True, blank=True)
    source = models.TextField(
        "sumber", help_text="Dokumen yang menetapkannya, mis. keputusan Menteri Hukum dan HAM."
    )

    class Meta:
        verbose_name = "hubungan partai"
        verbose_name_plural = "hubungan partai"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="party_link_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="party_link_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class Party(models.Model):
    """A party's participation in one election: its ballot number and name as registered."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="parties")
    political_party = models.ForeignKey(
        PoliticalParty,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name="partai politik (identitas)",
    )
    number = models.PositiveSmallIntegerField("nomor urut")
    short_name = models.CharField("nama singkat", max_length=60)
    full_name = models.CharField("nama lengkap", max_length=200, blank=True)

    class Meta:
        verbose_name = "partai politik"
        verbose_name_plural = "partai politik"
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "number"], name="party_number_unique_per_election"
            ),
            models.UniqueConstraint(
                fields=["election", "political_party"], name="party_once_per_election"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.full_name or self.short_name}"


class ResultVersion(models.Model):
    """One imported set of figures. Corrections create a new version; old ones stay, and
    whatever was produced from a version keeps pointing at it."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="versions")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("versi")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_name = models.CharField("nama berkas sumber", max_length=255, blank=True)
    source_sha256 = models.CharField("SHA-256 isi", max_length=64, blank=True)
    note = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "versi hasil"
        verbose_name_plural = "versi hasil"
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "number"], name="result_version_unique_per_election"
            )
        ]

    def __str__(self) -> str:
        return f"{self.election} — versi {self.number}"


class PartyResult(models.Model):
    version = models.ForeignKey(
        ResultVersion, on_delete=models.PROTECT, related_name="party_results"
    )
    dapil = models.ForeignKey(Dapil, on_delete=models.PROTECT, related_name="party_results")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="party_results")
    votes = models.PositiveBigIntegerField("suara sah")
    seats = models.PositiveSmallIntegerField("kursi")

    class Meta:
        ordering = ["version", "dapil", "party__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "dapil", "party"], name="party_result_unique_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dapil} — {self.party}: {self.votes} suara, {self.seats} kursi"


class PartyTotal(models.Model):
    """The decision's own printed totals per party, where it prints them."""

    version = models.ForeignKey(
        ResultVersion, on_delete=models.PROTECT, related_name="party_totals"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="party_totals")
    votes = models.PositiveBigIntegerField("suara sah", null=True, blank=True)
    seats = models.PositiveSmallIntegerField("kursi", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party"], name="party_total_unique_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.votes} suara, {self.seats} kursi (total keputusan)"


class CandidateResult(models.Model):
    version = models.ForeignKey(
        ResultVersion, on_delete=models.PROTECT, related_name="candidate_results"
    )
    dapil = models.ForeignKey(Dapil, on_delete=models.PROTECT, related_name="candidate_results")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="candidate_results")
    ballot_order = models.PositiveSmallIntegerField("nomor urut calon")
    name = models.CharField("nama calon", max_length=200)
    votes = models.PositiveBigIntegerField("suara sah", null=True, blank=True)
    elected = models.BooleanField("terpilih", default=False)

    class Meta:
        ordering = ["version", "dapil", "party__number", "ballot_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "dapil", "party", "ballot_order"],
                name="candidate_result_unique_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ballot_order}. {self.name} ({self.party}, {self.dapil})"


# Imported last: the explanation models refer to the models above (Django finds them here).
from autentika.results.explanation_models import (  # noqa: E402
    CertifiedFigure,
    Figure,
    FigureExplanation,
    SettlingDocument,
)

__all__ = [
    "CandidateResult",
    "CertifiedFigure",
    "Dapil",
    "Decision",
    "DecisionStatus",
    "Election",
    "Figure",
    "FigureExplanation",
    "Legislature",
    "Party",
    "PartyLink",
    "PartyLinkKind",
    "PartyResult",
    "PartyTotal",
    "PoliticalParty",
    "ResultVersion",
    "SeatRule",
    "SettlingDocument",
]
