"""The outgoing-letter register: every signed letter of the office in number order, as a page,
a PDF and a spreadsheet, filtered like the page."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_register_lists_the_signed_letters_in_number_order(client, demo_user, official, sign):
    first, second = sign(), sign()
    client.force_login(demo_user("tu"))
    page = client.get(reverse("letters:outgoing")).content.decode()
    assert page.index(first.number) < page.index(second.number)
    year = {"year": timezone.localdate().year}
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("letters:outgoing_export", args=["xlsx"]), year).content)
    ).active
    numbers = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert numbers == [first.number, second.number]
    text = pdf_text(client.get(reverse("letters:outgoing_export", args=["pdf"]), year).content)
    assert "BUKU AGENDA SURAT KELUAR" in text
    assert first.number in text and second.number in text


def test_a_search_filters_the_page_and_the_books(client, demo_user, official, sign):
    first, second = sign(), sign()
    client.force_login(demo_user("tu"))
    query = {"year": timezone.localdate().year, "q": second.number}
    page = client.get(reverse("letters:outgoing"), query).content.decode()
    assert second.number in page and first.number not in page
    text = pdf_text(client.get(reverse("letters:outgoing_export", args=["pdf"]), query).content)
    assert second.number in text and first.number not in text


def test_the_register_is_in_the_menu_of_every_staff_member(client, demo_user, official):
    for name in ("tu", "ketua", "pelaksana"):
        client.force_login(demo_user(name))
        assert reverse("letters:outgoing") in client.get(reverse("home")).content.decode()
