from playwright.sync_api import expect

CSV = (
    "dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi\n"
    'SUMATERA UTARA 11,5,4,Golkar,"120.500",3\n'
    "SUMATERA UTARA 11,5,3,PDI-P,61000,2\n"
)


def test_kasubbag_creates_an_election_uploads_previews_and_confirms(sumut, login):
    page = login("kasubbag")
    page.get_by_role("link", name="Arsip Hasil").click()
    expect(page.get_by_role("heading", name="Arsip Hasil Pemilu")).to_be_visible()
    page.get_by_role("link", name="Catat pemilu").click()
    page.get_by_label("Kode pemilu").fill("dprd-uji-2024")
    page.get_by_label("Tahun").fill("2024")
    page.get_by_label("Lembaga").select_option("DPRD_PROVINSI")
    page.get_by_label("Nama", exact=True).fill("Pemilu DPRD Provinsi Uji 2024")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name="Pemilu DPRD Provinsi Uji 2024")).to_be_visible()

    page.get_by_role("link", name="Impor hasil").click()
    page.get_by_label("Berkas hasil").set_input_files(
        files=[{"name": "hasil-uji.csv", "mimeType": "text/csv", "buffer": CSV.encode()}]
    )
    page.get_by_label("Nomor keputusan").fill("7 Tahun 2024")
    page.get_by_label("Tanggal keputusan").fill("2024-05-28")
    page.get_by_label("Judul keputusan").fill("Penetapan hasil uji")
    page.get_by_label("Status").select_option("sample")
    page.get_by_role("button", name="Periksa dan lihat pratinjau").click()

    expect(page.get_by_role("heading", name="Pratinjau impor")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text("Akan dibuat versi 1")
    expect(page.locator("#preview-parties")).to_contain_text("181.500")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()

    expect(page.get_by_role("heading", name="Pemilu DPRD Provinsi Uji 2024")).to_be_visible()
    expect(page.locator("[data-banner=sample]")).to_contain_text("SAMPEL")
    totals = page.locator("#party-totals")
    expect(totals).to_contain_text("120.500")
    expect(totals.locator("tfoot")).to_contain_text("181.500")
    expect(page.locator("#dapil-totals")).to_contain_text("SUMATERA UTARA 11")
