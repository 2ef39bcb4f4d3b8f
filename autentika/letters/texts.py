"""The default text of each kind of reply letter. Every number and every name it prints is a
placeholder that a record fills (letters/figures.py): the figures and the decision from the
case's snapshot of the official results, the request letter, its sender, the office and the
party from the case."""

from autentika.cases.models import Case
from autentika.letters.models import (
    LetterKind,
)
from autentika.letters.snapshot import Snapshot

DEFAULT_COPIES = "Arsip"


def figure_lines(snapshot: Snapshot) -> str:
    """The certified totals per election, as placeholders the snapshot fills."""
    lines = [
        f"{{{{pemilu:{code}}}}}: {{{{suara:{code}}}}} suara sah dan {{{{kursi:{code}}}}} kursi, "
        f"berdasarkan Keputusan Nomor {{{{nomor_keputusan:{code}}}}} tanggal "
        f"{{{{tanggal_keputusan:{code}}}}}."
        for code in (table["election_code"] for table in snapshot.tables)
    ]
    return "\n".join(lines)


def default_texts(*, case: Case, kind: str, snapshot: Snapshot) -> dict[str, str]:
    office = "{{kantor}}"
    party = "{{partai_pemohon}}"
    figures = figure_lines(snapshot)
    details = "Rincian per daerah pemilihan tercantum dalam lampiran surat ini."
    reference = (
        "Menindaklanjuti surat {{pengirim}} Nomor {{nomor_surat_permohonan}} tanggal "
        "{{tanggal_surat_permohonan}} perihal permohonan data autentifikasi perolehan suara"
    )
    closing = "Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih."
    if kind == LetterKind.CERTIFICATE:
        return {
            "subject": "Keterangan Autentifikasi Hasil Penetapan Perolehan Kursi dan Suara "
            "Partai Politik",
            "body": f"{reference}, dengan ini {office} menerangkan bahwa perolehan suara "
            f"sah dan kursi {party} berdasarkan keputusan penetapan hasil pemilihan umum "
            f"adalah sebagai berikut:\n\n{figures}\n\n{details}",
            "closing": "Demikian surat keterangan ini dibuat dengan sebenarnya untuk "
            "dipergunakan sebagaimana mestinya.",
        }
    if kind == LetterKind.REFUSAL_NO_SEAT:
        return {
            "subject": "Jawaban atas Permohonan Data Autentifikasi Perolehan Suara",
            "body": f"{reference}, dengan ini disampaikan bahwa berdasarkan keputusan penetapan "
            f"hasil pemilihan umum, {party} tidak memperoleh kursi pada lembaga perwakilan "
            "yang dimohonkan, sehingga surat keterangan autentifikasi perolehan kursi tidak "
            f"dapat diterbitkan. Perolehan suara sah partai adalah sebagai berikut:\n\n{figures}"
            f"\n\n{details}",
            "closing": closing,
        }
    if kind == LetterKind.REFUSAL_INCOMPLETE:
        return {
            "subject": "Jawaban atas Permohonan Data Autentifikasi Perolehan Suara",
            "body": f"{reference}, dengan ini disampaikan bahwa permohonan tersebut belum dapat "
            "dipenuhi karena persyaratan permohonan belum lengkap. Saudara dapat mengajukan "
            "kembali permohonan setelah kelengkapannya dipenuhi.",
            "closing": closing,
        }
    return {
        "subject": "Jawaban atas Permohonan Data Autentifikasi Perolehan Suara",
        "body": f"{reference}, dengan ini disampaikan bahwa data yang dimohonkan tidak "
        f"dikelola oleh {office}. Permohonan dapat diajukan kepada Komisi Pemilihan Umum "
        "pada tingkatan yang menetapkan hasil pemilihan umum tersebut.",
        "closing": closing,
    }
