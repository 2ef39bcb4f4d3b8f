"""Keeping issued letters verifiable: the archive timestamp chain (PAdES B-LTA) is extended
before the certificate of its last document timestamp expires, and the signer's certificate is
watched for a later revocation (certificate_watch.py).

`letters_maintain` does both for every letter due; `manage.py letters_maintain` and the task
`letters.tasks.letters_maintain` call it (run it daily, e.g. from cron or a systemd timer). A
renewal appends a DSS update and a document timestamp: the signed revision never changes, so
copies handed out earlier are still recognised as the same letter.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.signing.archive import archive_timestamp_add, archive_timestamp_expiry
from autentika.signing.certificate_watch import (
    CertificateFinding,
    proven_signing_time,
    signer_certificate_check,
)
from autentika.signing.pades import sha256_hex
from autentika.signing.trust import trust_roots_load

from .models import LetterStatus, SignedLetter

logger = logging.getLogger(__name__)

# Renew when the last document timestamp's certificate expires within this margin.
RENEW_MARGIN = dt.timedelta(days=365)


@dataclass
class MaintenanceSummary:
    renewed: list[str] = field(default_factory=list)
    revoked: list[str] = field(default_factory=list)
    # letters whose signer certificate was reported revoked before and is not any more
    cleared: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def letters_maintain(
    *, now: dt.datetime | None = None, renew_margin: dt.timedelta = RENEW_MARGIN
) -> MaintenanceSummary:
    """Renew due archive timestamps and ask the CA, on every run, about each letter's signer
    certificate: a revocation (time, reason) is recorded, a lifted one cleared."""
    moment = now or timezone.now()
    summary = MaintenanceSummary()
    roots = trust_roots_load()
    for letter in SignedLetter.objects.exclude(status=LetterStatus.REVOKED).iterator():
        pdf = bytes(letter.pdf)
        expiry = archive_timestamp_expiry(pdf)
        if expiry is not None and expiry - renew_margin <= moment:
            try:
                pdf = archive_timestamp_add(pdf=pdf, timestamp_url=settings.AUTENTIKA_TSA_URL)
            except Exception:
                logger.warning("archive timestamp renewal failed for %s", letter.pk, exc_info=True)
                summary.failed.append(letter.number)
            else:
                letter.pdf, letter.sha256 = pdf, sha256_hex(pdf)
                letter.save(update_fields=["pdf", "sha256"])
                summary.renewed.append(letter.number)
        if letter.signature_timestamp_at is None:  # letters signed before it was recorded
            letter.signature_timestamp_at = proven_signing_time(pdf)
            letter.save(update_fields=["signature_timestamp_at"])
        finding = signer_certificate_check(pdf=pdf, trust_roots=roots)
        if finding.checked:
            was_revoked = letter.certificate_revoked_at is not None
            _certificate_status_record(letter=letter, finding=finding, moment=moment)
            if finding.revoked_at is not None:
                summary.revoked.append(letter.number)
            elif was_revoked:
                summary.cleared.append(letter.number)
    return summary


@transaction.atomic
def _certificate_status_record(
    *, letter: SignedLetter, finding: CertificateFinding, moment: dt.datetime
) -> None:
    """What the CA says now; a change of it (revoked, another time or reason, lifted) is an
    audited event: it changes the letter's public verdict."""
    before = (letter.certificate_revoked_at, letter.certificate_revocation_reason)
    after = (finding.revoked_at, finding.reason if finding.revoked_at else "")
    letter.certificate_checked_at = moment
    fields = ["certificate_checked_at"]
    if before != after:
        letter.certificate_revoked_at, letter.certificate_revocation_reason = after
        fields += ["certificate_revoked_at", "certificate_revocation_reason"]
        audit_record(
            event_type=AuditEventType.LETTER_CERTIFICATE_STATUS,
            office=letter.office,
            target=letter.case,
            data={
                "letter": letter.pk,
                "number": letter.number,
                "revoked_at": after[0].isoformat() if after[0] else None,
                "reason": after[1],
                "previously_revoked_at": before[0].isoformat() if before[0] else None,
            },
        )
    letter.save(update_fields=fields)
