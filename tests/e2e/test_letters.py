"""Drafting, tiered initials and the electronic signature, through the real screens."""

from playwright.sync_api import Page, expect


def _open_case(page: Page, agenda: str) -> None:
    page.get_by_role("link", name="Kotak Masuk").click()
    page.get_by_role("link", name=agenda).click()


def _logout(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()


def test_draft_initials_and_signature(at_drafter, official, signer_keys, login):
    case = at_drafter()
    page = login("pelaksana")
    _open_case(page, case.agenda_label)
    page.get_by_label("Jenis surat balasan").select_option("certificate")
    page.get_by_role("button", name="Susun konsep balasan").click()
    expect(page.get_by_test_id("draft-state")).to_have_text("Disusun oleh pelaksana")
    body = page.get_by_label("Isi (pisahkan paragraf dengan baris kosong)")
    body.fill(body.input_value() + "\n\nDemikian keterangan ini dibuat untuk pengajuan bantuan.")
    expect(page.locator("#preview")).to_contain_text("untuk pengajuan bantuan", timeout=10_000)
    page.get_by_role("button", name="Simpan versi baru").click()
    expect(page.get_by_text("Versi baru konsep disimpan")).to_be_visible()
    page.get_by_role("button", name="Ajukan untuk paraf").click()
    expect(page.get_by_test_id("draft-state")).to_have_text("Dalam paraf berjenjang")
    _logout(page)

    for reviewer in ("kasubbag", "kabag", "sekretaris"):
        page = login(reviewer)
        _open_case(page, case.agenda_label)  # the inbox row opens the draft itself
        expect(page.get_by_test_id("diff")).to_contain_text("untuk pengajuan bantuan")
        page.get_by_role("button", name="Paraf dan teruskan").click()
        expect(page.get_by_text("Konsep diparaf dan diteruskan.")).to_be_visible()
        _logout(page)

    page = login("ketua")
    _open_case(page, case.agenda_label)  # the inbox row opens the signing page itself
    page.get_by_label("Kata sandi akun Anda").fill("demo-autentika")
    page.get_by_label("Frasa sandi sertifikat tanda tangan elektronik").fill(signer_keys)
    page.get_by_role("button", name="Tanda tangani secara elektronik").click()
    expect(page.get_by_text("Surat ditandatangani secara elektronik.")).to_be_visible()
    # The signer was asked first, in words naming what happens.
    assert any("tidak dapat diubah lagi" in message for message in page.dialogs)
    expect(page.get_by_text("Nomor surat: 1/PL.01.1-SD/12/")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF bertanda tangan").click(modifiers=["Alt"])
    assert download_info.value.suggested_filename.endswith(".pdf")
