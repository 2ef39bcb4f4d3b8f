"""Party portal, Tata Usaha's queue, public verification and revocation, through the real
screens."""

from playwright.sync_api import expect

from tests.support.documents import scan_pdf
from tests.support.portal import PARTY_PASSWORD


def test_party_submits_tu_registers_anyone_verifies_signer_revokes(
    sumut,
    official,
    sign,
    login,
    page,
    tmp_path,
):
    letter = sign()  # an earlier Golkar request, already signed
    scan = tmp_path / "permohonan.pdf"
    scan.write_bytes(scan_pdf())

    # Tata Usaha creates the party's account
    login("tu")
    page.get_by_role("link", name="Akun Partai").click()
    page.get_by_label("Nama pengguna").fill("golkar-sumut")
    page.get_by_label("Nama pengurus").fill("Rina Pengurus")
    page.get_by_label("Partai").select_option("Golkar")
    page.get_by_label("Kata sandi awal").fill(PARTY_PASSWORD)
    page.get_by_role("button", name="Buat akun").click()
    expect(page.get_by_text("Akun golkar-sumut untuk Golkar dibuat")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    # the party submits online
    login("golkar-sumut", PARTY_PASSWORD)
    page.get_by_role("link", name="Portal Partai").click()
    page.get_by_role("link", name="Ajukan permohonan baru").click()
    page.get_by_label("Tingkat kepengurusan").select_option("DPD")
    page.get_by_label("Nomor surat permohonan").fill("88/DPD-GOLKAR/II/2025")
    page.get_by_label("Tanggal surat permohonan").fill("2025-02-03")
    page.get_by_label(official.name).check()
    page.get_by_label("Pindaian surat permohonan", exact=False).set_input_files(str(scan))
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page.get_by_text("Permohonan terkirim")).to_be_visible()
    expect(page.get_by_test_id("submission-state")).to_have_text("Menunggu dicatat Tata Usaha")
    page.get_by_role("button", name="Keluar").click()

    # Tata Usaha registers it from the queue
    login("tu")
    page.get_by_role("link", name="Permohonan Daring", exact=True).click()
    page.get_by_role("link", name="88/DPD-GOLKAR/II/2025").click()
    page.get_by_role("button", name="Catat").click()
    expect(page.get_by_text("Permohonan daring dicatat dengan nomor agenda")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    # the party follows it and downloads its earlier letter
    login("golkar-sumut", PARTY_PASSWORD)
    page.get_by_role("link", name="Portal Partai").click()
    page.get_by_role("link", name=letter.case.agenda_label).click()
    expect(page.locator("[data-step-status=done]")).to_have_count(7)
    page.get_by_role("link", name="Kembali").click()
    page.get_by_role("link", name="Portal Partai").click()
    page.get_by_role("link", name="Terima surat").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Terima dan unduh surat").click()
    pdf_path = tmp_path / "unduhan.pdf"
    download.value.save_as(pdf_path)
    assert pdf_path.read_bytes() == bytes(letter.pdf)
    page.get_by_role("button", name="Keluar").click()

    # anyone: the verification page, and the PDF checked against it (a phone-sized screen)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/verifikasi/{letter.verification_token}/")
    expect(page.get_by_test_id("letter-status")).to_contain_text("Surat ini sah dan berlaku")
    expect(page.get_by_test_id("letter-number")).to_have_text(letter.number)
    page.get_by_label("Berkas PDF surat yang Anda pegang").set_input_files(str(pdf_path))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("sama persis")
    page.set_viewport_size({"width": 1280, "height": 900})

    # the signer revokes it; the public page says so
    login("ketua")
    page.get_by_role("link", name="Pencabutan Surat").click()
    page.get_by_role("link", name="Cabut / ganti").click()
    page.get_by_label("Alasan pencabutan", exact=False).fill("Hasil dikoreksi putusan MK")
    page.get_by_role("button", name="Cabut surat").click()
    expect(page.get_by_text(f"Surat Nomor {letter.number} dicabut.")).to_be_visible()
    page.goto(f"/verifikasi/{letter.verification_token}/")
    expect(page.get_by_test_id("letter-status")).to_contain_text("Surat ini telah dicabut")
    expect(page.get_by_test_id("letter-status")).to_contain_text("Hasil dikoreksi putusan MK")
