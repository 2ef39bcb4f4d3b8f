"""BSrE Esign Client API v1: multipart `POST /api/sign/pdf`, an invisible signature (the
letter's visible block and QR are ours), the signed PDF as the body (`jenis_response=BYTE`)
or, when the installation answers JSON, base64 or a one-time download by `id_dokumen`."""

import base64
from typing import Any

import requests

from autentika.signing.errors import BackendFailure

from .base import SignatureRequest, SignerIdentity
from .bsre import MAYBE_SIGNED, BsreBackend, _json_or_none


class BsreV1Backend(BsreBackend):
    name = "bsre"

    def _status_request(self, identity: SignerIdentity) -> requests.Response:
        return self._call("GET", f"/api/user/status/{identity.nik}", signing=False)

    def _sign_request(self, request: SignatureRequest) -> tuple[bytes, dict[str, Any]]:
        assert self._identity is not None
        response = self._call(
            "POST",
            "/api/sign/pdf",
            signing=True,
            files={"file": ("surat.pdf", request.pdf, "application/pdf")},
            data={
                "nik": self._identity.nik,
                "passphrase": self._passphrase,
                "tampilan": "invisible",
                "jenis_response": self.response_kind,
                "reason": request.reason,
                "location": request.location,
            },
        )
        if response.status_code != 200:
            raise self._refusal(response, signing=True)
        audit = self._audit(response, id_dokumen=response.headers.get("id_dokumen", ""))
        if response.content.startswith(b"%PDF-"):
            return response.content, audit
        body = _json_or_none(response)
        if not isinstance(body, dict):
            raise self._malformed(response, "bukan PDF maupun JSON")
        audit["id_dokumen"] = doc_id = str(body.get("id_dokumen") or audit["id_dokumen"])
        if encoded := body.get("base64_signed_file"):
            try:
                return base64.b64decode(str(encoded), validate=True), audit
            except ValueError as error:
                raise self._malformed(response, "base64_signed_file rusak") from error
        if doc_id:
            # The signed document can be downloaded once (Juknis p.15); never again.
            download = self._call("GET", f"/api/sign/download/{doc_id}", signing=True)
            if download.status_code != 200:
                raise self._download_failed(download, doc_id)
            if download.content.startswith(b"%PDF-"):
                return download.content, audit
            raise self._malformed(download, "unduhan dokumen bukan PDF")
        raise self._malformed(response, "tidak memuat dokumen bertanda tangan")

    @property
    def response_kind(self) -> str:
        """`jenis_response`: BYTE (the PDF as the body, the default) or BASE64 (JSON)."""
        kind = str(self.config.get("jenis_response", "BYTE")).upper()
        return kind if kind in ("BYTE", "BASE64") else "BYTE"

    def _download_failed(self, response: requests.Response, doc_id: str) -> BackendFailure:
        """BSrE signed (it gave a document id) but the one-time download did not succeed."""
        if response.status_code == 401:
            return self._refusal(response, signing=True)
        body = _json_or_none(response)
        code = body.get("status_code") if isinstance(body, dict) else None
        detail = f"HTTP {response.status_code}" + (f", kode {code}" if code is not None else "")
        return BackendFailure(
            f"BSrE menandatangani dokumen, tetapi dokumen itu tidak dapat diunduh ({detail}). "
            f"{MAYBE_SIGNED}",
            audit=self._audit(
                response, id_dokumen=doc_id, failure="download", may_have_signed=True
            ),
        )
