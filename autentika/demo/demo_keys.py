"""The demo CA's keys loaded once (signing/loaded_key.py says why): the BSrE simulator's remote
signers and the signing backend Certomancer's services (TSA, OCSP, CRL) use."""

from functools import lru_cache
from typing import Any

from asn1crypto import algos
from asn1crypto import keys as asn1_keys
from certomancer import crypto_utils as certomancer_crypto
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers.pdf_cms import SimpleSigner

from autentika.signing.loaded_key import LoadedKeySigner


@lru_cache(maxsize=64)
def _demo_key(der: bytes) -> Any:
    return serialization.load_der_private_key(der, password=None)


def demo_key_signer(*, signing_key: asn1_keys.PrivateKeyInfo, **kwargs: Any) -> SimpleSigner:
    """A signer with a demo CA key (the BSrE simulator's remote signers), loaded once."""
    return LoadedKeySigner(
        private_key=_demo_key(signing_key.dump()), signing_key=signing_key, **kwargs
    )


@lru_cache(maxsize=256)
def _demo_key_file_read(key_bytes: bytes, password: bytes | None) -> tuple[bytes, bytes]:
    private, public = certomancer_crypto.PycaCryptographyBackend().load_private_key(
        key_bytes, password
    )
    return private.dump(), public.dump()


class _DemoCaBackend(certomancer_crypto.PycaCryptographyBackend):
    """The demo CA's services (TSA, OCSP, CRL) sign with their few keys loaded once each, and
    a key file is decrypted once per process (a few hundred milliseconds each): Certomancer
    reads every key again whenever the CA's configuration changes, as it does at each new
    signer, and its CRL reads the key of every certificate it lists."""

    def load_private_key(
        self, key_bytes: bytes, password: bytes | None
    ) -> tuple[asn1_keys.PrivateKeyInfo, asn1_keys.PublicKeyInfo]:
        private, public = _demo_key_file_read(key_bytes, password)
        return asn1_keys.PrivateKeyInfo.load(private), asn1_keys.PublicKeyInfo.load(public)

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
