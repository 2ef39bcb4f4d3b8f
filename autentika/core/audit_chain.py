"""The audit log as one hash chain (global, not per office: one order for the whole database).

Every event carries `sequence` (1, 2, 3, ... with no gap), `previous_hash` (the hash of the event
before it) and `hash`: HMAC-SHA256 of its own canonical content and `previous_hash` under the
audit chain's key (issue #27; `core/integrity.py`: derived from the integrity key, which lives
outside the database), so whoever can write the database but does not hold the key cannot
append, change or re-chain an event that verifies. The chain's
head (`AuditChainHead`, one row) holds the last sequence and hash; writing an event takes that
row under a lock in the writer's transaction, so two writers queue instead of forking the chain,
and a rolled-back step leaves neither event nor head behind. `audit_chain_verify` walks the
chain and names the first event that was changed, deleted, inserted, or dated before the event
before it (time never runs backwards along the chain: a writer takes its time under the lock).

The triggers refusing UPDATE and DELETE are the first wall (PostgreSQL migration 0002, SQLite
here); the chain tells when someone who owns the database got past them anyway.
"""

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from autentika.core.integrity import AUDIT_CHAIN, keyed_digest

GENESIS = "0" * 64

SQLITE_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update BEFORE UPDATE ON core_auditevent
    BEGIN SELECT RAISE(ABORT, 'Jejak audit tidak dapat diubah (append-only).'); END""",
    """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON core_auditevent
    BEGIN SELECT RAISE(ABORT, 'Jejak audit tidak dapat dihapus (append-only).'); END""",
)
SQLITE_TRIGGERS_DROP = (
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
)


def audit_content(event: Any) -> bytes:
    """The event's canonical content as stored, with its sequence and the previous hash."""
    occurred_at = event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    payload = {
        "sequence": event.sequence,
        "previous_hash": event.previous_hash,
        "event_type": event.event_type,
        "office": event.office_id,
        "actor": event.actor_id,
        "acting_position": event.acting_position_id,
        "acting_capacity": event.acting_capacity,
        "occurred_at": occurred_at,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "data": json.loads(json.dumps(event.data)),  # as the database gives it back
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode()


def audit_hash(event: Any) -> str:
    """HMAC-SHA256 of the event's content under the audit chain's key."""
    return keyed_digest(audit_content(event), purpose=AUDIT_CHAIN)


def audit_hash_unkeyed(event: Any) -> str:
    """The plain SHA-256 of chains written before issue #27 (migrations 0003 and 0004 only)."""
    return hashlib.sha256(audit_content(event)).hexdigest()


def audit_chain_link(event: Any) -> None:
    """Give a new event its place in the chain and move the head; the caller saves the event
    inside the same atomic block (see `AuditEvent.save`)."""
    from autentika.core.models import AuditChainHead, AuditEvent

    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditChainHead.objects.create(pk=1, sequence=0, hash=GENESIS)
    event.sequence = head.sequence + 1
    event.previous_hash = head.hash
    # The time is taken under the lock, never before the previous event's: writers that made
    # their events in one order and got the lock in the other stay in time order.
    previous_at = (
        AuditEvent.objects.filter(sequence=head.sequence).values_list("occurred_at", flat=True)
    ).first()
    now = timezone.now()
    event.occurred_at = max(now, previous_at) if previous_at is not None else now
    event.hash = audit_hash(event)
    AuditChainHead.objects.filter(pk=1).update(sequence=event.sequence, hash=event.hash)


@dataclass(frozen=True)
class ChainProblem:
    kind: str  # "changed", "deleted", "inserted", "backdated"
    event_id: int | None
    sequence: int
    message: str


def audit_chain_verify() -> tuple[int, ChainProblem | None]:
    """Walk the whole chain: (events checked, the first problem or None)."""
    from autentika.core.models import AuditChainHead, AuditEvent

    previous, expected, checked = GENESIS, 1, 0
    previous_at: dt.datetime | None = None
    for event in AuditEvent.objects.order_by("sequence", "id").iterator(chunk_size=2000):
        checked += 1
        problem = _event_problem(event, previous, expected) or _time_problem(event, previous_at)
        if problem is not None:
            return checked, problem
        previous, expected, previous_at = event.hash, expected + 1, event.occurred_at
    head = AuditChainHead.objects.filter(pk=1).first()
    head_sequence, head_hash = (head.sequence, head.hash) if head else (0, GENESIS)
    if (head_sequence, head_hash) != (expected - 1, previous):
        kind = "deleted" if head_sequence > expected - 1 else "inserted"
        message = (
            f"ujung rantai tercatat pada urutan {head_sequence}, tetapi peristiwa terakhir "
            f"berurutan {expected - 1}: peristiwa terakhir "
            + ("dihapus." if kind == "deleted" else "disisipkan atau ujung rantai diubah.")
        )
        return checked, ChainProblem(kind, None, expected, message)
    return checked, None


def _event_problem(event: Any, previous: str, expected: int) -> ChainProblem | None:
    if event.sequence is None or event.sequence > expected:
        return ChainProblem(
            "deleted",
            event.pk,
            expected,
            f"peristiwa berurutan {expected} hilang (dihapus); berikutnya peristiwa #{event.pk}.",
        )
    if event.sequence < expected:
        return ChainProblem(
            "inserted",
            event.pk,
            event.sequence,
            f"peristiwa #{event.pk} disisipkan (urutan ganda).",
        )
    if not hmac.compare_digest(audit_hash(event), str(event.hash)):
        return ChainProblem(
            "changed",
            event.pk,
            expected,
            f"peristiwa #{event.pk} (urutan {expected}) diubah atau ditulis tanpa kunci rantai "
            "(hash berkunci tidak cocok).",
        )
    if event.previous_hash != previous:
        return ChainProblem(
            "inserted",
            event.pk,
            expected,
            f"peristiwa #{event.pk} (urutan {expected}) tidak bertaut dengan peristiwa sebelumnya "
            "(disisipkan atau rantai ditulis ulang).",
        )
    return None


def _time_problem(event: Any, previous_at: dt.datetime | None) -> ChainProblem | None:
    if previous_at is None or event.occurred_at >= previous_at:
        return None
    return ChainProblem(
        "backdated",
        event.pk,
        event.sequence,
        f"peristiwa #{event.pk} (urutan {event.sequence}) bertanggal mundur: "
        f"{event.occurred_at.astimezone(dt.UTC).isoformat(timespec='seconds')}, sebelum "
        f"peristiwa sebelumnya ({previous_at.astimezone(dt.UTC).isoformat(timespec='seconds')}).",
    )


def sqlite_triggers_install(using: str = "default") -> None:
    """The SQLite triggers refusing UPDATE and DELETE (idempotent; after migrate and flush)."""
    from django.db import connections

    target = connections[using]
    if target.vendor != "sqlite":
        return
    with target.cursor() as cursor:
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)


def sqlite_triggers_lift() -> None:
    """Only for tests that empty the whole database between tests (flush)."""
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in SQLITE_TRIGGERS_DROP:
            cursor.execute(statement)
