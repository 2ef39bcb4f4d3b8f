"""Hand-over of the signed letter against a receipt (tanda terima): the Buku Tanda Terima."""

from django.conf import settings
from django.db import models


class HandoverChannel(models.TextChoices):
    IN_PERSON = "in_person", "Diserahkan langsung"
    POST = "post", "Dikirim melalui pos"
    ONLINE = "online", "Diunduh daring"


class IdentityKind(models.TextChoices):
    NIK = "nik", "NIK (KTP elektronik, 16 angka)"
    PASSPORT = "passport", "Paspor (1-2 huruf dan 6-7 angka)"
    SIM = "sim", "SIM (12-14 angka)"
    ACCOUNT = "account", "Akun portal (unduhan daring)"


class Receipt(models.Model):
    """One receipt: who received which signed letter, when and how.

    The identity number is stored in full (the office must be able to prove it) and shown
    masked everywhere (`identity_masked`).
    """

    office = models.ForeignKey("organization.Office", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="receipts")
    letter = models.ForeignKey(
        "letters.SignedLetter", on_delete=models.PROTECT, related_name="receipts"
    )
    year = models.PositiveSmallIntegerField("tahun")
    sequence = models.PositiveIntegerField("nomor urut")
    channel = models.CharField("cara penyerahan", max_length=16, choices=HandoverChannel.choices)
    recipient_name = models.CharField("nama penerima", max_length=200)
    recipient_position = models.CharField("jabatan di partai", max_length=200, blank=True)
    identity_kind = models.CharField(
        "jenis identitas", max_length=16, choices=IdentityKind.choices, default=IdentityKind.NIK
    )
    identity_number = models.CharField("nomor identitas", max_length=32, blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letter_receipts",
    )
    handed_at = models.DateTimeField("diserahkan pada")
    recorded_at = models.DateTimeField("dicatat pada")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_position = models.ForeignKey(
        "organization.Position", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scan = models.FileField(upload_to="receipts/%Y/", blank=True)
    scan_content_type = models.CharField(max_length=64, blank=True)
    scan_sha256 = models.CharField(max_length=64, blank=True)
    scan_uploaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tanda terima"
        verbose_name_plural = "tanda terima"
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="receipt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["letter", "recipient_user"],
                condition=models.Q(channel="online"),
                name="receipt_online_once_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Tanda terima {self.number_label}"

    @property
    def number_label(self) -> str:
        return f"{self.sequence}/TT/{self.year}"

    @property
    def identity_masked(self) -> str:
        return identity_mask(self.identity_number)

    @property
    def identity_kind_name(self) -> str:
        """The kind's name as printed ("NIK"), without the form's hint on its format."""
        return str(self.get_identity_kind_display()).split(" (")[0]  # type: ignore[attr-defined]


class ReceiptCounter(models.Model):
    """The last receipt number per office per year, taken under a row lock (gapless)."""

    office = models.ForeignKey("organization.Office", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="receipt_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_number}"


def identity_mask(number: str) -> str:
    """`1271011203850001` -> `1271********0001`; shorter numbers keep only the last three."""
    if not number:
        return "-"
    if len(number) >= 12:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    return "*" * (len(number) - 3) + number[-3:]
