from django import template

from autentika.core.formatting import (
    breakable,
    format_date_id,
    format_datetime_id,
    format_number_id,
)

register = template.Library()

register.filter("tanggal", format_date_id)
register.filter("tanggal_waktu", format_datetime_id)
register.filter("angka", format_number_id)
register.filter("pecah", breakable)
