"""A decision's status after it is recorded: the one audited change (provisional to official).

Sample figures were invented for training: a sample decision stays sample, so every letter
drawn from its figures stays a specimen. Official figures come only from a new import under an
official decision. `Decision.save` refuses a changed status from any other code path.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.organization.access import user_may
from autentika.results.models import Decision, DecisionStatus

STATUS_CHANGES: dict[str, frozenset[str]] = {
    DecisionStatus.PROVISIONAL: frozenset({DecisionStatus.OFFICIAL}),
}
MIN_REASON = 10


def status_change_refusal(*, number: str, current: str, new: str) -> str | None:
    """Why the decision numbered `number` may not go from `current` to `new`, or None."""
    if new not in DecisionStatus.values:
        return f"Status “{new}” tidak dikenal; pilih official, provisional, atau sample."
    new_label = str(DecisionStatus(new).label).lower()
    current_label = str(DecisionStatus(current).label).lower()
    if new == current:
        return f"Keputusan Nomor {number} sudah berstatus {current_label}."
    if current == DecisionStatus.SAMPLE:
        return (
            f"Keputusan Nomor {number} berstatus contoh (sampel): angka sampel dibuat untuk "
            f"latihan dan tidak dapat dijadikan {new_label}. Hasil resmi hanya masuk melalui "
            "impor baru data resmi dengan keputusan resmi."
        )
    if new == DecisionStatus.SAMPLE:
        return (
            f"Keputusan Nomor {number} berstatus {current_label}; keputusan tidak dapat "
            "dijadikan contoh (sampel). Data latihan dicatat sebagai keputusan contoh tersendiri."
        )
    if new not in STATUS_CHANGES.get(current, frozenset()):
        return (
            f"Keputusan Nomor {number} sudah {current_label}; statusnya tidak dapat diubah "
            f"menjadi {new_label}. Perubahan atas hasil resmi dicatat sebagai keputusan "
            "pembetulan dengan impor baru."
        )
    return None


@transaction.atomic
def decision_status_change(*, decision: Decision, actor: Any, status: str, reason: str) -> Decision:
    """The holder of the duty declares a provisional decision official, with the reason."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("election__office")
        .get(pk=decision.pk)
    )
    office = decision.election.office
    if not user_may(actor, Action.RESULTS_DECISION_STATUS, office=office):
        raise PermissionDenied(
            "Anda tidak berwenang mengubah status keputusan: hanya pemegang jabatan dengan "
            "tugas mengelola arsip hasil pemilu di kantor ini."
        )
    current = decision.status
    refusal = status_change_refusal(number=decision.number, current=current, new=status)
    if refusal is not None:
        raise ValidationError({"status": refusal})
    if len(reason.strip()) < MIN_REASON:
        raise ValidationError(
            {
                "reason": f"Tuliskan alasan perubahan status (paling sedikit {MIN_REASON} "
                "karakter), mis. nomor dan tanggal keputusan yang menetapkannya resmi."
            }
        )
    decision.status = status
    decision.save(update_fields=["status"], status_change=True)
    audit_record(
        event_type=AuditEventType.DECISION_STATUS_CHANGED,
        office=office,
        actor=actor,
        target=decision,
        from_state=current,
        to_state=status,
        data={
            "election": decision.election.code,
            "number": decision.number,
            "reason": reason.strip(),
        },
    )
    return decision
