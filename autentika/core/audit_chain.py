"""The audit log as one hash chain (global, not per office: one order for the whole database).

Every event carries `sequence` (1, 2, 3, ... with no gap), `previous_hash` (the hash of the event
before it) and `hash`: HMAC-SHA256 of its own canonical content and `previous_hash` under the
audit chain's key (issue #27; `core/integrity.py`: derived from the integrity key, which lives
outside the database), so whoever can write the database but does not hold the key cannot
append, change or re-chain an event that verifies. The chain's
head (`AuditChainHead`, one row) holds the last sequence and hash; writing an event takes that
row under a lock in the writer's transaction, so two writers queue instead of forking the chain,
and a rolled-back step leaves neither event nor head behind. Only the insert itself moves the
head (issue #27): a trigger on the event table's INSERT refuses an event that does not continue
the head and moves the head to it (PostgreSQL: a SECURITY DEFINER function, migration 0006, the
application's role has no UPDATE on the head; SQLite: the triggers below, and the head may only
ever name the last event). The application never writes the head. `audit_chain_verify` walks the
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
    # the head moved by the insert itself, and only to an event that continues it
    """CREATE TRIGGER IF NOT EXISTS core_auditevent_head_move AFTER INSERT ON core_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'Peristiwa audit tidak menyambung ujung rantai jejak audit.')
        WHERE NOT EXISTS (
            SELECT 1 FROM core_auditchainhead
            WHERE id = 1 AND sequence = NEW.sequence - 1 AND hash = NEW.previous_hash
        );
        UPDATE core_auditchainhead SET sequence = NEW.sequence, hash = NEW.hash WHERE id = 1;
    END""",
    # SQLite has no roles: the head may name only the last event (or the empty chain)
    """CREATE TRIGGER IF NOT EXISTS core_auditchainhead_follows_events
    BEFORE UPDATE ON core_auditchainhead
    WHEN NOT (
        (NEW.sequence = 0 AND NEW.hash = '"""
    + GENESIS
    + """' AND NOT EXISTS (SELECT 1 FROM core_auditevent))
        OR EXISTS (
            SELECT 1 FROM core_auditevent
            WHERE sequence = NEW.sequence AND hash = NEW.hash
            AND sequence = (SELECT MAX(sequence) FROM core_auditevent)
        )
    )
    BEGIN
        SELECT RAISE(ABORT, 'Ujung rantai jejak audit hanya dipindah oleh penulisan peristiwa.');
    END""",
    """CREATE TRIGGER IF NOT EXISTS core_auditchainhead_no_delete
    BEFORE DELETE ON core_auditchainhead
    BEGIN SELECT RAISE(ABORT, 'Ujung rantai jejak audit tidak dapat dihapus.'); END""",
)
SQLITE_TRIGGERS_DROP = (
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    "DROP TRIGGER IF EXISTS core_auditevent_head_move",
    "DROP TRIGGER IF EXISTS core_auditchainhead_follows_events",
    "DROP TRIGGER IF EXISTS core_auditchainhead_no_delete",
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
    """Give a new event its place in the chain; the caller saves the event inside the same
    atomic block (see `AuditEvent.save`), and the insert's trigger moves the head."""
    from autentika.core.models import AuditEvent

    head_sequence, head_hash = _head_locked()
    event.sequence = head_sequence + 1
    event.previous_hash = head_hash
    # The time is taken under the lock, never before the previous event's: writers that made
    # their events in one order and got the lock in the other stay in time order.
    previous_at = (
        AuditEvent.objects.filter(sequence=head_sequence).values_list("occurred_at", flat=True)
    ).first()
    now = timezone.now()
    event.occurred_at = max(now, previous_at) if previous_at is not None else now
    event.hash = audit_hash(event)


def _head_locked() -> tuple[int, str]:
    """The head's sequence and hash, locked until the transaction ends. PostgreSQL: through
    `core_auditchainhead_lock()` (migration 0006; the application's role may read the head but
    not update it, so it cannot SELECT ... FOR UPDATE itself). SQLite: a write transaction
    already holds the database's write lock."""
    from autentika.core.models import AuditChainHead

    row: Any
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT head_sequence, head_hash FROM core_auditchainhead_lock()")
            row = cursor.fetchone()
    else:
        row = AuditChainHead.objects.filter(pk=1).values_list("sequence", "hash").first()
    if row is None or row[0] is None:
        raise RuntimeError("Ujung rantai jejak audit tidak ada; jalankan `manage.py migrate`.")
    return int(row[0]), str(row[1])


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
    """The SQLite triggers refusing UPDATE and DELETE and moving the head on INSERT
    (idempotent; after migrate and flush)."""
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
