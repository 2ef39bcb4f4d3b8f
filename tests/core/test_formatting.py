import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from autentika.core.formatting import format_date_id, format_datetime_id, format_number_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 1, 5), "5 Januari 2024"),
        (dt.date(2024, 5, 28), "28 Mei 2024"),
        (dt.date(2019, 8, 31), "31 Agustus 2019"),
        (dt.date(2024, 12, 1), "1 Desember 2024"),
        (None, ""),
    ],
)
def test_date_is_written_in_full_indonesian(value, expected):
    assert format_date_id(value) == expected


def test_aware_datetime_is_shown_in_jakarta_time(settings):
    utc_evening = dt.datetime(2024, 1, 4, 20, 30, tzinfo=ZoneInfo("UTC"))
    assert format_date_id(utc_evening) == "5 Januari 2024"
    assert format_datetime_id(utc_evening) == "5 Januari 2024 pukul 03.30 WIB"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (-1500, "-1.500"),
        ("20071708", "20.071.708"),
        (None, ""),
    ],
)
def test_numbers_use_dot_thousands(value, expected):
    assert format_number_id(value) == expected


def test_file_sizes_are_written_the_indonesian_way():
    from autentika.core.formatting import format_size_id

    assert format_size_id(11 * 1048576) == "11 MB"  # never "11.0 MB"
    assert format_size_id(11 * 1048576 + 524288) == "11,5 MB"
    assert format_size_id(314573) == "0,3 MB"


def test_a_refused_upload_states_its_size_the_indonesian_way():
    import pytest
    from django.core.exceptions import ValidationError

    from autentika.core.uploads import Upload, upload_check

    with pytest.raises(ValidationError) as refusal:
        upload_check(Upload("besar.pdf", b"%PDF-" + b"0" * (11 * 1048576)), label="Pindaian")
    assert "berukuran 11 MB; batasnya 10 MB." in refusal.value.messages[0]
