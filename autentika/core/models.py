from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class AuditEventType(models.TextChoices):
    """Every step that matters has its own type. Later parts add theirs here."""

    ASSIGNMENT_CREATED = "organization.assignment_created", "Penugasan jabatan dibuat"
    ASSIGNMENT_ENDED = "organization.assignment_ended", "Penugasan jabatan diakhiri"
    OFFICE_PROFILE_CHANGED = "organization.office_profile_changed", "Profil kantor diubah"
    OFFICE_LOGO_CHANGED = "organization.office_logo_changed", "Logo kantor diunggah"
    POSITION_CREATED = "organization.position_created", "Jabatan dibuat"
    POSITION_CHANGED = "organization.position_changed", "Jabatan diubah"
    ASSIGNMENT_CHANGED = "organization.assignment_changed", "Penugasan jabatan diubah"
    CHAIN_CHANGED = "organization.chain_changed", "Alur berjenjang diubah"
    OFFICE_HOURS_CHANGED = (
        "organization.office_hours_changed",
        "Jam kerja atau zona waktu kantor diubah",
    )
    OFFICE_CLOSURE_ADDED = "organization.office_closure_added", "Hari tutup kantor dicatat"
    OFFICE_CLOSURE_REMOVED = "organization.office_closure_removed", "Hari tutup kantor dihapus"
    STEP_TARGET_CHANGED = "reports.step_target_changed", "Target waktu tahap diubah"
    DEMO_SEEDED = "organization.demo_seeded", "Kantor demo disiapkan"
    OFFICES_LOADED = "organization.offices_loaded", "Kantor KPU dibuat dari daftar wilayah"
    LOGIN_SUCCEEDED = "auth.login_succeeded", "Masuk berhasil"
    LOGIN_FAILED = "auth.login_failed", "Masuk gagal"
    LOGIN_UNLOCKED = "auth.login_unlocked", "Kunci masuk dibuka oleh administrator"
    OTP_ENROLLED = "auth.otp_enrolled", "Verifikasi dua langkah diaktifkan"
    OTP_DISABLED = "auth.otp_disabled", "Verifikasi dua langkah dinonaktifkan"
    OTP_VERIFIED = "auth.otp_verified", "Kode verifikasi dua langkah diterima"
    OTP_FAILED = "auth.otp_failed", "Kode verifikasi dua langkah salah"
    OTP_RECOVERY_CODES_CREATED = "auth.recovery_codes_created", "Kode pemulihan dibuat"
    PASSWORD_RESET_REQUESTED = (
        "auth.password_reset_requested",
        "Tautan kata sandi baru diminta",
    )
    ADMIN_CREATED = "admin.created", "Data dibuat di halaman admin"
    ADMIN_CHANGED = "admin.changed", "Data diubah di halaman admin"
    ADMIN_DELETED = "admin.deleted", "Data dihapus di halaman admin"
    ELECTION_CREATED = "results.election_created", "Pemilu dicatat"
    DECISION_CREATED = "results.decision_created", "Keputusan penetapan hasil dicatat"
    DECISION_STATUS_CHANGED = (
        "results.decision_status_changed",
        "Status keputusan penetapan hasil diubah (sementara menjadi resmi)",
    )
    RESULTS_IMPORTED = "results.imported", "Hasil pemilu diimpor (versi baru)"
    RESULTS_DIFFERENCE_EXPLAINED = (
        "results.difference_explained",
        "Selisih jumlah per dapil dan total keputusan dijelaskan",
    )
    RESULTS_DIFFERENCE_CONFIRMED = (
        "results.difference_confirmed",
        "Penjelasan selisih yang menaikkan total dikonfirmasi orang kedua",
    )
    CASE_REGISTERED = "cases.registered", "Permohonan dicatat dalam Buku Registrasi"
    CASE_DOCUMENT_ADDED = "cases.document_added", "Berkas permohonan diunggah"
    CASE_DISPOSED = "cases.disposed", "Permohonan didisposisikan"
    CASE_DISPOSITION_READ = "cases.disposition_read", "Disposisi dibaca"
    CASE_DISPOSITION_WITHDRAWN = "cases.disposition_withdrawn", "Disposisi ditarik kembali"
    CASE_COMPLETENESS_CHECKED = "cases.completeness_checked", "Kelengkapan arsip diperiksa"
    CASE_ASSIGNED = "cases.assigned", "Permohonan ditugaskan kepada staf"
    CASE_DEADLINE_EXTENDED = (
        "cases.deadline_extended",
        "Batas waktu jawaban diperpanjang 7 hari kerja (UU 14/2008 pasal 22)",
    )
    CASE_DEADLINE_REMINDER = (
        "cases.deadline_reminder",
        "Pengingat: batas waktu jawaban (UU 14/2008) tinggal paling lama 2 hari kerja",
    )
    LETTER_DRAFTED = "letters.drafted", "Konsep balasan dibuat"
    LETTER_REVISED = "letters.revised", "Konsep balasan diubah (versi baru)"
    LETTER_UNSAVED_KEPT = (
        "letters.unsaved_kept",
        "Teks konsep yang belum tersimpan disimpan sementara (sesi berakhir)",
    )
    LETTER_SUBMITTED = "letters.submitted", "Konsep diajukan untuk diparaf"
    LETTER_APPROVED = "letters.approved", "Konsep diparaf"
    LETTER_RETURNED = "letters.returned", "Konsep dikembalikan dengan catatan"
    LETTER_SIGNED = "letters.signed", "Surat dinomori, ditandatangani dan disimpan"
    LETTER_SIGN_FAILED = "letters.sign_failed", "Penandatanganan surat gagal"
    LETTER_BULK_SIGNING_STARTED = "letters.bulk_signing_started", "Tanda tangan massal dimulai"
    LETTER_BULK_SIGNING_FINISHED = "letters.bulk_signing_finished", "Tanda tangan massal selesai"
    LETTER_BULK_SIGNING_RESUMED = (
        "letters.bulk_signing_resumed",
        "Tanda tangan massal yang terhenti dilanjutkan",
    )
    LETTER_BULK_SIGNING_CANCELLED = (
        "letters.bulk_signing_cancelled",
        "Tanda tangan massal yang terhenti dibatalkan",
    )
    LETTER_HANDED_OVER = "handover.recorded", "Surat diserahkan (tanda terima dicatat)"
    LETTER_DOWNLOADED = "handover.downloaded", "Surat diunduh daring (tanda terima elektronik)"
    RECEIPT_SCAN_ADDED = "handover.scan_added", "Pindaian tanda terima bertanda tangan diunggah"
    CASE_FILE_EXPORTED = "handover.case_file_exported", "Berkas perkara (ZIP) diunduh"
    PARTY_ACCOUNT_CREATED = "portal.account_created", "Akun portal partai dibuat"
    PARTY_ACCOUNT_DEACTIVATED = "portal.account_deactivated", "Akun portal partai dinonaktifkan"
    PARTY_TOKEN_CREATED = "portal.token_created", "Token API partai dibuat"
    ONLINE_REQUEST_SUBMITTED = "portal.submitted", "Permohonan daring diajukan partai"
    ONLINE_REQUEST_REJECTED = "portal.rejected", "Permohonan daring ditolak Tata Usaha"
    LETTER_REVOKED = "letters.revoked", "Surat dicabut"
    LETTER_CERTIFICATE_STATUS = (
        "letters.certificate_status",
        "Status sertifikat penanda tangan menurut penerbitnya berubah",
    )
    LETTER_REPLACED = "letters.replaced", "Surat diganti dengan surat baru"
    DOCUMENT_ACCESSED = "core.document_accessed", "Dokumen dibuka atau diunduh"
    AUDIT_CHECKPOINT_TAKEN = (
        "core.audit_checkpoint_taken",
        "Titik periksa jejak audit diberi stempel waktu",
    )


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Jejak audit tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Jejak audit tidak dapat dihapus.")

    def bulk_create(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        raise PermissionError("Peristiwa audit ditulis satu per satu ke rantai hash.")


class AuditEvent(models.Model):
    """Append-only record of who did what, acting as which position, when, from which state.

    On PostgreSQL a trigger (migration 0002) also refuses UPDATE and DELETE at the database.
    """

    office = models.ForeignKey(
        "organization.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    acting_position = models.ForeignKey(
        "organization.Position",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    acting_capacity = models.CharField(max_length=16, blank=True)
    event_type = models.CharField(max_length=64, db_index=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # the hash chain (core/audit_chain.py); null only on rows written before it existed
    sequence = models.PositiveBigIntegerField(null=True, unique=True, editable=False)
    previous_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event_type}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Jejak audit tidak dapat diubah.")
        from autentika.core.audit_chain import audit_chain_link

        with transaction.atomic():
            audit_chain_link(self)
            super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Jejak audit tidak dapat dihapus.")

    @property
    def event_label(self) -> str:
        try:
            return str(AuditEventType(self.event_type).label)
        except ValueError:
            return self.event_type


class AuditChainHead(models.Model):
    """The last link of the audit hash chain (one row, pk 1), locked by every writer and moved
    only by the trigger on the event table's INSERT (core/audit_chain.py, migration 0006)."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.sequence} {self.hash[:12]}"


class AuditCheckpoint(models.Model):
    """The audit chain's head at one moment, timestamped by the RFC 3161 TSA the letters use
    (core/audit_checkpoint.py): deleting or rewinding events up to it is seen afterwards."""

    sequence = models.PositiveBigIntegerField()
    head_hash = models.CharField(max_length=64)
    taken_at = models.DateTimeField()
    tsa_url = models.CharField(max_length=500)
    token = models.BinaryField()

    class Meta:
        ordering = ["sequence", "id"]

    def __str__(self) -> str:
        return f"{self.sequence} {self.head_hash[:12]}"
