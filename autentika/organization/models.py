import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from autentika.core.permissions import Duty

DEFAULT_LETTER_NUMBER_PATTERN = "{seq}/PL.01.1-SD/{region_code}/{year}"
DEFAULT_LETTER_SIGNER_CODE = "KETUA"


def _position_code_choices() -> list[tuple[str, str]]:
    return list(PositionCode.choices)


class OfficeLevel(models.TextChoices):
    RI = "RI", "KPU RI"
    PROVINSI = "PROVINSI", "KPU Provinsi"
    KABKOTA = "KABKOTA", "KPU Kabupaten/Kota"


class OfficeTimeZone(models.TextChoices):
    """The three time zones of Indonesia (an office keeps its own clock)."""

    WIB = "Asia/Jakarta", "WIB (Waktu Indonesia Barat)"
    WITA = "Asia/Makassar", "WITA (Waktu Indonesia Tengah)"
    WIT = "Asia/Jayapura", "WIT (Waktu Indonesia Timur)"


class Office(models.Model):
    code = models.SlugField("kode kantor", max_length=40, unique=True)
    level = models.CharField("tingkat", max_length=16, choices=OfficeLevel.choices)
    name = models.CharField("nama", max_length=200)
    region_code = models.CharField("kode wilayah", max_length=10)
    letterhead_lines = models.TextField(
        "baris kop surat", help_text="Satu baris per baris kop, dari atas ke bawah."
    )
    address = models.TextField("alamat")
    city = models.CharField("kota (untuk baris tanggal surat)", max_length=80)
    telephone = models.CharField("telepon", max_length=60, blank=True)
    email = models.EmailField("pos-el (e-mail)", blank=True)
    website = models.CharField(
        "laman (website)", max_length=120, blank=True, help_text="Misalnya sumut.kpu.go.id."
    )
    # PNG or JPEG, at most OFFICE_LOGO_MAX_BYTES, checked by content (settings_services.py).
    logo = models.FileField("logo kantor", upload_to="offices/", blank=True)
    paraf_on_archive_copy_only = models.BooleanField(
        "paraf koordinasi hanya pada salinan arsip",
        default=True,
        help_text="Bila aktif, tabel paraf tidak dicetak pada surat yang dikirim kepada partai, "
        "hanya pada salinan arsip kantor.",
    )
    letter_number_pattern = models.CharField(
        "pola nomor surat",
        max_length=120,
        default=DEFAULT_LETTER_NUMBER_PATTERN,
        help_text="Tersedia: {seq}, {region_code}, {year}, {month}.",
    )
    training_mode = models.BooleanField(
        "mode latihan",
        default=False,
        help_text="Hanya untuk latihan: surat dari data contoh ditandai SPESIMEN.",
    )
    letter_signer_code = models.CharField(
        "jabatan penanda tangan surat balasan",
        max_length=16,
        choices=_position_code_choices,
        default=DEFAULT_LETTER_SIGNER_CODE,
        help_text="Jabatan yang menandatangani (melegalisasi) surat keterangan autentifikasi.",
    )
    time_zone = models.CharField(
        "zona waktu", max_length=20, choices=OfficeTimeZone.choices, default=OfficeTimeZone.WIB
    )
    work_starts = models.TimeField("jam kerja mulai", default=dt.time(8, 0))
    work_ends = models.TimeField("jam kerja selesai", default=dt.time(16, 0))

    class Meta:
        verbose_name = "kantor"
        verbose_name_plural = "kantor"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def letterhead(self) -> list[str]:
        return [line for line in self.letterhead_lines.splitlines() if line.strip()]

    @property
    def contact_line(self) -> str:
        """The letterhead's line under the address: telephone, e-mail, website (those given)."""
        parts = [
            f"{label} {value}"
            for label, value in (
                ("Telepon", self.telephone),
                ("Pos-el", self.email),
                ("Laman", self.website),
            )
            if value.strip()
        ]
        return " | ".join(parts)

    def clean(self) -> None:
        try:
            self.letter_number_pattern.format(seq=1, region_code="12", year=2024, month=1)
        except (KeyError, IndexError, ValueError) as error:
            raise ValidationError(
                {"letter_number_pattern": f"Pola nomor surat tidak dikenal: {error}."}
            ) from error
        if "{seq}" not in self.letter_number_pattern:
            raise ValidationError({"letter_number_pattern": "Pola nomor surat harus memuat {seq}."})
        if self.work_starts and self.work_ends and self.work_starts >= self.work_ends:
            raise ValidationError({"work_ends": "Jam kerja selesai harus setelah jam mulai."})


class PositionCode(models.TextChoices):
    """The six positions of the SOP. Every KPU office has them under its own titles."""

    KETUA = "KETUA", "Ketua"
    SEKRETARIS = "SEKRETARIS", "Sekretaris"
    KABAG = "KABAG", "Kepala Bagian Teknis"
    KASUBBAG = "KASUBBAG", "Kepala Subbagian Teknis"
    PELAKSANA = "PELAKSANA", "Pelaksana Subbagian Teknis"
    TU = "TU", "Tata Usaha"


def validate_duties(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError("Tugas jabatan harus berupa daftar.")
    unknown = [item for item in value if item not in Duty.values]
    if unknown:
        raise ValidationError(f"Tugas jabatan tidak dikenal: {', '.join(map(str, unknown))}.")


class Position(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="positions")
    code = models.CharField("kode jabatan", max_length=16, choices=PositionCode.choices)
    title = models.CharField("nama jabatan", max_length=200)
    reports_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subordinates",
        verbose_name="atasan langsung",
    )
    duties = models.JSONField(
        "tugas dalam SOP", default=list, blank=True, validators=[validate_duties]
    )
    several_holders = models.BooleanField(
        "dapat dipegang beberapa orang sekaligus",
        default=False,
        help_text="Misalnya Pelaksana Subbagian Teknis: disposisi ke jabatan ini menyebut nama "
        "staf yang mengerjakannya, atau diserahkan kepada atasan jabatan untuk ditugaskan.",
    )

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["office", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "code"], name="position_code_unique_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def has_duty(self, duty: Duty) -> bool:
        return duty.value in self.duties

    @property
    def duty_labels(self) -> list[str]:
        return [str(Duty(value).label) for value in self.duties if value in Duty.values]

    def clean(self) -> None:
        if self.code and self.code not in PositionCode.values:
            raise ValidationError({"code": f"Kode jabatan tidak dikenal: {self.code}."})
        if self.reports_to_id and self.reports_to is not None:
            if self.reports_to.office_id != self.office_id:
                raise ValidationError({"reports_to": "Atasan harus jabatan di kantor yang sama."})
            if self.pk and self.reports_to_id == self.pk:
                raise ValidationError(
                    {"reports_to": "Jabatan tidak dapat menjadi atasannya sendiri."}
                )


class AssignmentKind(models.TextChoices):
    DEFINITIVE = "definitive", "Definitif"
    PLT = "plt", "Plt. (Pelaksana Tugas)"
    PLH = "plh", "Plh. (Pelaksana Harian)"


class Assignment(models.Model):
    """A user holds a position, definitively or as acting official (Plt/Plh), for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name="pengguna",
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name="jabatan"
    )
    kind = models.CharField(
        "jenis penugasan",
        max_length=16,
        choices=AssignmentKind.choices,
        default=AssignmentKind.DEFINITIVE,
    )
    starts_on = models.DateField("mulai")
    ends_on = models.DateField("berakhir", null=True, blank=True)
    decree_reference = models.CharField("dasar penugasan (nomor SK)", max_length=200, blank=True)
    employee_number = models.CharField("NIP", max_length=32, blank=True)
    # How the certification authority (BSrE, a CSC provider) knows the holder: the signer's
    # record for remote signing (signing.backends). Empty when the office signs locally.
    signing_nik = models.CharField(
        "NIK (tanda tangan elektronik)",
        max_length=16,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{16}$", "NIK terdiri atas 16 angka.")],
    )
    signing_email = models.EmailField("e-mail (tanda tangan elektronik)", blank=True)

    class Meta:
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"
        ordering = ["position", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        prefix = "" if self.kind == AssignmentKind.DEFINITIVE else f"{self.get_kind_display()} "
        return f"{prefix}{self.position} — {self.user.get_full_name() or self.user.get_username()}"

    @property
    def is_acting(self) -> bool:
        return self.kind != AssignmentKind.DEFINITIVE

    @property
    def signature_prefix(self) -> str:
        """Plt./Plh. before the position title on letters, as Tata Naskah Dinas writes it."""
        return {AssignmentKind.PLT: "Plt. ", AssignmentKind.PLH: "Plh. "}.get(
            AssignmentKind(self.kind), ""
        )

    def is_active_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlapping(self) -> models.QuerySet["Assignment"]:
        """Assignments of the same position whose periods share at least one day with this."""
        queryset = Assignment.objects.filter(position_id=self.position_id).exclude(pk=self.pk)
        if self.ends_on is not None:
            queryset = queryset.filter(starts_on__lte=self.ends_on)
        return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "Tanggal berakhir penugasan tidak boleh sebelum tanggal mulai."}
            )
        if not self.position_id or not self.starts_on:
            return
        overlapping = self.overlapping()
        if overlapping.filter(user_id=self.user_id).exists():
            raise ValidationError(
                "Pengguna ini sudah memegang jabatan yang sama pada periode yang bertumpang tindih."
            )
        if self.kind == AssignmentKind.DEFINITIVE and not self.position.several_holders:
            clash = overlapping.filter(kind=AssignmentKind.DEFINITIVE).first()
            if clash is not None:
                raise ValidationError(
                    f"Jabatan {self.position} sudah dipegang secara definitif oleh "
                    f"{clash.user.get_full_name() or clash.user.get_username()} "
                    "pada periode yang bertumpang tindih."
                )
        elif self.kind != AssignmentKind.DEFINITIVE:
            clash = overlapping.exclude(kind=AssignmentKind.DEFINITIVE).first()
            if clash is not None:
                raise ValidationError(
                    f"Periode {self.get_kind_display()} bertumpang tindih dengan "
                    f"{clash.get_kind_display()} "
                    f"{clash.user.get_full_name() or clash.user.get_username()} "
                    f"untuk jabatan {self.position}."
                )


class ChainPurpose(models.TextChoices):
    DISPOSITION = "disposition", "Disposisi berjenjang"
    REVIEW = "review", "Paraf koordinasi berjenjang"


class Chain(models.Model):
    """An office's route for a kind of step, as data. Editing it changes only steps not yet
    taken: every completed step records the positions that applied then."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="chains")
    purpose = models.CharField("untuk", max_length=16, choices=ChainPurpose.choices)
    allow_skip = models.BooleanField(
        "boleh melompati jenjang",
        default=False,
        help_text="Bila aktif, pejabat dapat meneruskan langsung ke jenjang yang lebih bawah.",
    )

    class Meta:
        verbose_name = "alur berjenjang"
        verbose_name_plural = "alur berjenjang"
        constraints = [
            models.UniqueConstraint(fields=["office", "purpose"], name="chain_unique_per_purpose")
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — {self.office.code}"


class ChainLink(models.Model):
    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="links")
    order = models.PositiveSmallIntegerField("urutan")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "jenjang"
        verbose_name_plural = "jenjang"
        ordering = ["chain", "order"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "order"], name="chain_link_order_unique"),
            models.UniqueConstraint(
                fields=["chain", "position"], name="chain_link_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.position}"

    def clean(self) -> None:
        if self.position_id and self.chain_id and self.position.office_id != self.chain.office_id:
            raise ValidationError({"position": "Jenjang harus jabatan di kantor yang sama."})


class OfficeClosure(models.Model):
    """A day or days the office itself is closed beyond the national holidays and cuti bersama
    (set by the Sekretaris, `calendar_services.office_closure_add`): not a working day in its
    calendar (`organization/calendar.py`)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="closures")
    starts_on = models.DateField("mulai tanggal")
    ends_on = models.DateField("sampai tanggal")
    reason = models.CharField("alasan", max_length=200)
    created_at = models.DateTimeField("dicatat pada")

    class Meta:
        verbose_name = "hari tutup kantor"
        verbose_name_plural = "hari tutup kantor"
        ordering = ["office", "starts_on"]

    def __str__(self) -> str:
        return f"{self.starts_on} s.d. {self.ends_on}: {self.reason}"
