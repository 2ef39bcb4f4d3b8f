"""The forms of the office settings page. They check the shape of each value; the rules live in
`settings_services` and `structure_services`, whose refusals land at the field they name."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from autentika.core.forms import StyledFormMixin, form_errors_add
from autentika.core.permissions import Duty
from autentika.organization.models import (
    AssignmentKind,
    ChainPurpose,
    Office,
    Position,
    PositionCode,
)
from autentika.organization.settings_services import OFFICE_LOGO_LIMITS_TEXT


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfficeProfileForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label="Nama kantor", max_length=200)
    letterhead_lines = forms.CharField(
        label="Baris kop surat",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu baris per baris kop, dari atas ke bawah.",
        error_messages={"required": "Kop surat harus memuat sedikitnya satu baris."},
    )
    address = forms.CharField(label="Alamat", widget=forms.Textarea(attrs={"rows": 2}))
    city = forms.CharField(label="Kota (untuk baris tanggal surat)", max_length=80)
    telephone = forms.CharField(label="Telepon", max_length=60, required=False)
    email = forms.EmailField(
        label="Pos-el (e-mail)",
        required=False,
        error_messages={"invalid": "Alamat pos-el tidak sah, misalnya kpu@sumut.kpu.go.id."},
    )
    website = forms.CharField(
        label="Laman (website)",
        max_length=120,
        required=False,
        help_text="Misalnya sumut.kpu.go.id.",
    )
    paraf_on_archive_copy_only = forms.BooleanField(
        label="Tabel paraf koordinasi hanya dicetak pada salinan arsip", required=False
    )

    @classmethod
    def for_office(cls, office: Office, data: Any = None) -> "OfficeProfileForm":
        return cls(data, initial={name: getattr(office, name) for name in cls.base_fields})


class OfficeLogoForm(StyledFormMixin, forms.Form):
    logo = forms.FileField(
        label="Logo kantor (PNG atau JPG, paling besar 1 MB)",
        help_text=OFFICE_LOGO_LIMITS_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )


class PositionForm(StyledFormMixin, forms.Form):
    code = forms.ChoiceField(label="Kode jabatan (SOP)", choices=PositionCode.choices)
    title = forms.CharField(label="Nama jabatan", max_length=200)
    reports_to = forms.ModelChoiceField(
        label="Atasan langsung",
        queryset=Position.objects.none(),
        required=False,
        empty_label="(tidak ada: pimpinan tertinggi)",
    )
    duties = forms.MultipleChoiceField(
        label="Tugas dalam SOP",
        choices=Duty.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    several_holders = forms.BooleanField(
        label="Dapat dipegang beberapa orang sekaligus", required=False
    )

    def __init__(
        self, *args: Any, office: Office, position: Position | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reports_to"].queryset = Position.objects.filter(office=office)  # type: ignore[attr-defined]
        if position is not None:
            del self.fields["code"]
        else:
            taken = set(Position.objects.filter(office=office).values_list("code", flat=True))
            self.fields["code"].choices = [  # type: ignore[attr-defined]
                choice for choice in PositionCode.choices if choice[0] not in taken
            ]

    @classmethod
    def for_position(cls, position: Position, data: Any = None) -> "PositionForm":
        initial = {
            "title": position.title,
            "reports_to": position.reports_to_id,
            "duties": list(position.duties),
            "several_holders": position.several_holders,
        }
        return cls(data, office=position.office, position=position, initial=initial)


def _staff_users() -> Any:
    """Active users who are not party accounts (those have no position)."""
    users = get_user_model().objects.filter(is_active=True)
    if any(field.name == "party_account" for field in get_user_model()._meta.get_fields()):
        users = users.filter(party_account__isnull=True)
    return users.order_by("first_name", "last_name", "username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:  # type: ignore[override]
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class AssignmentForm(StyledFormMixin, forms.Form):
    user = UserChoiceField(label="Pengguna", queryset=get_user_model().objects.none())
    position = forms.ModelChoiceField(label="Jabatan", queryset=Position.objects.none())
    kind = forms.ChoiceField(label="Jenis penugasan", choices=AssignmentKind.choices)
    starts_on = forms.DateField(label="Mulai", widget=_date_input())
    ends_on = forms.DateField(
        label="Berakhir",
        required=False,
        help_text="Kosongkan bila belum ditentukan.",
        widget=_date_input(),
    )
    decree_reference = forms.CharField(
        label="Dasar penugasan (nomor SK atau surat perintah)", max_length=200, required=False
    )

    def __init__(self, *args: Any, office: Office, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["user"]
            del self.fields["position"]
        else:
            self.fields["user"].queryset = _staff_users()  # type: ignore[attr-defined]
            self.fields["position"].queryset = Position.objects.filter(office=office)  # type: ignore[attr-defined]


class ChainForm(StyledFormMixin, forms.Form):
    """The route of one purpose: a select per step, in order; empty steps are left out."""

    allow_skip = forms.BooleanField(label="Boleh melompati jenjang", required=False)

    def __init__(
        self, *args: Any, office: Office, purpose: str, current: list[Position], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", purpose)
        super().__init__(*args, **kwargs)
        self.purpose = ChainPurpose(purpose)
        positions = Position.objects.filter(office=office)
        for step in range(1, positions.count() + 1):
            self.fields[f"step_{step}"] = forms.ModelChoiceField(
                label=f"Jenjang {step}",
                queryset=positions,
                required=False,
                empty_label="(kosong)",
                initial=current[step - 1].pk if step <= len(current) else None,
            )
            # added after StyledFormMixin styled the declared fields
            self.fields[f"step_{step}"].widget.attrs["class"] = "form-select"
        self.fields["allow_skip"] = self.fields.pop("allow_skip")  # below the steps

    def step_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("step_")]

    def positions(self) -> list[Position]:
        return [
            self.cleaned_data[name]
            for name in self.fields
            if name.startswith("step_") and self.cleaned_data.get(name) is not None
        ]

    def errors_add(self, error: ValidationError) -> None:
        """A refusal of `chain_change`: each problem at the step it names, else above."""
        problems = getattr(error, "error_dict", {}).get("positions")
        if problems is None:
            form_errors_add(self, error)
            return
        filled = [
            name
            for name in self.fields
            if name.startswith("step_") and self.cleaned_data.get(name) is not None
        ]
        for problem in problems:
            step = (problem.params or {}).get("step")
            field = filled[step - 1] if step else None
            self.add_error(field, problem)
        for name in self.errors:
            if name in self.fields and "is-invalid" not in self.fields[name].widget.attrs.get(
                "class", ""
            ):
                self.fields[name].widget.attrs["class"] += " is-invalid"
