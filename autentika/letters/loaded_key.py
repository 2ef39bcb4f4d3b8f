"""Signing with a private key loaded once.

pyHanko's SimpleSigner and Certomancer's signing backend turn their key (an asn1crypto
structure) into a `cryptography` key for every signature; `cryptography` then checks the RSA key
again, which with OpenSSL 3 costs about 50 ms for a 2048-bit key: a letter's signature, its two
timestamps and its OCSP answers paid it each time. Here the key is loaded (and checked) once,
when its archive is opened, and the signatures use that object.
"""

from functools import lru_cache
from typing import Any

from asn1crypto import algos
from asn1crypto import keys as asn1_keys
from certomancer import crypto_utils as certomancer_crypto
from cryptography.hazmat.primitives import serialization
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


@lru_cache(maxsize=64)
def _demo_key(der: bytes) -> Any:
    return serialization.load_der_private_key(der, password=None)


def demo_key_signer(*, signing_key: asn1_keys.PrivateKeyInfo, **kwargs: Any) -> SimpleSigner:
    """A signer with a demo CA key (the BSrE simulator's remote signers), loaded once."""
    return LoadedKeySigner(
        private_key=_demo_key(signing_key.dump()), signing_key=signing_key, **kwargs
    )


class _DemoCaBackend(certomancer_crypto.PycaCryptographyBackend):
    """The demo CA's services (TSA, OCSP, CRL) sign with their few keys loaded once each."""

    def generic_sign(
        self,
        private_key: asn1_keys.PrivateKeyInfo,
        tbs_bytes: bytes,
        sd_algo: algos.SignedDigestAlgorithm,
    ) -> bytes:
        if sd_algo.signature_algo != "rsassa_pkcs1v15":
            return super().generic_sign(private_key, tbs_bytes, sd_algo)
        key = _demo_key(private_key.dump())
        if not isinstance(key, RSAPrivateKey):
            return super().generic_sign(private_key, tbs_bytes, sd_algo)
        return key.sign(tbs_bytes, PKCS1v15(), get_pyca_cryptography_hash(sd_algo.hash_algo))


def demo_ca_backend_install() -> None:
    """Certomancer reads its signing backend from this module attribute (its extension point)."""
    if not isinstance(certomancer_crypto.CRYPTO_BACKEND, _DemoCaBackend):
        certomancer_crypto.CRYPTO_BACKEND = _DemoCaBackend()
