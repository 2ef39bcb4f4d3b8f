from django import forms
from django.core.exceptions import ValidationError

from autentika.core.uploads import Upload, upload_check, upload_limits_text
from autentika.results.import_types import MAX_FILE_BYTES, MAX_ROWS
from autentika.results.models import Decision, DecisionStatus, Election, Legislature


class BootstrapForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ElectionForm(BootstrapForm):
    code = forms.SlugField(
        label="Kode pemilu",
        max_length=60,
        help_text="Huruf kecil, angka dan tanda hubung, mis. dprd-sumut-2024.",
    )
    year = forms.IntegerField(label="Tahun", min_value=1955, max_value=2100)
    legislature = forms.ChoiceField(label="Lembaga", choices=Legislature.choices)
    name = forms.CharField(
        label="Nama", max_length=200, required=False, help_text="Kosongkan untuk nama baku."
    )
    threshold_percent = forms.DecimalField(
        label="Ambang batas parlemen (%)",
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text="Hanya DPR RI (4 sejak 2019). Kosongkan untuk DPRD.",
    )


class UploadForm(BootstrapForm):
    file = forms.FileField(
        label="Berkas hasil (CSV atau XLSX sesuai templat)",
        help_text=upload_limits_text(
            types="CSV atau XLSX", max_bytes=MAX_FILE_BYTES, pdf_rules=False
        )
        + f" Paling banyak {MAX_ROWS:,} baris".replace(",", ".")
        + "; lihat templat untuk kolomnya.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    decision = forms.ModelChoiceField(
        label="Keputusan yang sudah dicatat",
        queryset=Decision.objects.none(),
        required=False,
        empty_label="— catat keputusan baru di bawah —",
    )
    number = forms.CharField(label="Nomor keputusan", max_length=120, required=False)
    date = forms.DateField(
        label="Tanggal keputusan",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title = forms.CharField(
        label="Judul keputusan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(
        label="Status",
        choices=DecisionStatus.choices,
        initial=DecisionStatus.OFFICIAL,
        help_text="Untuk keputusan baru; status keputusan yang sudah dicatat tidak berubah.",
    )
    document = forms.FileField(
        label="Berkas SK bertanda tangan (PDF, boleh menyusul)",
        required=False,
        help_text=upload_limits_text(types="PDF"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args: object, election: Election, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        decision_field = self.fields["decision"]
        assert isinstance(decision_field, forms.ModelChoiceField)
        decision_field.queryset = election.decisions.order_by("-date", "-id")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"Berkas terlalu besar; batasnya {MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        return upload

    def clean_document(self) -> object:
        upload = self.cleaned_data.get("document")
        if upload is None:
            return None
        content = upload.read()
        upload.seek(0)
        try:
            kind = upload_check(Upload(upload.name, content), label="Berkas SK")
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        if kind != "application/pdf":
            raise forms.ValidationError("Berkas SK harus PDF.")
        return upload

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("decision"):
            for name in ("number", "date", "title"):
                if not data.get(name):
                    self.add_error(name, "Wajib diisi bila keputusan baru dicatat.")
        return data
