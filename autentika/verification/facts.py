"""What the verification pages and the API show about a letter.

What a letter states never changes once it is signed (number, date, office, party, subject,
signer, hash, data tables, text): it is read once with its joins and kept in the memory of the
server process (bounded, least recently used first out) for
AUTENTIKA_VERIFY_FACTS_CACHE_SECONDS, keyed by the letter and its SHA-256; nothing here needs
deleting when the letter is revoked or replaced, so no server needs to see another's entries,
and a first visit pays no round trip to the shared cache for them (#32).
What can change at any moment (revoked, replaced, the signer's certificate revoked, a later
letter linked as its replacement) comes from the letter's own row and one small query on every
request. For visitors who are not signed in the whole QR page is kept too, stamped with the
letter's changeable state (verification/page_cache.py). Without this the QR page compiled and
ran a five-join query and rendered the data tables on every hit (docs/BENCHMARKS.md "serving").
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache

from autentika.letters.models import SignedLetter
from autentika.letters.rendering import paragraphs
from autentika.letters.snapshot import table_stated
from autentika.letters.verdict import signed_with_revoked_certificate
from autentika.signing.revocation_reasons import reason_text

# a letter's facts are a few kilobytes: 2,000 letters, some megabytes per server process
_FACTS = LocMemCache("autentika-letter-facts", {"OPTIONS": {"MAX_ENTRIES": 2000}})


def facts_cache_seconds() -> int:
    return int(settings.AUTENTIKA_VERIFY_FACTS_CACHE_SECONDS)


def _dated(table: dict[str, Any]) -> dict[str, Any]:
    """The table as the letter states it: its one total per figure (`table_stated`)."""
    decision = dict(table["decision"])
    decision["date"] = dt.date.fromisoformat(decision["date"])
    return {**table_stated(table), "decision": decision}


def _public_text(text: dict[str, Any]) -> dict[str, Any]:
    if not text:
        return {}
    return {
        **text,
        "body_paragraphs": paragraphs(text.get("body", "")),
        "closing_paragraphs": paragraphs(text.get("closing", "")),
        "copies_list": [
            line.strip() for line in text.get("copies", "").splitlines() if line.strip()
        ],
    }


def _stated(pk: int) -> dict[str, Any]:
    """What the signed letter states, from its rows as signed."""
    letter = (
        SignedLetter.objects.select_related("office", "version", "case__party")
        .defer("pdf")
        .get(pk=pk)
    )
    tables = letter.version.tables or []
    party = letter.case.party
    party_name = party.full_name or party.short_name
    if tables:
        first = tables[0].get("party", {})
        party_name = first.get("full_name") or first.get("short_name") or party_name
    return {
        "number": letter.number,
        "date": letter.date,
        "office": letter.office.name,
        "party": party_name,
        "subject": letter.version.subject,
        "signer_position": letter.signer_position_title,
        "signer_name": letter.signer_name,
        "signed_at": letter.signed_at,
        "sha256": letter.sha256,
        "is_specimen": letter.is_specimen,
        "tables": [_dated(table) for table in tables],
        "absences": letter.version.absences,
        "text": _public_text(letter.text),
    }


def _stated_cached(letter: SignedLetter) -> dict[str, Any]:
    seconds = facts_cache_seconds()
    if seconds <= 0:
        return _stated(letter.pk)
    # ":2": facts kept before the tables carried the stated totals (`table_stated`) are not read.
    key = f"verify-facts:2:{letter.pk}:{letter.sha256}"
    stated = _FACTS.get(key)
    if not isinstance(stated, dict):
        stated = _stated(letter.pk)
        _FACTS.set(key, stated, seconds)
    return stated


def letter_public_facts(letter: SignedLetter) -> dict[str, Any]:
    """Everything the verification page and the API show about a letter."""
    replaced_by = (
        SignedLetter.objects.only("number", "verification_token").get(pk=letter.replaced_by_id)
        if letter.replaced_by_id
        else None
    )
    return {
        **_stated_cached(letter),
        "status": letter.status,
        "revoked_at": letter.revoked_at,
        "certificate_revoked_at": letter.certificate_revoked_at,
        "certificate_revocation_reason": reason_text(letter.certificate_revocation_reason),
        "signature_timestamp_at": letter.signature_timestamp_at or letter.signed_at,
        "signed_with_revoked_certificate": signed_with_revoked_certificate(letter),
        "revocation_reason": letter.revocation_reason,
        "replaced_by_number": replaced_by.number if replaced_by else None,
        "replaced_by_token": replaced_by.verification_token if replaced_by else None,
        "replaces": [
            {"number": old.number, "token": old.verification_token}
            for old in letter.replaces.only("number", "verification_token").order_by("signed_at")
        ],
    }
