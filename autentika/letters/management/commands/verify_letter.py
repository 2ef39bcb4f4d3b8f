import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.letters.models import LetterStatus, SignedLetter
from autentika.letters.trust import trust_roots_load
from autentika.letters.validation import pdf_validate


class Command(BaseCommand):
    help = (
        "Check a signed letter (PDF): signature valid and intact, signer trusted, and the file "
        "is the one recorded here. Prints JSON; exits 0 only for a valid letter of ours."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {error}") from error
        report = pdf_validate(pdf_bytes=content, trust_roots=trust_roots_load())
        letter = SignedLetter.objects.filter(sha256=report.sha256).first()
        result = {
            "valid": report.valid,
            "intact": report.intact,
            "trusted": report.trusted,
            "signer": report.signer_name,
            "signer_subject": report.signer_subject,
            "signing_time": report.signing_time.isoformat() if report.signing_time else None,
            "letter_number": letter.number if letter else None,
            "sha256": report.sha256,
            "status": letter.status if letter else "not_found",
            "specimen": letter.is_specimen if letter else None,
            "error": report.error
            or ("" if letter else "Berkas ini tidak sama dengan surat yang tercatat di sini."),
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        ok = report.valid and report.intact and letter and letter.status == LetterStatus.VALID
        if not ok:
            raise SystemExit(1)
