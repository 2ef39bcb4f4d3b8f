"""The interface every signing backend implements, and what passes through it.

A signing is two calls, so that nothing is consumed before the signer may sign:
`prepare` (before the letter number is taken: the signer's certificate or provider status and,
for a local key, the passphrase) and `sign` (the rendered letter in, the final PAdES B-LTA
letter out). Both raise BackendFailure with an Indonesian message; no backend retries.
"""

import abc
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SignerIdentity:
    """Who signs, as the providers know them: the signer's record (organization.Assignment)."""

    username: str
    name: str
    nik: str = ""
    email: str = ""


@dataclass(frozen=True)
class SignatureRequest:
    pdf: bytes
    reason: str
    location: str
    timestamper: Any = None


@dataclass(frozen=True)
class SignedPdf:
    pdf: bytes
    certificate_subject: str
    # What the provider answered (e.g. BSrE's document id), for the audit log.
    audit: dict[str, Any] = field(default_factory=dict)


class SigningBackend(abc.ABC):
    """One way to sign. An instance serves one signing (it may keep state between
    `prepare` and `sign`)."""

    name: str = ""
    # Whether a provider holds the key (the signing page shows its status first), and what the
    # signer types to authorise the signature there.
    remote: bool = False
    passphrase_label = "Frasa sandi sertifikat tanda tangan elektronik"
    ready_text = ""

    def status_check(self, *, identity: SignerIdentity) -> None:
        """Refuse (BackendFailure) when the provider says this signer cannot sign now, before
        any secret is asked for; a local key has nothing to check."""
        return None

    @abc.abstractmethod
    def prepare(self, *, identity: SignerIdentity, passphrase: str, at: dt.datetime) -> None:
        """Refuse early (BackendFailure) when this signer cannot sign now."""

    @abc.abstractmethod
    def sign(self, request: SignatureRequest) -> SignedPdf:
        """The letter signed, B-LTA, or BackendFailure."""
