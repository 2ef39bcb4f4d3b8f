"""Party accounts, their online requests and their API tokens.

A party user is not staff: no Assignment, so `request.office` is None. The office and party of
every portal request come from the user's `PartyAccount`. A party is named by its short name
(as in `results.Party.short_name`), because a Party row belongs to one election and a party
asks about several elections.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models


class PartyAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="party_account"
    )
    office = models.ForeignKey(
        "organization.Office", on_delete=models.PROTECT, related_name="party_accounts"
    )
    party_short_name = models.CharField("partai (nama singkat)", max_length=60)
    party_level = models.CharField("tingkat kepengurusan", max_length=4, blank=True)
    is_active = models.BooleanField("aktif", default=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "akun partai"
        verbose_name_plural = "akun partai"
        ordering = ["office", "party_short_name", "user__username"]
        indexes = [models.Index(fields=["office", "party_short_name"])]

    def __str__(self) -> str:
        return f"{self.user.get_username()} — {self.party_short_name} ({self.office.code})"


class SubmissionState(models.TextChoices):
    PENDING = "pending", "Menunggu dicatat Tata Usaha"
    REGISTERED = "registered", "Dicatat dalam Buku Registrasi"
    REJECTED = "rejected", "Ditolak"


class OnlineSubmission(models.Model):
    """A request sent through the portal, waiting in Tata Usaha's queue until registered."""

    account = models.ForeignKey(PartyAccount, on_delete=models.PROTECT, related_name="submissions")
    office = models.ForeignKey("organization.Office", on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey("results.Party", on_delete=models.PROTECT, related_name="+")
    party_level = models.CharField("tingkat kepengurusan", max_length=4)
    letter_number = models.CharField("nomor surat partai", max_length=120)
    letter_date = models.DateField("tanggal surat partai")
    subject = models.CharField("perihal", max_length=300)
    elections = models.ManyToManyField("results.Election", related_name="+")
    purpose = models.CharField("keperluan", max_length=16)
    purpose_note = models.CharField("keterangan keperluan", max_length=300, blank=True)
    scan = models.FileField(upload_to="portal/%Y/")
    scan_name = models.CharField(max_length=255)
    scan_sha256 = models.CharField(max_length=64)
    submitted_at = models.DateTimeField("diajukan pada")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        max_length=16, choices=SubmissionState.choices, default=SubmissionState.PENDING
    )
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="online_submission",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_reason = models.TextField("alasan penolakan", blank=True)

    class Meta:
        verbose_name = "permohonan daring"
        verbose_name_plural = "permohonan daring"
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.party.short_name} {self.letter_number}"

    @property
    def scan_content_type(self) -> str:
        """The scan's real type: it is stored under the extension its content was sniffed as
        (core/stored_files.py: upload_store)."""
        name = (self.scan.name or "").lower()
        if name.endswith(".pdf"):
            return "application/pdf"
        return "image/png" if name.endswith(".png") else "image/jpeg"

    @property
    def purpose_label(self) -> str:
        from autentika.cases.models import Purpose

        return Purpose(self.purpose).label if self.purpose in Purpose.values else self.purpose


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartyApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    account = models.ForeignKey(PartyAccount, on_delete=models.PROTECT, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    label = models.CharField("keterangan", max_length=100, blank=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "token API partai"
        verbose_name_plural = "token API partai"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.account})"

    @staticmethod
    def token_new() -> str:
        return "atk_" + secrets.token_urlsafe(32)
