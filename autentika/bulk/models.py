"""The batch of a signing run and its items: what the progress page reads. Secrets are never
stored here (they reach the worker sealed: bulk/sealed.py). The tables belong to the `letters`
app (their migrations are its own; `letters.models` imports these so the registry loads them)."""

from django.conf import settings
from django.db import models


class BulkSigningState(models.TextChoices):
    QUEUED = "queued", "Menunggu dimulai"
    RUNNING = "running", "Sedang ditandatangani"
    DONE = "done", "Selesai"
    FAILED = "failed", "Berhenti karena kesalahan"
    CANCELLED = "cancelled", "Dibatalkan"


class BulkSigningItemState(models.TextChoices):
    PENDING = "pending", "Menunggu"
    SIGNING = "signing", "Sedang ditandatangani"
    SIGNED = "signed", "Ditandatangani"
    FAILED = "failed", "Gagal, tetap menunggu tanda tangan"
    SKIPPED = "skipped", "Tidak diproses"


class BulkSigning(models.Model):
    office = models.ForeignKey(
        "organization.Office", on_delete=models.PROTECT, related_name="bulk_signings"
    )
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+"
    )
    signer_capacity = models.CharField(max_length=16)
    # The start was confirmed in a session its second factor had verified; the background
    # process, which has no session, signs as that verified signer.
    second_factor_verified = models.BooleanField(default=False)
    state = models.CharField(
        max_length=16, choices=BulkSigningState.choices, default=BulkSigningState.QUEUED
    )
    # A single signing from the web is a run of one draft (bulk/runs.py).
    single = models.BooleanField(default=False)
    workers = models.PositiveSmallIntegerField(default=1)
    # The current run queued for the worker: a task of an older run (resumed since) does nothing.
    run_token = models.CharField(max_length=32, blank=True)
    process_id = models.PositiveIntegerField(null=True, blank=True)
    # Written by the process signing the batch while it lives (bulk/heartbeat.py): a batch whose
    # heartbeat stopped is "terhenti" and its signer may resume or cancel it.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        app_label = "letters"
        verbose_name = "tanda tangan massal"
        verbose_name_plural = "tanda tangan massal"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Tanda tangan massal {self.pk} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (
            BulkSigningState.DONE,
            BulkSigningState.FAILED,
            BulkSigningState.CANCELLED,
        )


class BulkSigningItem(models.Model):
    batch = models.ForeignKey(BulkSigning, on_delete=models.PROTECT, related_name="items")
    draft = models.ForeignKey("letters.Draft", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField()
    state = models.CharField(
        max_length=16, choices=BulkSigningItemState.choices, default=BulkSigningItemState.PENDING
    )
    letter = models.ForeignKey(
        "letters.SignedLetter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "letters"
        ordering = ["batch", "order"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "draft"], name="bulk_signing_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.batch} — konsep {self.draft_id}"
