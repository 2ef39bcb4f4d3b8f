"""BSrE Esign Client API v2 (2.2.x): JSON `POST /api/v2/sign/pdf` with the file in base64, the
signer by NIK or e-mail, one invisible signatureProperties entry, answer `{time, file: [...]}`;
the user status by `POST /api/v2/user/check/status`."""

import base64
from typing import Any

import requests

from .base import SignatureRequest, SignerIdentity
from .bsre import BsreBackend, _json_or_none


def _who(identity: SignerIdentity) -> dict[str, str]:
    return {"nik": identity.nik} if identity.nik else {"email": identity.email}


class BsreV2Backend(BsreBackend):
    name = "bsre-v2"
    accepts_email = True

    def _status_request(self, identity: SignerIdentity) -> requests.Response:
        return self._call("POST", "/api/v2/user/check/status", signing=False, json=_who(identity))

    def _sign_request(self, request: SignatureRequest) -> tuple[bytes, dict[str, Any]]:
        assert self._identity is not None
        response = self._call(
            "POST",
            "/api/v2/sign/pdf",
            signing=True,
            json={
                **_who(self._identity),
                "passphrase": self._passphrase,
                "signatureProperties": [
                    {
                        "tampilan": "INVISIBLE",
                        "reason": request.reason,
                        "location": request.location,
                    }
                ],
                "file": [base64.b64encode(request.pdf).decode()],
            },
        )
        if response.status_code != 200:
            raise self._refusal(response, signing=True)
        body = _json_or_none(response)
        files = body.get("file") if isinstance(body, dict) else None
        if not isinstance(files, list) or len(files) != 1:
            raise self._malformed(response, "tidak memuat tepat satu berkas")
        try:
            signed = base64.b64decode(str(files[0]), validate=True)
        except ValueError as error:
            raise self._malformed(response, "berkas base64 rusak") from error
        return signed, self._audit(response, bsre_time=body.get("time"))
