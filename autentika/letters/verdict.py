"""The one verdict word for a recorded letter, shared by the public page, the API and
`verify_letter`: only `valid` may be relied on; a specimen, a revoked and a replaced letter are
never valid, nor one whose signer certificate its CA revoked before the letter's proven signing
time (ETSI EN 319 102-1: the signature was made with a revoked certificate, whatever the reason)."""

from autentika.letters.models import LetterStatus, SignedLetter

VALID = "valid"
SPECIMEN = "specimen"
REVOKED = "revoked"
REPLACED = "replaced"
CERTIFICATE_REVOKED = "certificate_revoked"


def signed_with_revoked_certificate(letter: SignedLetter) -> bool:
    """Was the signer's certificate revoked at or before the time the signature's timestamp
    proves (the server's signing time when no timestamp was recorded)?"""
    revoked_at = letter.certificate_revoked_at
    if revoked_at is None:
        return False
    proven = letter.signature_timestamp_at or letter.signed_at
    return revoked_at <= proven


def letter_public_status(letter: SignedLetter) -> str:
    if letter.status == LetterStatus.REVOKED:
        return REVOKED
    if letter.status == LetterStatus.REPLACED:
        return REPLACED
    if signed_with_revoked_certificate(letter):
        return CERTIFICATE_REVOKED
    return SPECIMEN if letter.is_specimen else VALID


# What a party or staff member reads for each verdict: a SPESIMEN letter is never "Berlaku".
VERDICT_LABELS = {
    VALID: "Berlaku",
    SPECIMEN: "Spesimen (latihan, tidak berlaku)",
    REVOKED: "Dicabut",
    REPLACED: "Diganti",
    CERTIFICATE_REVOKED: "Tidak berlaku (sertifikat penanda tangan dicabut)",
}


def letter_verdict_label(letter: SignedLetter) -> str:
    return VERDICT_LABELS[letter_public_status(letter)]
