"""A party's letter number may be 120 characters with no place to break: it wraps on the
case page and the register page, and stays within the page on the Buku Registrasi, the
lembar disposisi and the intake receipt."""

from django.urls import reverse
from django.utils import timezone

from tests.pdf import pdf_words_beyond_the_page

LONG_NUMBER = ("045/DPD-PARTAI/" + "Z" * 120)[:120]


def test_a_long_letter_number_wraps_on_the_case_and_register_pages(
    client, demo_user, register, official_without_figures
):
    case = register(letter_number=LONG_NUMBER)
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'class="col-7 text-break" data-testid="letter-number">{LONG_NUMBER}<' in page
    listing = client.get(reverse("cases:register")).content.decode()
    assert f'<td class="text-break">{LONG_NUMBER}<br>' in listing


def test_a_long_letter_number_stays_within_the_printed_pages(
    client, demo_user, register, official_without_figures
):
    case = register(letter_number=LONG_NUMBER)
    client.force_login(demo_user("tu"))
    book = client.get(
        reverse("cases:register_export", args=["pdf"]), {"year": timezone.localdate().year}
    ).content
    sheet = client.get(reverse("cases:sheet", args=[case.pk])).content
    receipt = client.get(reverse("cases:intake_receipt", args=[case.pk])).content
    for pdf in (book, sheet, receipt):
        assert pdf_words_beyond_the_page(pdf) == []
