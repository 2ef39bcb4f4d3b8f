"""Revoking a signed letter, and linking a replacement letter to the one it replaces.

A signed letter is never deleted or re-rendered: revocation only changes its status, with the
reason and time the public verification page shows. Only a current holder (definitive, Plt or
Plh) of the position that signed the letter may revoke it or name its replacement.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.letters.models import LetterStatus, SignedLetter
from autentika.letters.workflow import LETTER_WORKFLOW
from autentika.organization.access import user_may
from autentika.organization.models import Assignment
from autentika.organization.selectors import acting_assignment

MAX_REASON = 2000


def revocation_may(*, actor: Any, letter: SignedLetter) -> bool:
    """Does the actor hold, today, the position that signed the letter?"""
    return user_may(actor, Action.LETTER_REVOKE, obj=letter)


def _signer_acting(
    *, actor: Any, letter: SignedLetter, step: str, state_refusal: str
) -> Assignment:
    LETTER_WORKFLOW.check(
        actor,
        letter,
        step,
        state_refusal=state_refusal,
        permission_refusal=f"Hanya pemegang jabatan {letter.signer_position.title} yang dapat "
        "mencabut atau mengganti surat ini.",
    )
    assignment = acting_assignment(user=actor, position=letter.signer_position)
    assert assignment is not None
    return assignment


def _locked(letter: SignedLetter) -> SignedLetter:
    return (
        SignedLetter.objects.select_for_update(of=("self",))
        .select_related("office", "signer_position", "case__party")
        .get(pk=letter.pk)
    )


@transaction.atomic
def letter_revoke(
    *, letter: SignedLetter, actor: Any, reason: str, now: dt.datetime | None = None
) -> SignedLetter:
    """The signer's position revokes a letter in force (e.g. results corrected after a court
    ruling). The reason is public: it is shown on the verification page."""
    now = now or timezone.now()
    letter = _locked(letter)
    acting = _signer_acting(
        actor=actor,
        letter=letter,
        step="revoke",
        state_refusal=f"Surat Nomor {letter.number} sudah {letter.get_status_display().lower()}; "
        "tidak dapat dicabut lagi.",
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Tuliskan alasan pencabutan surat.")
    if len(reason) > MAX_REASON:
        raise ValidationError(f"Alasan pencabutan paling panjang {MAX_REASON} karakter.")
    from_state = LETTER_WORKFLOW.move(letter, "revoke", LetterStatus.REVOKED)
    letter.revoked_at = now
    letter.revocation_reason = reason
    letter.save(update_fields=["status", "revoked_at", "revocation_reason"])
    audit_record(
        event_type=AuditEventType.LETTER_REVOKED,
        office=letter.office,
        actor=actor,
        acting_position=letter.signer_position,
        acting_capacity=acting.kind,
        target=letter.case,
        from_state=from_state,
        to_state=letter.status,
        data={"letter": letter.pk, "number": letter.number, "reason": reason},
    )
    return letter


@transaction.atomic
def letter_replace_link(
    *,
    old: SignedLetter,
    new: SignedLetter,
    actor: Any,
    reason: str = "",
    now: dt.datetime | None = None,
) -> SignedLetter:
    """Record that `new` replaces `old` (same office, same party). `old` becomes `replaced`,
    whether it was in force or already revoked; `new` must be in force."""
    now = now or timezone.now()
    if old.pk == new.pk:
        raise ValidationError("Surat tidak dapat menggantikan dirinya sendiri.")
    old = _locked(old)
    new = SignedLetter.objects.select_related("office", "case__party").get(pk=new.pk)
    acting = _signer_acting(
        actor=actor,
        letter=old,
        step="replace",
        state_refusal=f"Surat Nomor {old.number} sudah diganti.",
    )
    if new.office_id != old.office_id:
        raise ValidationError("Surat pengganti harus diterbitkan oleh kantor yang sama.")
    if new.case.party.short_name != old.case.party.short_name:
        raise ValidationError("Surat pengganti harus untuk partai yang sama.")
    if new.status != LetterStatus.VALID:
        raise ValidationError(
            f"Surat pengganti Nomor {new.number} tidak berlaku "
            f"({new.get_status_display().lower()})."
        )
    if new.signed_at < old.signed_at:
        raise ValidationError("Surat pengganti harus ditandatangani sesudah surat yang diganti.")
    reason = (reason or "").strip()[:MAX_REASON]
    from_state = LETTER_WORKFLOW.move(old, "replace", LetterStatus.REPLACED)
    old.replaced_by = new
    fields = ["status", "replaced_by"]
    if old.revoked_at is None:
        old.revoked_at = now
        old.revocation_reason = reason or f"Diganti dengan surat Nomor {new.number}."
        fields += ["revoked_at", "revocation_reason"]
    old.save(update_fields=fields)
    audit_record(
        event_type=AuditEventType.LETTER_REPLACED,
        office=old.office,
        actor=actor,
        acting_position=old.signer_position,
        acting_capacity=acting.kind,
        target=old.case,
        from_state=from_state,
        to_state=old.status,
        data={
            "letter": old.pk,
            "number": old.number,
            "replaced_by": new.pk,
            "replaced_by_number": new.number,
            "reason": old.revocation_reason,
        },
    )
    return old
