"""The text of the public service page that is data: an office adapts it here."""

LEGAL_BASIS = [
    "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum.",
    "Peraturan KPU Nomor 14 Tahun 2020 tentang Tugas, Fungsi, Susunan Organisasi, dan Tata "
    "Kerja Sekretariat Jenderal KPU, Sekretariat KPU Provinsi, dan Sekretariat KPU "
    "Kabupaten/Kota.",
    "Peraturan KPU Nomor 8 Tahun 2022 tentang Perubahan atas Peraturan KPU Nomor 2 Tahun 2021 "
    "tentang Tata Naskah Dinas KPU, KPU Provinsi, dan KPU Kabupaten/Kota.",
    "SOP Pemberian Data Autentifikasi Perolehan Suara Partai Politik KPU Provinsi Sumatera "
    "Utara Nomor 24/PL.01.1-SD/12/2024 (5 Januari 2024).",
    "Peraturan Pemerintah Nomor 1 Tahun 2018 dan Permendagri Nomor 36 Tahun 2018 beserta "
    "perubahannya, tentang bantuan keuangan partai politik (keperluan surat ini).",
]

REQUIREMENTS = [
    "Surat permohonan dari pengurus partai (DPP, DPW, DPD, atau DPC) yang ditandatangani dan "
    "dicap, menyebut pemilu (lembaga dan tahun) yang dimohonkan dan keperluannya.",
    "Untuk permohonan daring: pindaian surat itu dalam PDF, JPG, atau PNG, paling besar 10 MB.",
    "Untuk mengambil surat di kantor: identitas (KTP) pengurus yang mengambil; penerimaan "
    "dicatat dalam Buku Tanda Terima.",
]
