"""BSrE Esign Client API v1: multipart `POST /api/sign/pdf`, an invisible signature (the
letter's visible block and QR are ours), the signed PDF as the body (`jenis_response=BYTE`)
or, when the installation answers JSON, base64 or a one-time download by `id_dokumen`."""

import base64
from typing import Any

import requests

from .base import SignatureRequest, SignerIdentity
from .bsre import BsreBackend, _json_or_none


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
                "jenis_response": "BYTE",
                "reason": request.reason,
                "location": request.location,
            },
        )
        if response.status_code != 200:
            raise self._refusal(response, signing=True)
        doc_id = response.headers.get("id_dokumen", "")
        audit = self._audit(response, id_dokumen=doc_id)
        if response.content.startswith(b"%PDF-"):
            return response.content, audit
        body = _json_or_none(response)
        if not isinstance(body, dict):
            raise self._malformed(response, "bukan PDF maupun JSON")
        if encoded := body.get("base64_signed_file"):
            try:
                return base64.b64decode(str(encoded), validate=True), audit
            except ValueError as error:
                raise self._malformed(response, "base64_signed_file rusak") from error
        if doc_id := str(body.get("id_dokumen") or ""):
            audit["id_dokumen"] = doc_id
            download = self._call("GET", f"/api/sign/download/{doc_id}", signing=True)
            if download.status_code != 200:
                raise self._refusal(download, signing=True)
            if download.content.startswith(b"%PDF-"):
                return download.content, audit
        raise self._malformed(response, "tidak memuat dokumen bertanda tangan")
