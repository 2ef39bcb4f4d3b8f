from typing import Any

from django import forms
from django.utils import timezone

from autentika.cases.models import (
    CaseState,
    Channel,
    Instruction,
    PartyLevel,
    Purpose,
    SecurityClass,
    Urgency,
)
from autentika.cases.registration import MAX_ATTACHMENTS
from autentika.cases.services import DISPOSITION_NOTE_MAX
from autentika.core.forms import StyledFormMixin
from autentika.core.periods import Period
from autentika.core.uploads import UPLOAD_ACCEPT, UPLOAD_LIMITS_TEXT, upload_limits_text
from autentika.organization.models import Assignment, Office, Position
from autentika.results.models import Election, Party
from autentika.results.selectors import elections_of_office, parties_of_office, parties_once


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Party) -> str:  # type: ignore[override]
        # Each party once; its name and number as in its latest election.
        return f"{obj.short_name} — {obj.full_name}" if obj.full_name else obj.short_name


# The request letter's fields, named alike on the register's form and the portal's.
LETTER_FIELDS = (
    "party",
    "party_level",
    "letter_number",
    "letter_date",
    "subject",
    "elections",
    "purpose",
    "purpose_note",
)


def letter_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The request letter's cleaned fields as the services take them."""
    return {name: list(data[name]) if name == "elections" else data[name] for name in LETTER_FIELDS}


class RegisterForm(StyledFormMixin, forms.Form):
    party = PartyChoiceField(label="Partai pemohon", queryset=Party.objects.none())
    party_level = forms.ChoiceField(label="Tingkat kepengurusan", choices=PartyLevel.choices)
    letter_number = forms.CharField(label="Nomor surat partai", max_length=120)
    letter_date = forms.DateField(
        label="Tanggal surat partai",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    subject = forms.CharField(label="Perihal", max_length=300)
    elections = forms.ModelMultipleChoiceField(
        label="Pemilu yang dimohonkan",
        queryset=Election.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.ChoiceField(label="Keperluan", choices=Purpose.choices)
    purpose_note = forms.CharField(label="Keterangan keperluan", max_length=300, required=False)
    channel = forms.ChoiceField(label="Cara surat masuk", choices=Channel.choices)
    received_at = forms.DateTimeField(
        label="Diterima pada",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    letter_scan = forms.FileField(
        label="Pindaian surat permohonan (PDF, JPG, PNG)",
        required=False,
        help_text=UPLOAD_LIMITS_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )
    attachments = MultipleFileField(
        label="Lampiran (boleh lebih dari satu)",
        required=False,
        help_text=upload_limits_text(count=MAX_ATTACHMENTS),
        widget=MultipleFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )
    duplicate_reason = forms.CharField(
        label="Alasan mencatat ulang surat yang sama",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
        )
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties_once(parties_of_office(office=office)).order_by(  # type: ignore[attr-defined]
            "number", "short_name"
        )
        self.fields["elections"].queryset = elections_of_office(office=office)  # type: ignore[attr-defined]
        # Needed, though not `required`: a scan kept from a refused attempt stands in for it.
        scan = self.fields["letter_scan"]
        scan.marked_required = True  # type: ignore[attr-defined]
        scan.widget.attrs["aria-required"] = "true"


NOTE_MAX_LENGTH = DISPOSITION_NOTE_MAX


def members_of(positions: list[Position]) -> Any:
    """Today's assignments of the staff holding these positions."""
    today = timezone.localdate()
    return (
        Assignment.objects.filter(position__in=positions, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .select_related("user", "position")
        .order_by("position_id", "user__first_name", "user__username")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Assignment) -> str:  # type: ignore[override]
        name = obj.user.get_full_name() or obj.user.get_username()
        return f"{obj.signature_prefix}{name} — {obj.position.title}"


class DisposeForm(StyledFormMixin, forms.Form):
    to_position = forms.ModelChoiceField(
        label="Diteruskan kepada", queryset=Position.objects.none()
    )
    # No instruction is assumed: the first level chooses one, and it carries down (#28).
    instruction = forms.ChoiceField(
        label="Instruksi", choices=[("", "— pilih instruksi —"), *Instruction.choices]
    )
    urgency = forms.ChoiceField(label="Sifat", choices=Urgency.choices)
    security_class = forms.ChoiceField(label="Klasifikasi", choices=SecurityClass.choices)
    due_on = forms.DateField(
        label="Batas waktu",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label="Catatan",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Paling banyak {NOTE_MAX_LENGTH} karakter.",
    )
    to_user = MemberChoiceField(
        label="Staf yang mengerjakan",
        required=False,
        queryset=Assignment.objects.none(),
        help_text="Untuk jabatan yang dipegang beberapa orang; kosongkan agar atasan jabatan "
        "itu yang menugaskan.",
    )
    # The case's stamp when the page was drawn (cases/workflow.py: case_stamp).
    based_on = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, targets: list[Position], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_position"]
        field.queryset = Position.objects.filter(pk__in=[p.pk for p in targets])  # type: ignore[attr-defined]
        if len(targets) == 1:
            field.initial = targets[0].pk
        shared = [p for p in targets if p.several_holders]
        if shared:
            self.fields["to_user"].queryset = members_of(shared)  # type: ignore[attr-defined]
        else:
            del self.fields["to_user"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        member = data.get("to_user")
        if member is not None and data.get("to_position") != member.position:
            self.add_error(
                "to_user",
                f"{member.user.get_full_name() or member.user.get_username()} memegang jabatan "
                f"{member.position.title}, bukan jabatan tujuan disposisi.",
            )
        return data


class AssignForm(StyledFormMixin, forms.Form):
    member = MemberChoiceField(label="Tugaskan kepada", queryset=Assignment.objects.none())

    def __init__(self, *args: Any, position: Position, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members_of([position])  # type: ignore[attr-defined]


class PeriodForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label="Tahun", required=False, min_value=2000, max_value=2100)
    date_from = forms.DateField(
        label="Dari",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="Sampai",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    q = forms.CharField(label="Cari", required=False)
    state = forms.ChoiceField(label="Tahap", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "Semua tahap"), *CaseState.choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start or end:
            if not (start and end):
                raise forms.ValidationError("Isi tanggal awal dan akhir periode, atau pilih tahun.")
            data["period"] = Period.between(start, end)
        else:
            data["period"] = Period.year(data.get("year") or timezone.localdate().year)
        return data
