"""A BSrE "Esign Client Service" simulator: a small WSGI app faithful to the contract in
docs/SIGNING_BACKENDS.md (and ../shared/docs/BSRE_API.md), for the tests and the demo.

v1: POST /api/sign/pdf (multipart), GET /api/sign/download/{id} (once), POST /api/sign/verify,
GET /api/user/status/{nik}. v2: POST /api/v2/sign/pdf, /api/v2/verify/pdf,
/api/v2/user/check/status (JSON, files in base64). HTTP Basic auth on every endpoint.

It signs for the remote signers of the demo PKI's "BSrE test" intermediate (bsre_test_ca.py)
with an RFC 3161 timestamp from the demo TSA (PAdES B-T, as BSrE does). Every error of the
contract can be had on demand: a wrong passphrase (2031), an unknown NIK (2011), a user status
other than ISSUE (`statuses`), and the failure modes of `FAILURES` (`failure`).
"""

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from werkzeug.datastructures import Authorization
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from autentika.signing.pades import SigningError, pdf_sign

from . import bsre_test_ca
from .demo_ca import DemoCa
from .pki_service import STOP_POLL_SECONDS, PkiService

STATUSES = (
    "ISSUE",
    "EXPIRED",
    "RENEW",
    "WAITING_FOR_VERIFICATION",
    "NEW",
    "NO_CERTIFICATE",
    "NOT_REGISTERED",
    "SUSPEND",
    "REVOKE",
)
# On-demand failures of the signing endpoints: "slow" holds the answer until `released` is set
# (at most `slow_seconds`), so a client's timeout passes whatever the machine's load; "500" is a
# server error after signing, "malformed" a 200 that is not the promised body, "bad-pdf" the
# iText refusal of a malformed PDF, "tampered" a validly signed PDF whose content differs.
FAILURES = ("", "slow", "500", "malformed", "bad-pdf", "tampered")
BAD_PDF_ERROR = (
    "Proses signing gagal : com.itextpdf.text.exceptions.InvalidPdfException: Rebuild failed: "
    "trailer not found.; Original message: PDF startxref not found."
)


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/json")


def _error(message: str, code: int | None = None, status: int = 400) -> Response:
    body: dict[str, Any] = {"error": message}
    if code is not None:
        body["status_code"] = code
    return _json(body, status)


@dataclass
class BsreSimulator:
    ca: DemoCa
    username: str
    password: str
    passphrase: str
    tsa_url: str
    statuses: dict[str, str] = field(default_factory=dict)
    failure: str = ""
    # "id-only": v1 answers JSON with only `id_dokumen`, the PDF to be downloaded (once).
    answer: str = ""
    slow_seconds: float = 120.0
    released: threading.Event = field(default_factory=threading.Event)
    documents: dict[str, bytes] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self.url_map = Map(
            [
                Rule("/api/sign/pdf", endpoint="v1_sign", methods=["POST"]),
                Rule("/api/sign/download/<doc_id>", endpoint="v1_download", methods=["GET"]),
                Rule("/api/sign/verify", endpoint="v1_verify", methods=["POST"]),
                Rule("/api/user/status/<nik>", endpoint="v1_status", methods=["GET"]),
                Rule("/api/v2/sign/pdf", endpoint="v2_sign", methods=["POST"]),
                Rule("/api/v2/verify/pdf", endpoint="v2_verify", methods=["POST"]),
                Rule("/api/v2/user/check/status", endpoint="v2_status", methods=["POST"]),
            ]
        )

    # --- WSGI -------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            endpoint, args = adapter.match()
        except Exception:
            return _error("Not Found", status=404)(environ, start_response)
        if not self._authorized(request.authorization):
            response = _json(
                {
                    "timestamp": int(time.time() * 1000),
                    "status": 401,
                    "error": "Unauthorized",
                    "path": request.path,
                },
                401,
            )
            return response(environ, start_response)
        with self._lock:
            self.calls.append(endpoint)
        return getattr(self, endpoint)(request, **args)(environ, start_response)

    def _authorized(self, auth: Authorization | None) -> bool:
        return bool(
            auth
            and auth.type == "basic"
            and secrets.compare_digest(auth.username or "", self.username)
            and secrets.compare_digest(auth.password or "", self.password)
        )

    # --- users ------------------------------------------------------------------------------

    def _user(self, *, nik: str = "", email: str = "") -> tuple[str, dict[str, Any]] | None:
        for label, signer in bsre_test_ca.remote_signers(self.ca).items():
            if (nik and signer["nik"] == nik) or (email and signer["email"] == email):
                return label, signer
        return None

    def _status(self, *, nik: str = "", email: str = "") -> str:
        user = self._user(nik=nik, email=email)
        if user is None:
            return "NOT_REGISTERED"
        return self.statuses.get(user[1]["nik"], "ISSUE")

    def _status_answer(self, *, nik: str = "", email: str = "") -> Response:
        status = self._status(nik=nik, email=email)
        if status == "NOT_REGISTERED":
            return _json({"status_code": 2011, "message": "User tidak terdaftar", "status": status})
        return _json({"status_code": 1111, "message": "CEK STATUS USER BERHASIL", "status": status})

    def v1_status(self, request: Request, nik: str) -> Response:
        return self._status_answer(nik=nik)

    def v2_status(self, request: Request) -> Response:
        body = request.get_json(silent=True) or {}
        return self._status_answer(nik=str(body.get("nik", "")), email=str(body.get("email", "")))

    # --- signing ----------------------------------------------------------------------------

    def _sign(
        self, *, pdf: bytes, nik: str, email: str, passphrase: str, reason: str, location: str
    ) -> bytes | Response:
        """The signed PDF, or the error answer BSrE gives."""
        user = self._user(nik=nik, email=email)
        if user is None:
            return _error("User tidak terdaftar", 2011)
        label, signer = user
        status = self.statuses.get(signer["nik"], "ISSUE")
        if status != "ISSUE":
            return _error(f"Sertifikat pengguna berstatus {status}", 2021)
        if not secrets.compare_digest(passphrase, self.passphrase):
            return _error("Passphrase anda salah", 2031)
        if self.failure == "bad-pdf" or not pdf.startswith(b"%PDF-"):
            return _error(BAD_PDF_ERROR)
        if self.failure == "slow":
            self.released.wait(self.slow_seconds)
        if self.failure == "tampered":
            pdf = _content_changed(pdf)
        try:
            return pdf_sign(
                pdf_bytes=pdf,
                signer=bsre_test_ca.remote_signer_load(self.ca, label),
                reason=reason or "Dokumen ini telah ditandatangani secara elektronik",
                location=location or "Indonesia",
                timestamp_url=self.tsa_url,
                field_name=f"sig_{int(time.time() * 1000)}",
            )
        except SigningError as error:
            return _error(f"Proses signing gagal : {error}")

    def _failed_after_signing(self) -> Response | None:
        if self.failure == "500":
            return _json({"status": 500, "error": "Internal Server Error"}, 500)
        if self.failure == "malformed":
            return Response("<html><body>Gateway sedang sibuk</body></html>", mimetype="text/html")
        return None

    def v1_sign(self, request: Request) -> Response:
        form = request.form
        upload = request.files.get("file")
        signed = self._sign(
            pdf=upload.read() if upload else b"",
            nik=form.get("nik", ""),
            email="",
            passphrase=form.get("passphrase", ""),
            reason=form.get("reason", ""),
            location=form.get("location", ""),
        )
        if isinstance(signed, Response):
            return signed
        doc_id = secrets.token_hex(16)
        with self._lock:
            self.documents[doc_id] = signed
        if failed := self._failed_after_signing():
            return failed
        if self.answer == "id-only":
            return _json({"id_dokumen": doc_id})
        if form.get("jenis_response", "BYTE").upper() == "BASE64":
            return _json(
                {"base64_signed_file": base64.b64encode(signed).decode(), "id_dokumen": doc_id}
            )
        return Response(signed, mimetype="application/pdf", headers={"id_dokumen": doc_id})

    def v1_download(self, request: Request, doc_id: str) -> Response:
        with self._lock:
            signed = self.documents.pop(doc_id, None)
        if signed is None:
            return _error(
                "File tidak tersedia, pastikan bahwa dokumen belum di download", 4044, 404
            )
        return Response(signed, mimetype="application/pdf")

    def v2_sign(self, request: Request) -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("file"), list):
            return _error("Request tidak valid")
        properties = (body.get("signatureProperties") or [{}])[0]
        if body.get("totp") and not body.get("passphrase"):
            return _error("TOTP tidak valid", 2032)  # the simulator has no TOTP
        files = []
        for encoded in body["file"]:
            try:
                pdf = base64.b64decode(encoded, validate=True)
            except ValueError:
                return _error(BAD_PDF_ERROR)
            signed = self._sign(
                pdf=pdf,
                nik=str(body.get("nik", "")),
                email=str(body.get("email", "")),
                passphrase=str(body.get("passphrase", "")),
                reason=str(properties.get("reason", "")),
                location=str(properties.get("location", "")),
            )
            if isinstance(signed, Response):
                return signed
            files.append(base64.b64encode(signed).decode())
        if failed := self._failed_after_signing():
            return failed
        return _json({"time": int(time.time() * 1000), "file": files})

    # --- verification -----------------------------------------------------------------------

    def v1_verify(self, request: Request) -> Response:
        upload = request.files.get("signed_file")
        return _json(verify_answer_v1(upload.read() if upload else b""))

    def v2_verify(self, request: Request) -> Response:
        body = request.get_json(silent=True) or {}
        try:
            pdf = base64.b64decode(str(body.get("file", "")), validate=True)
        except ValueError:
            return _error(BAD_PDF_ERROR)
        return _json(verify_answer_v2(pdf))


def _content_changed(pdf: bytes) -> bytes:
    """The PDF with one more line drawn on its first page (an incremental update)."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.content import RawContent

    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    stream = RawContent(b"BT /F1 24 Tf 72 72 Td (DIUBAH) Tj ET").render()
    ref = writer.add_object(generic.StreamObject(stream_data=stream))
    writer.add_stream_to_page(0, ref)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _signature_summaries(pdf: bytes) -> list[dict[str, Any]]:
    from io import BytesIO

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception:
        return []
    result = []
    for embedded in signatures:
        cert = embedded.signer_cert
        result.append(
            {
                "field": embedded.field_name,
                "signer_name": str(cert.subject.native.get("common_name", "")),
                "signer_dn": cert.subject.human_friendly,
                "issuer_dn": cert.issuer.human_friendly,
                "time": str(embedded.self_reported_timestamp or ""),
                "tsa": embedded.attached_timestamp_data is not None,
            }
        )
    return result


def verify_answer_v1(pdf: bytes) -> dict[str, Any]:
    """The v1 verify body (Juknis p.16-17). The simulator only reports what the file holds."""
    summaries = _signature_summaries(pdf)
    details = [
        {
            "info_tsa": {"name": "Timestamp Authority (uji)", "tsa_cert_validity": None},
            "signature_field": s["field"],
            "info_signer": {
                "issuer_dn": s["issuer_dn"],
                "signer_name": s["signer_name"],
                "signer_dn": s["signer_dn"],
                "cert_user_certified": True,
            },
            "signature_document": {"signed_using_tsa": s["tsa"], "signed_in": s["time"]},
        }
        for s in summaries
    ]
    return {
        "nama_dokumen": "dokumen.pdf",
        "jumlah_signature": len(details),
        "notes": "Dokumen asli dan valid" if details else "Dokumen tidak memiliki tanda tangan",
        "details": details,
        "summary": "DOCUMENT VALID !!!" if details else "DOCUMENT NOT SIGNED",
    }


def verify_answer_v2(pdf: bytes) -> dict[str, Any]:
    """The v2 verify body, with the vendor's field names (e.g. `timestampInfomation`)."""
    summaries = _signature_summaries(pdf)
    return {
        "conclusion": "VALID" if summaries else "NO_SIGNATURE",
        "description": "Dokumen valid" if summaries else "Dokumen tidak memiliki tanda tangan",
        "signatureCount": len(summaries),
        "signatureInformations": [
            {
                "id": s["field"],
                "signerName": s["signer_name"],
                "signatureFormat": "PKCS7-T" if s["tsa"] else "PKCS7-B",
                "signatureDate": s["time"],
                "timestampInfomation": {"id": "TSA", "timestampDate": s["time"]},
                "certLevelCode": 1,
            }
            for s in summaries
        ],
    }


def simulator_start(simulator: BsreSimulator, *, port: int = 0) -> PkiService:
    """Serve the simulator in a daemon thread of this process (tests, demo_request); the
    simulator is the service's `server.app`."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", port, simulator, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": STOP_POLL_SECONDS},
        name="bsre-simulator",
        daemon=True,
    )
    thread.start()
    return PkiService(server=server, thread=thread)
