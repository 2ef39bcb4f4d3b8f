"""The reply letter: drafts and their versions, reviews (paraf), the outgoing counter and the
signed letters.

The data table of a letter is never typed. Each draft version points to the result versions
it was built from (`result_versions`) and keeps `tables`, a JSON snapshot computed from those
versions' PartyResult rows when the version is created. Result versions are immutable
(corrections create new versions), so the snapshot always equals the archive it names; the
snapshot makes versions comparable and lets the signed letter be rendered once from exactly
what the reviewers initialled.
"""

from django.conf import settings
from django.db import models


class LetterKind(models.TextChoices):
    CERTIFICATE = "certificate", "Surat keterangan autentifikasi"
    REFUSAL_NO_SEAT = "refusal_no_seat", "Balasan: tidak memperoleh kursi"
    REFUSAL_INCOMPLETE = "refusal_incomplete", "Balasan: permohonan tidak lengkap"
    REFUSAL_NOT_HELD = "refusal_not_held", "Balasan: data tidak dikelola kantor ini"

    @classmethod
    def with_table(cls) -> tuple[str, ...]:
        return (cls.CERTIFICATE, cls.REFUSAL_NO_SEAT)


class DraftState(models.TextChoices):
    EDITING = "editing", "Disusun oleh pelaksana"
    REVIEW = "review", "Dalam paraf berjenjang"
    SIGNING = "signing", "Menunggu tanda tangan"
    SIGNED = "signed", "Ditandatangani"


# The draft's stage is read from its case's state (one stored state, so they never disagree).
DRAFT_STATE_OF_CASE = {
    "incomplete": DraftState.EDITING,
    "drafting": DraftState.EDITING,
    "review": DraftState.REVIEW,
    "signing": DraftState.SIGNING,
    "signed": DraftState.SIGNED,
    "handed_over": DraftState.SIGNED,
}


class Draft(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="draft")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "konsep surat"
        verbose_name_plural = "konsep surat"

    def __str__(self) -> str:
        return f"Konsep balasan agenda {self.case.agenda_label}"

    @property
    def state(self) -> DraftState:
        return DRAFT_STATE_OF_CASE.get(self.case.state, DraftState.EDITING)

    def get_state_display(self) -> str:
        return str(self.state.label)

    @property
    def current_version(self) -> "DraftVersion":
        return self.versions.order_by("-number").first()  # type: ignore[return-value]


class DraftVersion(models.Model):
    """One version of the text. Every version is kept; a revision makes a new one."""

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("versi")
    kind = models.CharField("jenis surat", max_length=24, choices=LetterKind.choices)
    nature = models.CharField("sifat", max_length=40, default="Biasa")
    attachment = models.CharField("lampiran", max_length=80, default="-")
    subject = models.CharField("hal", max_length=300)
    body = models.TextField("isi (pembuka dan pernyataan)")
    closing = models.TextField("penutup")
    copies = models.TextField("tembusan", blank=True, help_text="Satu penerima per baris.")
    result_versions = models.ManyToManyField(
        "results.ResultVersion", related_name="draft_versions", blank=True
    )
    tables = models.JSONField("tabel data (dihitung dari arsip)", default=list)
    absences = models.JSONField("pemilu yang tidak diikuti partai", default=list, blank=True)
    is_specimen = models.BooleanField("spesimen", default=False)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "versi konsep"
        verbose_name_plural = "versi konsep"
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="draft_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.draft} — versi {self.number}"

    @property
    def copies_list(self) -> list[str]:
        return [line.strip() for line in self.copies.splitlines() if line.strip()]


class UnsavedText(models.Model):
    """The editor's text that arrived after its session ended (idle timeout), kept for the
    user who typed it and offered back on the draft's page until restored or discarded (#28).
    Never a version: nothing here is reviewed or signed."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="unsaved_texts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    texts = models.JSONField("isian yang diketik")
    based_on = models.PositiveSmallIntegerField("versi yang dibuka", null=True, blank=True)
    kept_at = models.DateTimeField()

    class Meta:
        verbose_name = "teks konsep belum tersimpan"
        verbose_name_plural = "teks konsep belum tersimpan"
        constraints = [
            models.UniqueConstraint(fields=["draft", "user"], name="unsaved_text_one_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.draft}: teks belum tersimpan"


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", "Diajukan"
    APPROVE = "approve", "Diparaf"
    RETURN = "return", "Dikembalikan"


class Review(models.Model):
    """A step of the review chain: submitted, initialled (paraf) or returned with a note."""

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="reviews")
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="reviews")
    action = models.CharField(max_length=16, choices=ReviewAction.choices)
    position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+"
    )
    position_title = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(max_length=200)
    capacity = models.CharField(max_length=16)
    note = models.TextField("catatan", blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["draft", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} oleh {self.position_title}"


class OutgoingCounter(models.Model):
    """The last outgoing letter number used per office per year; taken under a row lock
    inside the signing transaction, so a failed signing gives the number back."""

    office = models.ForeignKey("organization.Office", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="outgoing_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_number}"


class LetterStatus(models.TextChoices):
    VALID = "valid", "Berlaku"
    REVOKED = "revoked", "Dicabut"
    REPLACED = "replaced", "Diganti"


class SignedLetter(models.Model):
    """The signed letter as it was issued: its bytes are stored once and never re-rendered."""

    draft = models.OneToOneField(Draft, on_delete=models.PROTECT, related_name="signed_letter")
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="letters")
    office = models.ForeignKey(
        "organization.Office", on_delete=models.PROTECT, related_name="letters"
    )
    year = models.PositiveSmallIntegerField("tahun nomor")
    sequence = models.PositiveIntegerField("nomor urut")
    number = models.CharField("nomor surat", max_length=120)
    date = models.DateField("tanggal surat")
    pdf = models.BinaryField("PDF bertanda tangan")
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    # SHA-256 of the signed revision (what the signature covers): the same letter after later
    # long-term-validation updates (DSS, document timestamps) appended by anyone.
    signed_revision_sha256 = models.CharField(
        "SHA-256 revisi bertanda tangan", max_length=64, blank=True, db_index=True
    )
    verification_token = models.CharField(max_length=64, unique=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+"
    )
    signer_position_title = models.CharField(max_length=220)
    signer_name = models.CharField(max_length=200)
    signer_employee_number = models.CharField(max_length=32, blank=True)
    signer_capacity = models.CharField(max_length=16)
    certificate_subject = models.CharField(max_length=400, blank=True)
    is_specimen = models.BooleanField("spesimen", default=False)
    # The letter's full text as signed, placeholders filled (`letters.figures`), so the public
    # page shows exactly the sentences of the paper copy.
    text = models.JSONField("teks surat sebagaimana ditandatangani", default=dict)
    signed_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=LetterStatus.choices, default=LetterStatus.VALID
    )
    # The signer's certificate as its CA reports it after signing (letters/archive.py,
    # certificate_watch.py): judged against the proven signing time (letters/verdict.py).
    certificate_checked_at = models.DateTimeField(
        "status sertifikat diperiksa", null=True, blank=True
    )
    certificate_revoked_at = models.DateTimeField("sertifikat dicabut pada", null=True, blank=True)
    certificate_revocation_reason = models.CharField(
        "alasan pencabutan sertifikat (RFC 5280)", max_length=32, blank=True
    )
    # The time the signature's timestamp proves: a revocation is judged against it.
    signature_timestamp_at = models.DateTimeField(
        "waktu penandatanganan menurut stempel waktu", null=True, blank=True
    )
    # Revocation and replacement (`autentika.letters.revocation`): the facts the public
    # verification page shows next to the status.
    revoked_at = models.DateTimeField("dicabut pada", null=True, blank=True)
    revocation_reason = models.TextField("alasan pencabutan", blank=True)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        verbose_name="diganti dengan",
    )

    class Meta:
        verbose_name = "surat bertanda tangan"
        verbose_name_plural = "surat bertanda tangan"
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="signed_letter_number_unique"
            )
        ]
        # The report and the outgoing register count an office's letters of a period.
        indexes = [models.Index(fields=["office", "date"], name="letter_office_date")]

    def __str__(self) -> str:
        return f"Surat Nomor {self.number}"
