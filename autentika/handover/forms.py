from typing import Any

from django import forms
from django.utils import timezone

from autentika.core.forms import StyledFormMixin
from autentika.core.periods import Period
from autentika.core.uploads import UPLOAD_ACCEPT, UPLOAD_LIMITS_TEXT
from autentika.handover.models import HandoverChannel, IdentityKind


class HandoverForm(StyledFormMixin, forms.Form):
    recipient_name = forms.CharField(label="Nama penerima", max_length=200)
    recipient_position = forms.CharField(label="Jabatan di partai", max_length=200, required=False)
    identity_kind = forms.ChoiceField(
        label="Jenis identitas",
        choices=[c for c in IdentityKind.choices if c[0] != IdentityKind.ACCOUNT],
    )
    identity_number = forms.CharField(label="Nomor identitas", max_length=32)
    handed_at = forms.DateTimeField(
        label="Tanggal dan waktu penyerahan",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    channel = forms.ChoiceField(
        label="Cara penyerahan",
        choices=[c for c in HandoverChannel.choices if c[0] != HandoverChannel.ONLINE],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handed_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class ScanForm(StyledFormMixin, forms.Form):
    scan = forms.FileField(
        label="Pindaian tanda terima bertanda tangan (PDF/JPG/PNG)",
        help_text=UPLOAD_LIMITS_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )


class ReceiptSearchForm(StyledFormMixin, forms.Form):
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
