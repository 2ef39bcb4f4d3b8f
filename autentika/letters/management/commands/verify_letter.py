import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from autentika.letters.models import SignedLetter
from autentika.letters.verdict import VALID, letter_public_status
from autentika.signing.trust import trust_roots_load, tsa_anchors_load
from autentika.signing.validation import pdf_validate


class Command(BaseCommand):
    # Read-only: no system checks (they import the URL configuration and run every app's
    # checks, most of the command's start-up); the server's start and `manage.py check` run them.
    requires_system_checks: list[str] = []
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
        report = pdf_validate(
            pdf_bytes=content, trust_roots=trust_roots_load(), tsa_anchors=tsa_anchors_load()
        )
        # The recorded letter, also when later long-term-validation updates were appended.
        same = Q(sha256=report.sha256)
        if report.signed_revision_sha256 and report.only_long_term_updates:
            same |= Q(signed_revision_sha256=report.signed_revision_sha256)
        letter = SignedLetter.objects.filter(same).first()
        status = letter_public_status(letter) if letter else "not_found"
        ok = report.valid and report.intact and status == VALID
        result = {
            "valid": bool(ok),
            "status": status,
            "signature_valid": report.valid,
            "intact": report.intact,
            "trusted": report.trusted,
            "signer": report.signer_name,
            "signer_subject": report.signer_subject,
            "signing_time": report.signing_time.isoformat() if report.signing_time else None,
            "letter_number": letter.number if letter else None,
            "sha256": report.sha256,
            "specimen": letter.is_specimen if letter else None,
            "needs_renewal": report.needs_renewal,
            "later_additions": list(report.later_additions),
            "error": report.error
            or ("" if letter else "Berkas ini tidak sama dengan surat yang tercatat di sini."),
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        if not ok:
            raise SystemExit(1)
