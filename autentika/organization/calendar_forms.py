"""Forms of the office's calendar settings (`calendar_views.py`)."""

from typing import Any

from django import forms

from autentika.organization.models import Office, OfficeTimeZone


class OfficeHoursForm(forms.Form):
    time_zone = forms.ChoiceField(label="Zona waktu", choices=OfficeTimeZone.choices)
    work_starts = forms.TimeField(
        label="Jam kerja mulai", widget=forms.TimeInput(attrs={"type": "time"})
    )
    work_ends = forms.TimeField(
        label="Jam kerja selesai",
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Permohonan yang diterima sesudah jam ini dihitung mulai hari kerja berikutnya.",
    )

    @classmethod
    def for_office(cls, office: Office, data: Any = None) -> "OfficeHoursForm":
        return cls(
            data,
            initial={
                "time_zone": office.time_zone,
                "work_starts": office.work_starts,
                "work_ends": office.work_ends,
            },
        )


class OfficeClosureForm(forms.Form):
    starts_on = forms.DateField(
        label="Mulai tanggal", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label="Sampai tanggal", widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label="Alasan", max_length=200)
