"""In-app notifications and the e-mail outbox they are delivered through."""

from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    DESK = "desk", "Permohonan menunggu di jabatan Anda"
    PARTY = "party", "Perubahan status permohonan partai"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    office = models.ForeignKey(
        "organization.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        "core.AuditEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    title = models.CharField("judul", max_length=200)
    body = models.TextField("isi", blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Menunggu dikirim"
    RETRYING = "retrying", "Gagal, akan dicoba lagi"
    SENT = "sent", "Terkirim"
    FAILED = "failed", "Gagal (percobaan habis)"


class OutgoingEmail(models.Model):
    """One e-mail to one address. Written with the step that caused it, delivered later by the
    background worker (`notifications.tasks.email_deliver`), retried with back-off."""

    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
