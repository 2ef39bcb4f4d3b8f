"""A party's request as a tracked case: the register (Buku Registrasi Surat Masuk) and the
tiered disposition (disposisi berjenjang)."""

import datetime as dt

from django.conf import settings
from django.db import models


class PartyLevel(models.TextChoices):
    DPP = "DPP", "DPP (Dewan Pimpinan Pusat)"
    DPW = "DPW", "DPW (Dewan Pimpinan Wilayah)"
    DPD = "DPD", "DPD (Dewan Pimpinan Daerah)"
    DPC = "DPC", "DPC (Dewan Pimpinan Cabang)"


class Purpose(models.TextChoices):
    FINANCIAL_AID = "financial_aid", "Pengajuan bantuan keuangan partai politik"
    OTHER = "other", "Lainnya"


class Channel(models.TextChoices):
    WALK_IN = "walk_in", "Diantar langsung"
    POST = "post", "Pos"
    EMAIL = "email", "Surel"
    ONLINE = "online", "Daring"


class CaseState(models.TextChoices):
    DISPOSITION = "disposition", "Disposisi berjenjang"
    INCOMPLETE = "incomplete", "Menunggu arsip keputusan"
    DRAFTING = "drafting", "Penyusunan balasan"
    REVIEW = "review", "Paraf koordinasi berjenjang"
    SIGNING = "signing", "Menunggu tanda tangan"
    SIGNED = "signed", "Surat balasan ditandatangani"
    HANDED_OVER = "handed_over", "Surat balasan diserahkan"


def agenda_label_of(*, number: int, year: int) -> str:
    """How an agenda number is written: "12/2025"."""
    return f"{number}/{year}"


class Case(models.Model):
    office = models.ForeignKey(
        "organization.Office", on_delete=models.PROTECT, related_name="cases"
    )
    agenda_year = models.PositiveSmallIntegerField("tahun agenda")
    agenda_number = models.PositiveIntegerField("nomor agenda")
    registered_at = models.DateTimeField("dicatat pada")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField("diterima pada")
    channel = models.CharField("cara masuk", max_length=16, choices=Channel.choices)
    party = models.ForeignKey("results.Party", on_delete=models.PROTECT, related_name="cases")
    party_level = models.CharField("tingkat kepengurusan", max_length=4, choices=PartyLevel.choices)
    letter_number = models.CharField("nomor surat partai", max_length=120)
    letter_date = models.DateField("tanggal surat partai")
    subject = models.CharField("perihal", max_length=300)
    elections = models.ManyToManyField(
        "results.Election", related_name="cases", verbose_name="pemilu"
    )
    purpose = models.CharField("keperluan", max_length=16, choices=Purpose.choices)
    purpose_note = models.CharField("keterangan keperluan", max_length=300, blank=True)
    duplicate_reason = models.TextField("alasan pencatatan ulang", blank=True)
    state = models.CharField("tahap", max_length=16, choices=CaseState.choices)
    current_position = models.ForeignKey(
        "organization.Position",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_waiting",
        verbose_name="berada di",
    )
    # At a position several staff hold at once: the member the case was given to (None: the
    # position's head has yet to assign it). Elsewhere None.
    current_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_assigned",
        verbose_name="ditugaskan kepada",
    )
    due_on = models.DateField("batas waktu", null=True, blank=True)
    # UU 14/2008 art. 22 (cases/kip.py): set at registration, moved once by an extension.
    kip_due_on = models.DateField("batas waktu jawaban (UU KIP)", null=True, blank=True)
    kip_extended_due_on = models.DateField(
        "batas waktu setelah diperpanjang", null=True, blank=True
    )
    kip_extension_reason = models.TextField("alasan perpanjangan", blank=True)

    class Meta:
        verbose_name = "permohonan"
        verbose_name_plural = "permohonan"
        ordering = ["-agenda_year", "-agenda_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "agenda_year", "agenda_number"], name="agenda_number_unique"
            )
        ]
        # The inbox and the home cards look for the few open cases among decades of closed ones.
        indexes = [models.Index(fields=["office", "state"], name="case_office_state")]

    def __str__(self) -> str:
        return f"Agenda {self.agenda_label} — {self.party.short_name}"

    @property
    def kip_deadline(self) -> dt.date | None:
        """The legal due date in force: the extended one once extended."""
        return self.kip_extended_due_on or self.kip_due_on

    @property
    def agenda_label(self) -> str:
        return agenda_label_of(number=self.agenda_number, year=self.agenda_year)

    @property
    def current_desk(self) -> str:
        if self.current_position is None:
            return "-"
        if self.current_assignee is not None:
            name = self.current_assignee.get_full_name() or self.current_assignee.get_username()
            return f"{self.current_position.title} ({name})"
        return self.current_position.title

    @property
    def sender(self) -> str:
        return f"{self.party_level} {self.party.full_name or self.party.short_name}"


class AgendaCounter(models.Model):
    """The last agenda number used per office per calendar year; taken under a row lock inside
    the registering transaction, so numbers have no gaps and no duplicates."""

    office = models.ForeignKey("organization.Office", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="agenda_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_number}"


class DocumentKind(models.TextChoices):
    LETTER = "letter", "Surat permohonan"
    ATTACHMENT = "attachment", "Lampiran"


class CaseDocument(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("jenis", max_length=16, choices=DocumentKind.choices)
    file = models.FileField(upload_to="cases/%Y/")
    original_name = models.CharField("nama berkas", max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "kind", "id"]

    def __str__(self) -> str:
        return self.original_name


class Instruction(models.TextChoices):
    PROCESS = "proses", "Proses lebih lanjut"
    PREPARE_REPLY = "balas", "Siapkan balasan"
    COORDINATE = "koordinasi", "Koordinasikan"
    REVIEW = "telaah", "Telaah dan laporkan"
    FILE = "arsip", "Arsipkan"


class Urgency(models.TextChoices):
    NORMAL = "biasa", "Biasa"
    URGENT = "segera", "Segera"
    VERY_URGENT = "sangat_segera", "Sangat segera"


class SecurityClass(models.TextChoices):
    ORDINARY = "biasa", "Biasa"
    LIMITED = "terbatas", "Terbatas"
    CONFIDENTIAL = "rahasia", "Rahasia"


class Disposition(models.Model):
    """One step down the chain. The positions and titles are recorded as they applied then."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="dispositions")
    from_position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+"
    )
    from_position_title = models.CharField(max_length=200)
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    from_capacity = models.CharField(max_length=16)
    to_position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+"
    )
    to_position_title = models.CharField(max_length=200)
    # The staff member named by the disposition, at a position several hold at once.
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_user_name = models.CharField(max_length=200, blank=True)
    instruction = models.CharField("instruksi", max_length=16, choices=Instruction.choices)
    note = models.TextField("catatan", blank=True)
    urgency = models.CharField("sifat", max_length=16, choices=Urgency.choices)
    security_class = models.CharField(
        "klasifikasi keamanan",
        max_length=16,
        choices=SecurityClass.choices,
        default=SecurityClass.ORDINARY,
    )
    due_on = models.DateField("batas waktu", null=True, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_position_title} → {self.to_position_title}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
