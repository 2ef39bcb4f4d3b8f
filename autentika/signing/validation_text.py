"""What a validation found, in Indonesian: one line per thing checked (integrity, signer,
trusted time, revocation, long-term data) and the one error that decides an invalid verdict.

`facts` is the dict validation._report builds: pyHanko's basic `status`, the AdES LTA result
`lta` (None for a file without a document timestamp), `lta_ok`, `only_long_term_updates`,
`has_trust_roots`, and `signing_time` already formatted.
"""

from dataclasses import dataclass
from typing import Any

from pyhanko.sign.validation.status import PdfSignatureStatus


@dataclass(frozen=True)
class Check:
    code: str  # integrity | signer | time | revocation | long_term
    label: str
    ok: bool
    text: str


LABELS = {
    "integrity": "Keutuhan isi",
    "signer": "Penanda tangan",
    "time": "Waktu tepercaya",
    "revocation": "Status pencabutan",
    "long_term": "Data jangka panjang",
}

_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "tidak diterbitkan oleh otoritas sertifikat yang dipercaya",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": (
        "tidak diterbitkan oleh otoritas sertifikat yang dipercaya"
    ),
    "EXPIRED": "sudah kedaluwarsa pada waktu pemeriksaan",
    "OUT_OF_BOUNDS_NO_POE": "sudah kedaluwarsa dan tidak ada bukti waktu sebelum kedaluwarsanya",
    "OUT_OF_BOUNDS_NOT_REVOKED": "sudah kedaluwarsa pada waktu pemeriksaan",
    "NOT_YET_VALID": "belum berlaku pada waktu penandatanganan",
    "REVOKED": "sudah dicabut sebelum surat ditandatangani",
    "REVOKED_NO_POE": "sudah dicabut",
    "REVOKED_CA_NO_POE": "sudah dicabut",
    "SIG_CONSTRAINTS_FAILURE": "penggunaan kuncinya tidak sesuai untuk tanda tangan dokumen",
    "CHAIN_CONSTRAINTS_FAILURE": "rantai sertifikatnya tidak memenuhi batasan yang berlaku",
    "TRY_LATER": "status pencabutannya tidak dapat diperiksa dari data dalam berkas",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": (
        "status pencabutannya tidak dapat diperiksa dari data dalam berkas"
    ),
    "NO_POE": "tidak ada bukti waktu yang cukup dalam berkas",
}
_REVOCATION_PROBLEMS = {
    "REVOKED",
    "REVOKED_NO_POE",
    "REVOKED_CA_NO_POE",
    "TRY_LATER",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE",
}
_TIME_PROBLEMS = {"TIMESTAMP_ORDER_FAILURE", "NO_POE"}
_INTEGRITY_PROBLEMS = {"HASH_FAILURE", "SIG_CRYPTO_FAILURE", "FORMAT_FAILURE"}


def _subindication(facts: dict[str, Any]) -> str:
    lta = facts["lta"]
    return lta.ades_subindic.standard_name if lta is not None and not facts["lta_ok"] else ""


def _check(code: str, ok: bool, text: str) -> Check:
    return Check(code=code, label=LABELS[code], ok=ok, text=text)


def checks_for(facts: dict[str, Any]) -> tuple[Check, ...]:
    status: PdfSignatureStatus = facts["status"]
    lta, lta_ok, problem = facts["lta"], facts["lta_ok"], _subindication(facts)
    intact = bool(status.intact) and bool(status.valid) and problem not in _INTEGRITY_PROBLEMS
    integrity = _check(
        "integrity",
        intact and facts["only_long_term_updates"],
        "Isi surat sama dengan yang ditandatangani; sesudahnya hanya ditambah data validasi."
        if intact and facts["only_long_term_updates"]
        else (
            "Ada perubahan setelah surat ditandatangani."
            if intact
            else "Isi dokumen telah berubah setelah ditandatangani."
        ),
    )
    cert_name = str(status.signing_cert.subject.native.get("common_name", ""))
    signer_bad = problem and problem not in _REVOCATION_PROBLEMS | _TIME_PROBLEMS
    signer_ok = (lta_ok or not signer_bad) if lta is not None else bool(status.trusted)
    signer = _check(
        "signer",
        signer_ok,
        f"Sertifikat {cert_name} diterbitkan oleh otoritas sertifikat yang dipercaya."
        if signer_ok
        else f"Sertifikat {cert_name} {_TRUST_PROBLEMS.get(problem, 'tidak dapat dipercaya')}.",
    )
    timestamp = status.timestamp_validity
    time_ok = timestamp is not None and bool(timestamp.valid and timestamp.trusted)
    if lta is not None:
        time_ok = time_ok and problem not in _TIME_PROBLEMS
    trusted_time = _check(
        "time",
        time_ok,
        f"Waktu penandatanganan {facts['signing_time']} dijamin stempel waktu (TSA) tepercaya."
        if time_ok
        else "Tidak ada stempel waktu tepercaya; waktu penandatanganan hanya menurut penanda "
        "tangan.",
    )
    if lta is None:
        revocation = _check(
            "revocation", False, "Berkas tidak memuat data pencabutan (CRL/OCSP) untuk diperiksa."
        )
    else:
        revoked_ok = lta_ok or problem not in _REVOCATION_PROBLEMS
        revocation = _check(
            "revocation",
            revoked_ok,
            "Sertifikat belum dicabut pada waktu penandatanganan (data CRL/OCSP dalam berkas)."
            if revoked_ok
            else f"Sertifikat {_TRUST_PROBLEMS.get(problem, 'tidak dapat diperiksa')}.",
        )
    tsa, until = facts.get("archive_tsa", ""), facts.get("archive_valid_until", "")
    if facts.get("needs_renewal"):
        long_term_text = (
            f"Stempel waktu dokumen terakhir ({tsa}) berlaku sampai {until} dan sudah "
            "kedaluwarsa: berkas ini perlu diperbarui dengan salinan terbaru dari kantor."
        )
    elif lta_ok:
        long_term_text = (
            f"Stempel waktu dokumen dari {tsa} (berlaku sampai {until}) membuktikan surat dan "
            "data validasinya sudah ada sejak ditandatangani, sehingga surat tetap dapat "
            "diperiksa setelah sertifikat penanda tangan habis masa berlakunya."
        )
    else:
        long_term_text = "Berkas tidak memuat data jangka panjang yang lengkap (PAdES B-LTA)."
    long_term = _check("long_term", lta_ok and not facts.get("needs_renewal"), long_term_text)
    return (integrity, signer, trusted_time, revocation, long_term)


def error_for(facts: dict[str, Any]) -> str:
    """The first reason the signature is not valid."""
    status: PdfSignatureStatus = facts["status"]
    problem = _subindication(facts)
    if not status.intact or problem in _INTEGRITY_PROBLEMS:
        return "Isi dokumen telah berubah setelah ditandatangani: tanda tangan tidak utuh."
    if not status.valid:
        return "Tanda tangan elektronik tidak sah secara kriptografis."
    if not facts["only_long_term_updates"]:
        return (
            "Ada perubahan yang ditambahkan setelah dokumen ditandatangani, selain data "
            "validasi jangka panjang: berkas ini bukan surat yang ditandatangani."
        )
    if not facts["has_trust_roots"]:
        return "Tidak ada sertifikat akar terpercaya yang dikonfigurasi untuk pemeriksaan."
    usage = status.signing_cert.key_usage_value
    if usage is None or "non_repudiation" not in usage.native:
        return (
            "Sertifikat penanda tangan tidak dapat dipercaya: penggunaan kuncinya tidak "
            "mencakup nonRepudiation, sehingga tidak sah untuk tanda tangan dokumen."
        )
    if facts.get("needs_renewal"):
        return (
            "Surat ini asli dan utuh, tetapi sertifikat stempel waktu dokumen terakhirnya "
            f"({facts['archive_tsa']}) sudah kedaluwarsa pada {facts['archive_valid_until']}: "
            "berkas perlu diperbarui dengan salinan terbaru dari kantor penerbit."
        )
    if facts["lta"] is None:
        timestamp = status.timestamp_validity
        if not status.trusted:
            indication = status.trust_problem_indic
            problem = indication.standard_name if indication is not None else ""
        elif timestamp is not None and not (timestamp.valid and timestamp.trusted):
            return "Stempel waktu pada tanda tangan tidak sah atau tidak dipercaya."
    text = _TRUST_PROBLEMS.get(
        problem, "tidak dapat divalidasi terhadap otoritas sertifikat yang dipercaya"
    )
    return f"Sertifikat penanda tangan tidak dapat dipercaya: {text}."
