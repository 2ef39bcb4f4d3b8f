"""Salinan arsip: the office's copy of a signed letter, with the paraf table.

Rendered on request, unsigned, from what the letter was signed from (its DraftVersion's text
and tables, the last round's parafs, the number, date and signer recorded on the letter),
marked SALINAN ARSIP on every page and without the verification QR code, so it is never taken
for the letter itself. The signed PDF is never touched."""

from autentika.letters import rendering
from autentika.letters.models import SignedLetter
from autentika.letters.review import draft_parafs


def letter_archive_copy_pdf(*, letter: SignedLetter) -> bytes:
    block = rendering.SignatureBlock(
        number=letter.number,
        date=letter.date,
        position_title=letter.signer_position_title,
        name=letter.signer_name,
        employee_number=letter.signer_employee_number,
        verification_url=rendering.verification_url(letter.verification_token),
    )
    return rendering.letter_pdf(
        case=letter.case,
        version=letter.version,
        parafs=draft_parafs(draft=letter.draft),
        signature=block,
        signer_position_title=letter.signer_position_title,
        signer_name=letter.signer_name,
        signer_employee_number=letter.signer_employee_number,
        archive_copy=True,
    )
