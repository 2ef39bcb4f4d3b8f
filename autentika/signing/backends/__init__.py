"""Signing backends: which one signs a letter, chosen per office and signer position.

The setting `AUTENTIKA_SIGNING_BACKENDS` maps "<office code>/<position code>", "<office code>"
or "*" to a backend's configuration (a dict with `kind` = local | bsre | bsre-v2 | csc, and
the kind's own keys, see docs/SIGNING_BACKENDS.md); the most specific entry wins, no entry means
the local PKCS#12 key. Client credentials are named there (environment variables or a secrets
file), never stored in the database. The signer's NIK or e-mail is on the signer's record
(organization.Assignment).
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from autentika.signing.errors import BackendFailure

from .base import SignatureRequest, SignedPdf, SignerIdentity, SigningBackend

__all__ = [
    "SignatureRequest",
    "SignedPdf",
    "SignerIdentity",
    "SigningBackend",
    "backend_config",
    "backend_for",
    "client_credentials",
    "signer_identity",
    "signer_status",
]

LOCAL = {"kind": "local"}


def backend_config(*, office_code: str, position_code: str) -> dict[str, Any]:
    table: dict[str, Any] = settings.AUTENTIKA_SIGNING_BACKENDS or {}
    for key in (f"{office_code}/{position_code}", office_code, "*"):
        if key in table:
            return dict(table[key])
    return dict(LOCAL)


def backend_for(*, office: Any, position: Any) -> SigningBackend:
    config = backend_config(office_code=office.code, position_code=position.code)
    kind = config.get("kind", "local")
    if kind == "local":
        from .local_pkcs12 import LocalPkcs12Backend

        return LocalPkcs12Backend(config)
    if kind == "bsre":
        from .bsre_v1 import BsreV1Backend

        return BsreV1Backend(config)
    if kind == "bsre-v2":
        from .bsre_v2 import BsreV2Backend

        return BsreV2Backend(config)
    if kind == "csc":
        from .csc import CscBackend

        return CscBackend(config)
    raise BackendFailure(
        f"Jenis layanan tanda tangan {kind!r} untuk kantor {office.code} tidak dikenal "
        "(AUTENTIKA_SIGNING_BACKENDS); hubungi administrator."
    )


def signer_identity(*, user: Any, assignment: Any) -> SignerIdentity:
    return SignerIdentity(
        username=user.get_username(),
        name=str(user.get_full_name() or user.get_username()),
        nik=assignment.signing_nik,
        email=assignment.signing_email or user.email,
    )


@dataclass(frozen=True)
class SignerStatus:
    """What the signing page shows before it asks for the passphrase."""

    remote: bool
    ok: bool
    text: str = ""
    passphrase_label: str = ""


def signer_status(*, office: Any, position: Any, user: Any) -> SignerStatus:
    """Whether the office's signer may sign now, asked of the provider (BSrE's user status)
    before any secret is typed; a local key is always ready here (its passphrase is checked
    when signing). `position`: the office's signer position (letters.desks.signer_position)."""
    from autentika.cases.services import acting_required

    try:
        backend = backend_for(office=office, position=position)
    except BackendFailure as failure:
        return SignerStatus(remote=True, ok=False, text=" ".join(failure.messages))
    if not backend.remote:
        return SignerStatus(remote=False, ok=True, passphrase_label=backend.passphrase_label)
    try:
        assignment = acting_required(user=user, position=position)
        backend.status_check(identity=signer_identity(user=user, assignment=assignment))
    except BackendFailure as failure:
        return SignerStatus(remote=True, ok=False, text=" ".join(failure.messages))
    return SignerStatus(
        remote=True, ok=True, text=backend.ready_text, passphrase_label=backend.passphrase_label
    )


def client_credentials(config: dict[str, Any]) -> tuple[str, str]:
    """The client installation's (username, password): from the JSON file `secrets_file`
    ({"username": ..., "password": ...}) or the environment variables named by
    `username_env` and `password_env`."""
    if path := config.get("secrets_file"):
        try:
            data = json.loads(Path(path).read_text())
            return str(data["username"]), str(data["password"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise BackendFailure(
                f"Berkas rahasia layanan tanda tangan ({path}) tidak dapat dibaca; surat belum "
                "ditandatangani. Hubungi administrator."
            ) from error
    username = os.environ.get(str(config.get("username_env", "")), "")
    password = os.environ.get(str(config.get("password_env", "")), "")
    if not username or not password:
        raise BackendFailure(
            "Kredensial layanan tanda tangan belum diatur (variabel lingkungan "
            f"{config.get('username_env')}/{config.get('password_env')}); surat belum "
            "ditandatangani. Hubungi administrator."
        )
    return username, password
