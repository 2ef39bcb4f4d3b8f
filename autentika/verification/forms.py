from typing import Any

from django import forms

from autentika.core.forms import StyledFormMixin
from autentika.core.uploads import upload_limits_text
from autentika.letters.models import LetterStatus, SignedLetter
from autentika.verification.services import MAX_VERIFY_BYTES


class FileCheckForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label="Berkas PDF surat yang Anda pegang",
        help_text="PDF asli yang Anda terima. "
        + upload_limits_text(types="PDF", max_bytes=MAX_VERIFY_BYTES, pdf_rules=False),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if file.size is not None and file.size > MAX_VERIFY_BYTES:
            raise forms.ValidationError(
                f"Berkas berukuran {file.size / 1048576:.1f} MB; yang dapat diperiksa paling "
                f"besar {MAX_VERIFY_BYTES // 1048576} MB."
            )
        return file


class LetterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SignedLetter) -> str:  # type: ignore[override]
        return f"Nomor {obj.number} — {obj.case.party.short_name}, {obj.date:%d-%m-%Y}"


class RevokeForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="Alasan pencabutan (ditampilkan di halaman verifikasi)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    replacement = LetterChoiceField(
        label="Diganti dengan surat (boleh kosong)",
        queryset=SignedLetter.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, letter: SignedLetter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = (  # type: ignore[attr-defined]
            SignedLetter.objects.filter(
                office=letter.office,
                status=LetterStatus.VALID,
                case__party__short_name=letter.case.party.short_name,
                signed_at__gte=letter.signed_at,
            )
            .exclude(pk=letter.pk)
            .select_related("case__party")
        )
