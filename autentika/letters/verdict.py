"""The one verdict word for a recorded letter, shared by the public page, the API and
`verify_letter`: only `valid` may be relied on; a specimen, a revoked and a replaced letter
are never valid."""

from autentika.letters.models import LetterStatus, SignedLetter

VALID = "valid"
SPECIMEN = "specimen"
REVOKED = "revoked"
REPLACED = "replaced"


def letter_public_status(letter: SignedLetter) -> str:
    if letter.status == LetterStatus.REVOKED:
        return REVOKED
    if letter.status == LetterStatus.REPLACED:
        return REPLACED
    return SPECIMEN if letter.is_specimen else VALID
