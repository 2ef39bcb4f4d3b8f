"""Indonesian formats as offices write them: "5 Januari 2024", "1.234.567"."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_date_id(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def format_datetime_id(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{format_date_id(value)} pukul {value:%H.%M} WIB"


def format_number_id(value: int | Decimal | str | None) -> str:
    """Whole numbers with dot thousands: 1234567 -> 1.234.567; -1500 -> -1.500."""
    if value is None or value == "":
        return ""
    number = int(value)
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")
