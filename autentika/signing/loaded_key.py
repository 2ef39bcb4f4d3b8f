"""Signing with a private key loaded once.

pyHanko's SimpleSigner and Certomancer's signing backend turn their key (an asn1crypto
structure) into a `cryptography` key for every signature; `cryptography` then checks the RSA key
again, which with OpenSSL 3 costs about 50 ms for a 2048-bit key: a letter's signature, its two
timestamps and its OCSP answers paid it each time. Here the key is loaded (and checked) once,
when its archive is opened, and the signatures use that object.
"""

from typing import Any

from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers.pdf_cms import SimpleSigner


class LoadedKeySigner(SimpleSigner):
    """A SimpleSigner whose RSA PKCS#1 v1.5 signatures use an already loaded key."""

    def __init__(self, *, private_key: PrivateKeyTypes, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if mechanism.signature_algo != "rsassa_pkcs1v15" or not isinstance(
            self._private_key, RSAPrivateKey
        ):
            return super().sign_raw(data, digest_algorithm)
        return self._private_key.sign(
            data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)
        )
