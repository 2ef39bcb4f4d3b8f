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

from autentika.signing import trust
from autentika.signing.certificates import subject_identity
from autentika.signing.errors import BackendFailure
from autentika.signing.pades import SigningError, _asn1_certificate, pdf_sign

from .base import SignatureRequest, SignedPdf, SignerIdentity, SigningBackend
from .remote import anchors_load

NOT_SIGNED = "Surat belum ditandatangani; tidak ada nomor yang terpakai."
MAYBE_SIGNED = (
    "Penyedia mungkin sudah membuat tanda tangan, tetapi tanda tangan itu tidak dipakai; surat "
    "belum ditandatangani dan tidak ada nomor yang terpakai, jadi aman untuk mencoba lagi."
)
STAGES = {
    "info": "membaca kredensial",
    "authorize": "otorisasi PIN",
    "signHash": "penandatanganan",
}


class CscUnavailable(Exception):
    """The provider failed (connection, timeout, HTTP error, unreadable answer) at one stage;
    raised inside pyHanko's signing and found again in the error's chain."""

    def __init__(self, text: str, audit: dict[str, Any]) -> None:
        super().__init__(text)
        self.text, self.audit = text, audit


def csc_failure(error: BaseException, *, stage: str, url: str, timeout: float) -> CscUnavailable:
    """The Indonesian account of a failed CSC call; only signHash may have signed."""
    may = stage == "signHash"
    cause = _first_in_chain(
        error,
        (aiohttp.ClientResponseError, TimeoutError, aiohttp.ClientConnectionError),
    )
    audit: dict[str, Any] = {"provider": "csc", "stage": stage, "may_have_signed": may}
    if isinstance(cause, aiohttp.ClientResponseError):
        audit |= {"failure": "http", "http_status": cause.status}
        if cause.status >= 500:
            text = f"Layanan CSC sedang mengalami gangguan (HTTP {cause.status})"
        elif stage == "authorize":
            text = f"Layanan CSC menolak otorisasi (HTTP {cause.status}): PIN mungkin salah"
        else:
            text = f"Layanan CSC menolak permintaan (HTTP {cause.status})"
    elif isinstance(cause, TimeoutError):
        audit["failure"] = "timeout"
        text = f"Layanan CSC tidak menjawab dalam {timeout:g} detik"
    elif isinstance(cause, aiohttp.ClientConnectionError):
        audit["failure"] = "connection"
        text = f"Layanan CSC ({url}) tidak dapat dihubungi"
    else:
        audit["failure"] = "malformed"
        text = "Jawaban layanan CSC tidak dapat dibaca"
    return CscUnavailable(
        f"{text} saat {STAGES[stage]}. {MAYBE_SIGNED if may else NOT_SIGNED}", audit
    )


def _first_in_chain(error: BaseException, kinds: tuple[type, ...]) -> BaseException | None:
    current: BaseException | None = error
    for _ in range(10):
        if current is None or isinstance(current, kinds):
            return current
        current = current.__cause__ or current.__context__
    return None


class PinAuthorizationManager(CSCAuthorizationManager):
    """SCAL 2: authorise exactly the hashes about to be signed, with the signer's PIN."""

    def __init__(
        self, *, session: aiohttp.ClientSession, pin: str, timeout: float, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.session, self.pin, self.timeout = session, pin, timeout

    async def authorize_signature(self, hash_b64s: list[str]) -> CSCAuthorizationInfo:
        request = self.format_csc_auth_request(pin=self.pin, hash_b64s=hash_b64s)
        url = self.csc_session_info.endpoint_url("credentials/authorize")
        try:
            async with self.session.post(
                url,
                headers=self.auth_headers,
                json=request,
                raise_for_status=True,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as response:
                return self.parse_csc_auth_response(await response.json())
        except Exception as error:
            raise csc_failure(
                error,
                stage="authorize",
                url=self.csc_session_info.service_url,
                timeout=self.timeout,
            ) from error


class AccountedCscSigner(CSCSigner):
    """pyHanko's CSC signer whose failed signHash keeps its cause (pyHanko's batch commit would
    log it and raise a bare "No signing results available")."""

    async def _do_commit(self, batch: Any) -> None:
        try:
            await super()._do_commit(batch)
        except CscUnavailable:
            raise  # the authorisation, asked for by the commit
        except Exception as error:
            raise csc_failure(
                error,
                stage="signHash",
                url=self.auth_manager.csc_session_info.service_url,
                timeout=self.sign_timeout,
            ) from error


class CscBackend(SigningBackend):
    name = "csc"
    remote = True
    passphrase_label = "PIN kredensial tanda tangan Anda (penyedia CSC)"
    ready_text = "Surat ditandatangani oleh penyedia sertifikat (CSC) dengan PIN kredensial Anda."

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self._identity: SignerIdentity | None = None
        self._pin = ""
        self.subject = ""
        self.timeout = max(1, int(config.get("timeout", 60)))

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
        try:
            credential = await fetch_certs_in_csc_credential(
                session, info, timeout=int(self.timeout)
            )
        except Exception as error:
            raise csc_failure(
                error, stage="info", url=info.service_url, timeout=self.timeout
            ) from error
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
            session=session,
            pin=self._pin,
            timeout=self.timeout,
            csc_session_info=info,
            credential_info=credential,
        )
        return AccountedCscSigner(session, manager, sign_timeout=int(self.timeout))

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
                timestamp_url=settings.AUTENTIKA_TSA_URL,
                trust_roots=[*trust.trust_roots_load(), *anchors_load(self.config)],
            )
        except SigningError as error:
            unavailable = _first_in_chain(error, (CscUnavailable,))
            if isinstance(unavailable, CscUnavailable):
                raise BackendFailure(unavailable.text, audit=unavailable.audit) from error
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
    found = _first_in_chain(error, (CredentialRefused,))
    return found if isinstance(found, CredentialRefused) else None
