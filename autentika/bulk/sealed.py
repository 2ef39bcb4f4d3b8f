"""The signer's secrets on their way to the task worker: sealed to the worker's key.

A signing runs in `manage.py db_worker` (django-tasks' database queue), and a task's arguments
are a database row: whoever reads the database, a backup or the replica would read them. So
the web request seals the password and passphrase to the worker's X25519 public key (libsodium's
sealed box through PyNaCl: an ephemeral key per message, readable only with the worker's private
key, which lives in a file on the worker's host and never in the database or a backup). The
sealed text names what it is for (the batch and its run), and is refused once older than
`AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS`; the worker erases it from the task's row as soon as
it has read it (bulk/runs.py).

The private key: `AUTENTIKA_WORKER_KEY_FILE` (default `var/worker_key`, generated once, mode
0600). A web server on another host seals with `AUTENTIKA_WORKER_PUBLIC_KEY` (printed by
`manage.py worker_key`) and needs no private key.
"""

import base64
import json
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from autentika.core.secret_files import secret_file_text

EXPIRED = (
    "Permintaan tanda tangan menunggu terlalu lama di antrean sehingga kata sandi dan frasa "
    "sandi yang dikirim tidak lagi dipakai; tidak ada surat yang ditandatangani. Ulangi "
    "penandatanganan."
)
UNREADABLE = (
    "Worker tidak dapat membuka rahasia penandatanganan (kunci worker tidak cocok); tidak ada "
    "surat yang ditandatangani. Rinciannya dicatat di log server."
)


class SealedSecretsRefused(Exception):
    """The sealed secrets cannot be used: too old, for another run, or not for this key."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _key_file() -> Path:
    path = Path(settings.AUTENTIKA_WORKER_KEY_FILE).resolve()
    if path.is_relative_to(Path(settings.PRIVATE_FILES_ROOT).resolve()):
        raise ImproperlyConfigured(
            "AUTENTIKA_WORKER_KEY_FILE tidak boleh berada di folder berkas aplikasi (folder itu "
            "ikut dicadangkan)."
        )
    return path


def worker_private_key() -> PrivateKey:
    """The worker's private key, generated into its file the first time it is needed."""
    path = _key_file()
    text = secret_file_text(
        path, make=lambda: base64.b64encode(bytes(PrivateKey.generate())).decode()
    )
    try:
        return PrivateKey(base64.b64decode(text, validate=True))
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"AUTENTIKA_WORKER_KEY_FILE ({path}) tidak berisi kunci X25519 (base64)."
        ) from error


def worker_public_key() -> PublicKey:
    if configured := settings.AUTENTIKA_WORKER_PUBLIC_KEY:
        try:
            return PublicKey(base64.b64decode(configured, validate=True))
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(
                "AUTENTIKA_WORKER_PUBLIC_KEY bukan kunci publik X25519 (base64)."
            ) from error
    return worker_private_key().public_key


def public_key_text() -> str:
    return base64.b64encode(bytes(worker_public_key())).decode()


def secrets_seal(*, purpose: str, secrets: dict[str, str]) -> str:
    """The secrets, sealed to the worker's key, bound to `purpose` and to this moment."""
    message = json.dumps({"purpose": purpose, "sealed_at": time.time(), "secrets": secrets})
    return base64.b64encode(SealedBox(worker_public_key()).encrypt(message.encode())).decode()


def secrets_open(*, purpose: str, sealed: str, now: float | None = None) -> dict[str, str]:
    """The secrets sealed for `purpose`; SealedSecretsRefused when they cannot be used."""
    try:
        opened = SealedBox(worker_private_key()).decrypt(base64.b64decode(sealed))
    except (CryptoError, ValueError) as error:
        raise SealedSecretsRefused(UNREADABLE) from error
    message = json.loads(opened)
    if message.get("purpose") != purpose:
        raise SealedSecretsRefused(UNREADABLE)
    age = (now if now is not None else time.time()) - float(message["sealed_at"])
    if age > settings.AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS:
        raise SealedSecretsRefused(EXPIRED)
    return {str(key): str(value) for key, value in message["secrets"].items()}
