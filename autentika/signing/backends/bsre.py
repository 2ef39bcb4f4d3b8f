"""BSrE's Esign Client Service (the office's on-premise installation), common to API v1 and
v2: HTTP Basic auth, the user status checked before the passphrase is sent, every answer
turned into an Indonesian message that says what happened and whether BSrE may have signed,
with BSrE's raw code and message kept for the audit log. Never retried.
"""

import abc
import datetime as dt
import json
import logging
from typing import Any

import requests

from autentika.signing.errors import BackendFailure

from . import client_credentials
from .base import SignatureRequest, SignedPdf, SignerIdentity, SigningBackend
from .remote import anchors_load, long_term_add, returned_check

logger = logging.getLogger(__name__)

NOT_SIGNED = "Surat belum ditandatangani; tidak ada nomor yang terpakai."
MAYBE_SIGNED = (
    "BSrE mungkin sudah membubuhkan tanda tangan, tetapi dokumen itu tidak diterima dan tidak "
    "akan dipakai; surat belum ditandatangani dan tidak ada nomor yang terpakai, jadi aman "
    "untuk mencoba lagi."
)
STATUS_TEXT = {
    "EXPIRED": "Sertifikat Anda kedaluwarsa; perpanjang sertifikat elektronik Anda di BSrE.",
    "RENEW": "Sertifikat Anda sedang diperbarui di BSrE; tunggu sampai pembaruan selesai.",
    "WAITING_FOR_VERIFICATION": "Pendaftaran sertifikat Anda masih menunggu verifikasi BSrE.",
    "NEW": "Sertifikat Anda belum diaktifkan; atur passphrase di BSrE terlebih dahulu.",
    "NO_CERTIFICATE": "Anda belum memiliki sertifikat elektronik dari BSrE.",
    "NOT_REGISTERED": "NIK Anda belum terdaftar sebagai pengguna BSrE.",
    "SUSPEND": "Sertifikat Anda sedang dibekukan (suspend) oleh BSrE.",
    "REVOKE": "Sertifikat Anda telah dicabut oleh BSrE; ajukan sertifikat baru.",
}


class BsreBackend(SigningBackend):
    provider = "BSrE"

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.base_url = str(config.get("url", "")).rstrip("/")
        self.timeout = float(config.get("timeout", 60))
        self._identity: SignerIdentity | None = None
        self._passphrase = ""

    # --- HTTP -------------------------------------------------------------------------------

    def _audit(self, response: requests.Response | None = None, **extra: Any) -> dict[str, Any]:
        audit: dict[str, Any] = {"provider": self.name, **extra}
        if response is not None:
            audit["http_status"] = response.status_code
            body = _json_or_none(response)
            if isinstance(body, dict):
                audit["bsre_code"] = body.get("status_code")
                audit["bsre_message"] = str(body.get("error") or body.get("message") or "")[:500]
            elif not response.ok:
                audit["bsre_message"] = response.text[:500]
        return audit

    def _call(self, method: str, path: str, *, signing: bool, **kwargs: Any) -> requests.Response:
        if not self.base_url:
            raise BackendFailure(f"Alamat layanan BSrE (url) belum diatur. {NOT_SIGNED}")
        timeout = self.timeout if signing else min(self.timeout, 15.0)
        try:
            return requests.request(
                method,
                f"{self.base_url}{path}",
                auth=client_credentials(self.config),
                timeout=(5, timeout),
                **kwargs,
            )
        except requests.exceptions.ConnectionError as error:
            if isinstance(error, requests.exceptions.ConnectTimeout) or not signing:
                raise BackendFailure(
                    f"Layanan BSrE ({self.base_url}) tidak dapat dihubungi. {NOT_SIGNED}",
                    audit=self._audit(failure="connection", may_have_signed=False),
                ) from error
            raise BackendFailure(
                f"Sambungan ke BSrE terputus sebelum jawaban diterima. {MAYBE_SIGNED}",
                audit=self._audit(failure="connection", may_have_signed=True),
            ) from error
        except requests.exceptions.Timeout as error:
            may = signing
            raise BackendFailure(
                f"BSrE tidak menjawab dalam {timeout:g} detik. "
                + (MAYBE_SIGNED if may else NOT_SIGNED),
                audit=self._audit(failure="timeout", may_have_signed=may),
            ) from error

    def _refusal(self, response: requests.Response, *, signing: bool) -> BackendFailure:
        """The failure for a non-200 answer."""
        status = response.status_code
        if status == 401:
            return BackendFailure(
                "BSrE menolak kredensial aplikasi kantor (HTTP 401): nama pengguna atau kata "
                f"sandi API Esign Client salah; hubungi administrator. {NOT_SIGNED}",
                audit=self._audit(response, may_have_signed=False),
            )
        if status >= 500:
            may = signing
            return BackendFailure(
                f"Layanan BSrE sedang mengalami gangguan (HTTP {status}). "
                + (MAYBE_SIGNED if may else NOT_SIGNED),
                audit=self._audit(response, may_have_signed=may),
            )
        body = _json_or_none(response)
        code = body.get("status_code") if isinstance(body, dict) else None
        raw = str((body or {}).get("error") or (body or {}).get("message") or response.text)[:300]
        audit = self._audit(response, may_have_signed=False)
        if code == 2031:
            text = "Passphrase BSrE yang Anda masukkan salah."
        elif code == 2011:
            text = "NIK Anda belum terdaftar sebagai pengguna BSrE."
        elif raw.startswith("Proses signing gagal"):
            text = "BSrE tidak dapat memproses berkas PDF surat (PDF dianggap rusak)."
        else:
            text = "BSrE menolak permintaan penandatanganan."
        detail = f" (kode {code}: {raw})" if code is not None else f" (jawaban BSrE: {raw})"
        return BackendFailure(f"{text}{detail} {NOT_SIGNED}", audit=audit)

    def _malformed(self, response: requests.Response, what: str) -> BackendFailure:
        return BackendFailure(
            f"Jawaban BSrE tidak dapat dibaca ({what}). {MAYBE_SIGNED}",
            audit=self._audit(response, failure="malformed", may_have_signed=True),
        )

    # --- the backend ------------------------------------------------------------------------

    remote = True
    passphrase_label = "Passphrase BSrE Anda"
    ready_text = (
        "Sertifikat elektronik Anda di BSrE aktif: surat dapat ditandatangani dengan "
        "passphrase BSrE Anda."
    )

    def prepare(self, *, identity: SignerIdentity, passphrase: str, at: dt.datetime) -> None:
        self.status_check(identity=identity)
        if not passphrase:
            raise BackendFailure(f"Masukkan passphrase BSrE Anda. {NOT_SIGNED}")
        self._identity, self._passphrase = identity, passphrase

    def status_check(self, *, identity: SignerIdentity) -> None:
        if not identity.nik and not (self.accepts_email and identity.email):
            raise BackendFailure(
                "NIK Anda untuk tanda tangan elektronik belum diisi pada data penugasan; "
                f"hubungi administrator. {NOT_SIGNED}"
            )
        response = self._status_request(identity)
        if response.status_code != 200:
            raise self._refusal(response, signing=False)
        body = _json_or_none(response)
        status = str(body.get("status", "")) if isinstance(body, dict) else ""
        if not status:
            raise BackendFailure(
                f"Jawaban BSrE atas pemeriksaan status pengguna tidak dapat dibaca. {NOT_SIGNED}",
                audit=self._audit(response, failure="malformed", may_have_signed=False),
            )
        if status != "ISSUE":
            text = STATUS_TEXT.get(status, f"Status sertifikat Anda di BSrE: {status}.")
            raise BackendFailure(
                f"{text} {NOT_SIGNED}",
                audit=self._audit(response, user_status=status, may_have_signed=False),
            )

    def sign(self, request: SignatureRequest) -> SignedPdf:
        assert self._identity is not None, "prepare() first"
        anchors = anchors_load(self.config)
        returned, audit = self._sign_request(request)
        subject = returned_check(
            provider=self.provider,
            sent=request.pdf,
            returned=returned,
            anchors=anchors,
            identity=self._identity,
            audit=audit,
        )
        final = long_term_add(pdf=returned, anchors=anchors, timestamper=request.timestamper)
        return SignedPdf(pdf=final, certificate_subject=subject, audit=audit)

    accepts_email = False

    @abc.abstractmethod
    def _status_request(self, identity: SignerIdentity) -> requests.Response: ...

    @abc.abstractmethod
    def _sign_request(self, request: SignatureRequest) -> tuple[bytes, dict[str, Any]]:
        """The PDF BSrE returned, and what to audit of its answer."""


def _json_or_none(response: requests.Response) -> Any:
    try:
        return json.loads(response.content)
    except ValueError:
        return None
