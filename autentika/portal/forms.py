from typing import Any

from django import forms

from autentika.cases.forms import PartyChoiceField
from autentika.cases.models import PartyLevel, Purpose
from autentika.core.formatting import format_size_id
from autentika.core.forms import StyledFormMixin
from autentika.core.uploads import MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, UPLOAD_LIMITS_TEXT
from autentika.organization.models import Office
from autentika.portal.models import PartyAccount
from autentika.portal.selectors import party_choices
from autentika.results.models import Election, Party
from autentika.results.selectors import elections_of_office


def _too_big(file: Any) -> None:
    if file is not None and file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            f"Berkas berukuran {format_size_id(file.size)}; batasnya "
            f"{MAX_UPLOAD_BYTES // 1048576} MB."
        )


class SubmissionForm(StyledFormMixin, forms.Form):
    """The register's fields a party fills in itself, plus its signed, scanned letter."""

    party = PartyChoiceField(label="Partai", queryset=Party.objects.none())
    party_level = forms.ChoiceField(label="Tingkat kepengurusan", choices=PartyLevel.choices)
    letter_number = forms.CharField(label="Nomor surat permohonan", max_length=120)
    letter_date = forms.DateField(
        label="Tanggal surat permohonan",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    subject = forms.CharField(
        label="Perihal",
        max_length=300,
        initial="Permohonan data autentifikasi perolehan suara dan kursi",
    )
    elections = forms.ModelMultipleChoiceField(
        label="Pemilu yang dimohonkan",
        queryset=Election.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.ChoiceField(label="Keperluan", choices=Purpose.choices)
    purpose_note = forms.CharField(label="Keterangan keperluan", max_length=300, required=False)
    scan = forms.FileField(
        label="Pindaian surat permohonan yang sudah ditandatangani dan dicap (PDF, JPG, PNG)",
        help_text=UPLOAD_LIMITS_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )

    def __init__(self, *args: Any, account: PartyAccount, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = party_choices(account=account)
        self.fields["party"].queryset = parties  # type: ignore[attr-defined]
        if parties.count() == 1:
            self.fields["party"].initial = parties.first()
        self.fields["elections"].queryset = elections_of_office(office=account.office)  # type: ignore[attr-defined]
        if account.party_level:
            self.fields["party_level"].initial = account.party_level

    def clean_scan(self) -> Any:
        file = self.cleaned_data.get("scan")
        _too_big(file)
        return file


class AccountForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label="Nama pengguna", max_length=150)
    full_name = forms.CharField(label="Nama pengurus", max_length=200, required=False)
    email = forms.EmailField(label="Surel", required=False)
    party_short_name = forms.ChoiceField(label="Partai")
    party_level = forms.ChoiceField(
        label="Tingkat kepengurusan", choices=[("", "—"), *PartyLevel.choices], required=False
    )
    password = forms.CharField(
        label="Kata sandi awal", widget=forms.PasswordInput(render_value=False), min_length=8
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = (
            Party.objects.filter(election__office=office)
            .order_by("short_name")
            .values_list("short_name", flat=True)
            .distinct()
        )
        self.fields["party_short_name"].choices = [(n, n) for n in names]  # type: ignore[attr-defined]


class RegisterSubmissionForm(StyledFormMixin, forms.Form):
    duplicate_reason = forms.CharField(
        label="Alasan mencatat ulang surat yang sama",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="Alasan penolakan (dibaca partai)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TokenForm(StyledFormMixin, forms.Form):
    label = forms.CharField(label="Keterangan token", max_length=100, required=False)
