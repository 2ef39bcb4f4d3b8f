"""The local backend: the signer's PKCS#12 key file on this server (trust.signer_key_path),
for offices without BSrE and for training."""

import datetime as dt

from django.conf import settings
from pyhanko.sign.signers.pdf_cms import SimpleSigner

from autentika.signing import reauth, trust
from autentika.signing.errors import BackendFailure
from autentika.signing.pades import SigningError, pdf_sign

from .base import SignatureRequest, SignedPdf, SignerIdentity, SigningBackend


class LocalPkcs12Backend(SigningBackend):
    name = "local"

    def __init__(self, config: dict[str, object] | None = None) -> None:
        self.config = config or {}
        self._signer: SimpleSigner | None = None

    def prepare(self, *, identity: SignerIdentity, passphrase: str, at: dt.datetime) -> None:
        key_path = trust.signer_key_path(identity.username)
        if not key_path.exists():
            raise BackendFailure(
                "Kunci tanda tangan elektronik (berkas PKCS#12) untuk pengguna ini belum "
                "terpasang; hubungi administrator."
            )
        try:
            # A wrong passphrase reads like a wrong password (reauth.WRONG_SECRET): no oracle.
            self._signer = reauth.signer_open(key_path=key_path, passphrase=passphrase, at=at)
        except SigningError as error:
            raise BackendFailure(str(error)) from error

    def sign(self, request: SignatureRequest) -> SignedPdf:
        assert self._signer is not None, "prepare() first"
        try:
            signed = pdf_sign(
                pdf_bytes=request.pdf,
                signer=self._signer,
                reason=request.reason,
                location=request.location,
                timestamper=request.timestamper,
                timestamp_url=settings.AUTENTIKA_TSA_URL,
                trust_roots=trust.trust_roots_load(),
            )
        except SigningError as error:
            raise BackendFailure(f"{error} Nomor surat tidak terpakai.") from error
        cert = self._signer.signing_cert
        return SignedPdf(
            pdf=signed, certificate_subject=cert.subject.human_friendly[:400] if cert else ""
        )
