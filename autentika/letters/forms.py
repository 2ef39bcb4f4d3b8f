from typing import Any

from django import forms

from autentika.core.forms import StyledFormMixin
from autentika.letters.models import LetterKind


class DraftStartForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Jenis surat balasan", choices=LetterKind.choices)


class DraftEditForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Jenis surat", choices=LetterKind.choices)
    nature = forms.CharField(label="Sifat", max_length=40)
    attachment = forms.CharField(label="Lampiran", max_length=80)
    subject = forms.CharField(label="Hal", max_length=300)
    body = forms.CharField(
        label="Isi (pisahkan paragraf dengan baris kosong)",
        widget=forms.Textarea(attrs={"rows": 9}),
    )
    closing = forms.CharField(label="Penutup", widget=forms.Textarea(attrs={"rows": 3}))
    copies = forms.CharField(
        label="Tembusan (satu per baris)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The version number the editor was opened on (#28: a save over a newer one is refused).
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, printed_attachment: str = "", **kwargs: Any) -> None:
        """`printed_attachment`: the Lampiran line a letter with a data table always prints;
        shown, not editable, so the editor never says "-" while the letter says otherwise."""
        super().__init__(*args, **kwargs)
        if printed_attachment:
            field = self.fields["attachment"]
            field.disabled = True
            field.initial = printed_attachment
            self.initial["attachment"] = printed_attachment
            field.help_text = "Surat dengan tabel data selalu mencetak lampiran ini."

    def edits(self) -> dict[str, Any]:
        """What the drafter typed: the cleaned fields they could change."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not self.fields[name].disabled
        }


class StepBasisForm(forms.Form):
    """What a reviewer's page showed: the case's stamp and the version read (#28)."""

    based_on = forms.CharField(required=False, widget=forms.HiddenInput)
    based_on_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReturnForm(StyledFormMixin, StepBasisForm):
    note = forms.CharField(
        label="Catatan perbaikan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class SignForm(StyledFormMixin, forms.Form):
    password = forms.CharField(
        label="Kata sandi akun Anda", widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )
    passphrase = forms.CharField(
        label="Frasa sandi sertifikat tanda tangan elektronik",
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )
