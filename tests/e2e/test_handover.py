"""The signature tells Tata Usaha, who hands the letter over against a receipt; the receipt
book, the report and the dashboard, through the real screens."""

import re

from playwright.sync_api import expect


def test_hand_over_receipt_book_and_report(at_signer, official, signer_keys, login):
    draft = at_signer()
    case = draft.case
    page = login("ketua")
    page.get_by_role("link", name="Kotak Masuk").click()
    page.get_by_role("link", name=case.agenda_label).click()  # opens the signing page
    page.get_by_label("Kata sandi akun Anda").fill("demo-autentika")
    page.get_by_label("Frasa sandi sertifikat tanda tangan elektronik").fill(signer_keys)
    page.get_by_role("button", name="Tanda tangani secara elektronik").click()
    expect(page.get_by_text("Surat ditandatangani secara elektronik.")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    page = login("tu")
    page.get_by_role("link", name=re.compile(r"^Notifikasi( \d+)?$")).click()
    expect(page.get_by_text(f"Permohonan agenda {case.agenda_label} menunggu di")).to_be_visible()
    page.get_by_role("button", name="Buka").first.click()
    page.get_by_role("link", name="Catat penyerahan").click()
    page.get_by_label("Nama penerima").fill("Budi Santoso")
    page.get_by_label("Jabatan di partai").fill("Sekretaris DPD")
    page.get_by_label("Nomor identitas").fill("12345")
    page.get_by_role("button", name="Simpan tanda terima").click()
    expect(page.get_by_text("NIK harus 16 angka")).to_be_visible()
    page.get_by_label("Nomor identitas").fill("1271011203850001")
    page.get_by_role("button", name="Simpan tanda terima").click()
    expect(page.get_by_text("Penyerahan dicatat: tanda terima Nomor 1/TT/")).to_be_visible()
    expect(page.locator("#serah-terima")).to_contain_text("1271********0001")

    page.get_by_role("link", name="Buku Tanda Terima", exact=True).click()
    page.get_by_label("Cari").fill("budi")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("cell", name="1271********0001")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh (XLSX)").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")

    page.get_by_role("link", name="Laporan", exact=True).click()
    expect(page.locator("svg")).to_be_visible()
    expect(page.get_by_role("row", name="Surat diserahkan 1")).to_be_visible()
    page.get_by_role("link", name="Dasbor", exact=True).click()
    expect(page.get_by_text("Menunggu penyerahan")).to_be_visible()
