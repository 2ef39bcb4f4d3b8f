"""The screens docs/USER_GUIDE.md shows, one walk per role, each page checked for what its user
comes to do. With AUTENTIKA_SCREENSHOTS=1 the walk also writes the guide's pictures to
docs/screenshots/ (`AUTENTIKA_SCREENSHOTS=1 make e2e
PYTEST_ARGS=tests/e2e/test_user_guide_screenshots.py`); without it nothing is written."""

import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from autentika.cases.registration import case_register
from autentika.core.uploads import Upload
from autentika.letters.drafting import draft_create
from autentika.letters.review import draft_approve, draft_submit
from tests.support.documents import scan_pdf
from tests.support.portal import PARTY_PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ALL_IMAGES_LOADED = """() => Promise.all([...document.images].map((image) => {
  image.loading = "eager";
  return image.complete ? null : new Promise((done) => { image.onload = image.onerror = done; });
}))"""


def _shot(page: Page, name: str, heading: str) -> None:
    """The page shows its heading; with AUTENTIKA_SCREENSHOTS=1 it is also photographed."""
    expect(page.locator("h1").first).to_contain_text(re.compile(heading))
    if os.environ.get("AUTENTIKA_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # the page previews load lazily: the picture shows them as a reader scrolling would
        page.evaluate(ALL_IMAGES_LOADED)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _logout(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()


def _new_case(sumut, demo_user, archived):  # type: ignore[no-untyped-def]
    """A request just registered by Tata Usaha, waiting for the Ketua's disposition."""
    from django.utils import timezone

    now = timezone.now()
    return case_register(
        office=sumut,
        actor=demo_user("tu"),
        party=archived.parties.get(number=12),
        party_level="DPD",
        letter_number="017/DPW-PBB/SU/I/2025",
        letter_date=timezone.localdate(now),
        subject="Permohonan data autentifikasi perolehan suara dan kursi",
        elections=[archived],
        purpose="financial_aid",
        channel="walk_in",
        received_at=now,
        letter_scan=Upload("surat-permohonan.pdf", scan_pdf()),
    )


def test_staff_screens_of_the_user_guide(
    page: Page,
    login,
    sumut,
    demo_user,
    official,
    at_drafter,
    at_signer,
    sign,
):
    page.set_viewport_size({"width": 1280, "height": 800})
    fresh = _new_case(sumut, demo_user, official)
    drafting = at_drafter(party_number=5, letter_number="021/DPW-NASDEM/SU/2025")
    in_review = draft_create(case=at_drafter(), actor=demo_user("pelaksana"), kind="certificate")
    draft_submit(draft=in_review, actor=demo_user("pelaksana"))
    at_ketua = at_signer(party_number=12, letter_number="009/DPW-PBB/SU/2025")
    letter = sign(party_number=4)

    page = login("tu")
    _shot(page, "tata-usaha-beranda", "Selamat datang")
    page.goto("/permohonan/baru/")
    _shot(page, "tata-usaha-catat-permohonan", "Catat Surat Permohonan")
    page.goto("/permohonan/")
    _shot(page, "tata-usaha-buku-registrasi", "Buku Registrasi Surat Masuk")
    page.goto(f"/permohonan/{fresh.pk}/")
    expect(page.get_by_test_id("scan-preview").first).to_be_visible()
    _shot(page, "tata-usaha-permohonan", "Agenda")
    page.goto(f"/serah-terima/permohonan/{letter.case.pk}/serahkan/")
    _shot(page, "tata-usaha-serah-terima", "Catat penyerahan surat")
    _logout(page)

    page = login("ketua")
    page.goto("/kotak-masuk/")
    _shot(page, "ketua-kotak-masuk", "Kotak Masuk")
    page.goto(f"/permohonan/{fresh.pk}/")
    expect(page.get_by_role("button", name="Teruskan")).to_be_visible()
    _shot(page, "ketua-disposisi", "Agenda")
    page.goto(f"/konsep/{at_ketua.pk}/tandatangani/")
    expect(page.get_by_role("button", name="Tanda tangani secara elektronik")).to_be_visible()
    _shot(page, "ketua-tanda-tangan", "Tanda tangani surat balasan")
    page.goto("/tanda-tangan-massal/")
    _shot(page, "ketua-tanda-tangan-massal", "Tanda tangan massal")
    _logout(page)

    page = login("kasubbag")
    page.goto(f"/konsep/{in_review.pk}/")
    expect(page.get_by_role("button", name="Paraf dan teruskan")).to_be_visible()
    _shot(page, "kasubbag-paraf", "Konsep balasan")
    _logout(page)
    draft_approve(draft=in_review, actor=demo_user("kasubbag"))

    page = login("kabag")
    page.goto(f"/konsep/{in_review.pk}/")
    expect(page.get_by_role("button", name="Paraf dan teruskan")).to_be_visible()
    _shot(page, "kabag-paraf", "Konsep balasan")
    page.goto("/laporan/dasbor/")
    _shot(page, "kabag-dasbor", "Dasbor")
    _logout(page)
    draft_approve(draft=in_review, actor=demo_user("kabag"))

    page = login("sekretaris")
    page.goto(f"/konsep/{in_review.pk}/")
    expect(page.get_by_role("button", name="Paraf dan teruskan")).to_be_visible()
    _shot(page, "sekretaris-paraf", "Konsep balasan")
    page.goto("/laporan/")
    _shot(page, "sekretaris-laporan", "Laporan")
    page.goto(f"/kantor/{sumut.code}/pengaturan/")
    _shot(page, "sekretaris-pengaturan-kantor", "Pengaturan kantor")
    _logout(page)

    page = login("pelaksana")
    page.goto(f"/permohonan/{drafting.pk}/")
    page.get_by_label("Jenis surat balasan").select_option("certificate")
    page.get_by_role("button", name="Susun konsep balasan").click()
    expect(page.get_by_test_id("draft-state")).to_have_text("Disusun oleh pelaksana")
    _shot(page, "pelaksana-konsep", "Konsep balasan")
    page.goto("/hasil/")
    _shot(page, "pelaksana-arsip-hasil", "Arsip Hasil Pemilu")


def test_party_and_public_screens_of_the_user_guide(
    page: Page,
    login,
    official,
    party_user,
    sign,
):
    page.set_viewport_size({"width": 1280, "height": 800})
    party_user()
    letter = sign(party_number=4)

    page = login("golkar1", PARTY_PASSWORD)
    page.goto("/portal/")
    _shot(page, "partai-beranda", "Permohonan Golkar")
    page.goto("/portal/permohonan/baru/")
    _shot(page, "partai-ajukan-permohonan", "Ajukan permohonan")
    page.goto(f"/portal/permohonan/{letter.case.pk}/")
    _shot(page, "partai-status-permohonan", "Permohonan nomor agenda")
    _logout(page)

    page.goto(f"/verifikasi/{letter.verification_token}/")
    expect(page.get_by_text("Surat ini tercatat, ditandatangani secara elektronik")).to_be_visible()
    _shot(page, "publik-verifikasi", "sah")
