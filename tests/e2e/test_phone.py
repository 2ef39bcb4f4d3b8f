"""On a phone (375 px): the staff menu folds behind "Menu" instead of taking half the screen,
and the case, register, draft and signing pages of a request with a 120-character letter
number scroll only downwards."""

from playwright.sync_api import expect

LONG_NUMBER = ("045/DPD-PARTAI/" + "W" * 120)[:120]
PHONE = {"width": 375, "height": 740}


WIDTH = "document.documentElement.clientWidth"
FITS = f"document.documentElement.scrollWidth <= {WIDTH}"
TOO_WIDE = f"""() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > {WIDTH} + 1).slice(0, 8)
  .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"""


def _no_sideways_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.evaluate(FITS))


def _too_wide(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The elements reaching past the viewport's right edge, to name in a failure."""
    return list(page.evaluate(TOO_WIDE))


def test_pages_fit_a_phone_with_the_longest_letter_number(at_signer, official, login):
    draft = at_signer(letter_number=LONG_NUMBER)
    page = login("ketua")
    page.set_viewport_size(PHONE)
    for url in (
        f"/permohonan/{draft.case_id}/",
        "/permohonan/",
        f"/konsep/{draft.pk}/",
        f"/konsep/{draft.pk}/tandatangani/",
    ):
        page.goto(url)
        assert _no_sideways_scroll(page), (url, _too_wide(page))


def test_the_staff_menu_folds_on_a_phone(at_signer, official, login):
    at_signer()
    page = login("ketua")
    page.set_viewport_size(PHONE)
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="Kotak Masuk")).to_be_hidden()
    box = page.locator("nav.app-navbar").bounding_box()
    assert box is not None and box["height"] < PHONE["height"] * 0.15
    menu.click()
    expect(page.get_by_role("link", name="Kotak Masuk")).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
