"""A Cloud Signature Consortium (CSC API v1) provider, through pyHanko's CSC signer: the key
stays with the provider, which signs our hash; the signature, its timestamp and the B-LTA data
are made here (signing.pdf_sign). The credential is named from the signer's record
(`credential` in the configuration, e.g. "demo/bsre-{nik}"); the passphrase is the
credential's PIN; the authorisation is bound to the document hash (SCAL 2).

Before anything is signed the credential's certificate must chain to the configured
`trust_anchors` and name the signer on record (NIK or e-mail).
"""

import datetime as dt
from typing import Any

import aiohttp
from pyhanko.sign import signers
from pyhanko.sign.signers.csc_signer import (
    CSCAuthorizationInfo,
    CSCAuthorizationManager,
    CSCServiceSessionInfo,
    CSCSigner,
    fetch_certs_in_csc_credential,
)
from pyhanko_certvalidator import CertificateValidator, ValidationContext

from autentika.letters import trust
from autentika.letters.bsre_test_ca import subject_identity
from autentika.letters.errors import BackendFailure
from autentika.letters.signing import SigningError, _asn1_certificate, pdf_sign

from .base import SignatureRequest, SignedPdf, SignerIdentity, SigningBackend
from .remote import anchors_load

NOT_SIGNED = "Surat belum ditandatangani; tidak ada nomor yang terpakai."


class PinAuthorizationManager(CSCAuthorizationManager):
    """SCAL 2: authorise exactly the hashes about to be signed, with the signer's PIN."""

    def __init__(self, *, session: aiohttp.ClientSession, pin: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session, self.pin = session, pin

    async def authorize_signature(self, hash_b64s: list[str]) -> CSCAuthorizationInfo:
        request = self.format_csc_auth_request(pin=self.pin, hash_b64s=hash_b64s)
        url = self.csc_session_info.endpoint_url("credentials/authorize")
        async with self.session.post(
            url, headers=self.auth_headers, json=request, raise_for_status=True
        ) as response:
            return self.parse_csc_auth_response(await response.json())


class CscBackend(SigningBackend):
    name = "csc"

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self._identity: SignerIdentity | None = None
        self._pin = ""
        self.subject = ""

    def prepare(self, *, identity: SignerIdentity, passphrase: str, at: dt.datetime) -> None:
        if not identity.nik and not identity.email:
            raise BackendFailure(
                "NIK atau e-mail Anda untuk tanda tangan elektronik belum diisi pada data "
                f"penugasan; hubungi administrator. {NOT_SIGNED}"
            )
        self._identity, self._pin = identity, passphrase

    def _session_info(self) -> CSCServiceSessionInfo:
        assert self._identity is not None
        template = str(self.config.get("credential", "{nik}"))
        return CSCServiceSessionInfo(
            service_url=str(self.config.get("url", "")).rstrip("/"),
            credential_id=template.format(nik=self._identity.nik, email=self._identity.email),
            oauth_token=self.config.get("oauth_token") or None,
        )

    async def _signer(self, session: aiohttp.ClientSession) -> signers.Signer:
        assert self._identity is not None
        info = self._session_info()
        credential = await fetch_certs_in_csc_credential(session, info)
        anchors = [_asn1_certificate(c) for c in anchors_load(self.config)]
        validator = CertificateValidator(
            credential.signing_cert,
            intermediate_certs=list(credential.chain),
            validation_context=ValidationContext(trust_roots=anchors, allow_fetching=False),
        )
        try:
            await validator.async_validate_usage({"non_repudiation"})
        except Exception as error:
            raise CredentialRefused(
                "sertifikat kredensialnya tidak diterbitkan oleh otoritas yang dikonfigurasi "
                "untuk layanan ini."
            ) from error
        named = subject_identity(credential.signing_cert)
        if not (
            (self._identity.nik and named["nik"] == self._identity.nik)
            or (not self._identity.nik and named["email"].lower() == self._identity.email.lower())
        ):
            raise CredentialRefused(
                f"sertifikatnya atas nama {named['name'] or 'orang lain'}, bukan penanda tangan "
                "yang tercatat (NIK/e-mail)."
            )
        self.subject = credential.signing_cert.subject.human_friendly[:400]
        manager = PinAuthorizationManager(
            session=session, pin=self._pin, csc_session_info=info, credential_info=credential
        )
        return CSCSigner(session, manager, sign_timeout=int(self.config.get("timeout", 60)))

    def sign(self, request: SignatureRequest) -> SignedPdf:
        from django.conf import settings

        try:
            signed = pdf_sign(
                pdf_bytes=request.pdf,
                signer=None,  # type: ignore[arg-type]
                signer_factory=self._signer,
                reason=request.reason,
                location=request.location,
                timestamper=request.timestamper,
                timestamp_url=getattr(settings, "AUTENTIKA_TSA_URL", ""),
                trust_roots=[*trust.trust_roots_load(), *anchors_load(self.config)],
            )
        except SigningError as error:
            cause = _refusal_in(error)
            if cause is not None:
                raise BackendFailure(
                    f"Kredensial layanan CSC ditolak: {cause} {NOT_SIGNED}",
                    audit={"provider": self.name, "refused": str(cause)},
                ) from error
            raise BackendFailure(
                f"Penandatanganan melalui layanan CSC gagal: {error} Nomor surat tidak "
                "terpakai; tanda tangan yang mungkin sudah dibuat penyedia tidak dipakai.",
                audit={"provider": self.name, "may_have_signed": True},
            ) from error
        return SignedPdf(
            pdf=signed,
            certificate_subject=self.subject,
            audit={"provider": self.name, "credential": self._session_info().credential_id},
        )


class CredentialRefused(Exception):
    """The CSC credential is not the signer's or not from the configured authority."""


def _refusal_in(error: BaseException) -> "CredentialRefused | None":
    current: BaseException | None = error
    for _ in range(10):
        if current is None:
            return None
        if isinstance(current, CredentialRefused):
            return current
        current = current.__cause__ or current.__context__
    return None
