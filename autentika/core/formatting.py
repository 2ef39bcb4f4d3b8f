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


def format_decimal_id(value: float, places: int = 2) -> str:
    """A measured quantity the Indonesian way: decimal comma, no trailing zeros
    (0,03; 12,5; 7)."""
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")


def format_size_id(size: int) -> str:
    """A file's size in megabytes the Indonesian way, one decimal at most (11 MB; 10,5 MB;
    0,3 MB), never "11.0 MB"."""
    return f"{format_decimal_id(size / 1048576, places=1)} MB"


LONG_TOKEN = 24
ZERO_WIDTH_SPACE = "\u200b"


def breakable(value: object) -> str:
    """Text whose long unbroken runs (a pasted URL, a run of one letter) may wrap: a zero-width
    space after every LONG_TOKEN characters of a run. Printed documents lay tables out by their
    longest word; without this one token pushes a table off the page."""
    words = str(value if value is not None else "").split(" ")
    return " ".join(
        ZERO_WIDTH_SPACE.join(word[i : i + LONG_TOKEN] for i in range(0, len(word), LONG_TOKEN))
        if len(word) > LONG_TOKEN
        else word
        for word in words
    )
