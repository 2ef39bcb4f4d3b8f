"""Registration by Tata Usaha and the first disposition, through the real screens."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.support.documents import scan_pdf


def test_tu_registers_and_the_ketua_disposes(
    sumut, official_without_figures, golkar, login, tmp_path
):
    scan = tmp_path / "surat-permohonan.pdf"
    scan.write_bytes(scan_pdf())
    page = login("tu")
    page.get_by_role("link", name="Buku Registrasi").click()
    page.get_by_role("link", name="Catat permohonan baru").click()
    party = "Golkar — Partai Golongan Karya"
    page.get_by_label("Partai pemohon").select_option(label=party)
    page.get_by_label("Tingkat kepengurusan").select_option("DPD")
    page.get_by_label("Nomor surat partai").fill("123/DPD-GOLKAR/2025")
    page.get_by_label("Tanggal surat partai").fill("2025-01-06")
    page.get_by_label("Perihal").fill("Permohonan data autentifikasi perolehan suara")
    page.get_by_label("Pemilu Anggota DPRD Provinsi Sumatera Utara 2024").check()
    page.get_by_label("Pindaian surat permohonan (PDF, JPG, PNG)").set_input_files(str(scan))
    page.get_by_role("button", name="Catat dalam Buku Registrasi").click()
    expect(page.get_by_text("Permohonan dicatat dengan nomor agenda 1/")).to_be_visible()
    expect(page.get_by_test_id("case-state")).to_have_text("Disposisi berjenjang")
    page.get_by_role("button", name="Keluar").click()

    page = login("ketua")
    page.get_by_role("link", name="Kotak Masuk").click()
    page.get_by_role("link", name="1/", exact=False).first.click()
    page.get_by_label("Instruksi").select_option(label="Siapkan balasan")
    page.get_by_label("Sifat").select_option(label="Segera")
    page.get_by_label("Catatan").fill("Mohon diproses sesuai SOP")
    page.get_by_role("button", name="Teruskan").click()
    expect(
        page.get_by_text("Didisposisikan kepada Sekretaris KPU Provinsi Sumatera Utara")
    ).to_be_visible()
    expect(page.get_by_text("belum dibaca")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    page = login("sekretaris")
    page.get_by_role("link", name="Kotak Masuk").click()
    page.get_by_role("link", name="1/", exact=False).first.click()
    expect(page.get_by_text("dibaca", exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", name="Disposisikan")).to_be_visible()


def test_the_case_page_shows_the_scan_inline(register, official_without_figures, login):
    """Staff see the request letter's scan on the case page itself, as an image of its pages
    every browser shows (a PDF in a frame is an empty box on Chrome for Android), without
    downloading it."""
    case = register()
    page = login("tu")
    previews = []
    page.on("response", lambda r: previews.append(r) if "/pratinjau/" in r.url else None)
    page.goto(reverse("cases:detail", args=[case.pk]))
    expect(page.get_by_test_id("scan-preview")).to_be_visible()
    image = page.get_by_alt_text("Halaman-halaman surat-permohonan.pdf")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    page.wait_for_function(  # the image was drawn
        "() => [...document.images].some(i => i.alt.startsWith('Halaman-halaman')"
        " && i.complete && i.naturalWidth > 0)"
    )
    for _ in range(100):
        if previews:
            break
        page.wait_for_timeout(100)
    assert previews, "the preview was not loaded"
    response = previews[0]
    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
