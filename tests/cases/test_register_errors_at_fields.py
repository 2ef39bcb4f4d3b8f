"""Tata Usaha's registration form marks the scan as needed and names a missing one at its
field, not above the form."""

import pytest
from django.urls import reverse

from tests.cases.test_views import _form


def _field_errors(page: str, field: str) -> str:
    start = page.index(f'id="id_{field}-errors"')
    return page[start : page.index("</div></div>", start)]


@pytest.mark.django_db
def test_tata_usaha_form_marks_the_scan_needed_and_names_it_missing(
    client, demo_user, golkar, official_without_figures
):
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:create")).content.decode()
    label = page[page.index('for="id_letter_scan"') :]
    assert label.index('<span class="text-danger">*</span>') < label.index("</label>")
    data = _form(golkar, official_without_figures)
    del data["letter_scan"]
    page = client.post(reverse("cases:create"), data).content.decode()
    assert "Pindaian surat permohonan wajib diunggah." in _field_errors(page, "letter_scan")
