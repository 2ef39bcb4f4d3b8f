"""The regulations an office may cite in a letter, each printed through its placeholder
`{{dasar_hukum:KODE}}` so that their numbers and years come from this maintained table, never
from typed text. Add a regulation here (with its code) to make it citable."""

LEGAL_BASES: dict[str, str] = {
    "uu-7-2017": "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
    "uu-14-2008": "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    "uu-2-2011": (
        "Undang-Undang Nomor 2 Tahun 2011 tentang Perubahan atas Undang-Undang Nomor 2 "
        "Tahun 2008 tentang Partai Politik"
    ),
    "pp-5-2009": (
        "Peraturan Pemerintah Nomor 5 Tahun 2009 tentang Bantuan Keuangan kepada Partai "
        "Politik sebagaimana telah diubah terakhir dengan Peraturan Pemerintah Nomor 1 Tahun "
        "2018"
    ),
    "permendagri-36-2018": (
        "Peraturan Menteri Dalam Negeri Nomor 36 Tahun 2018 tentang Tata Cara Penghitungan, "
        "Penganggaran dalam Anggaran Pendapatan dan Belanja Daerah, Pengajuan, Penyaluran, dan "
        "Laporan Pertanggungjawaban Penggunaan Bantuan Keuangan Partai Politik"
    ),
}
