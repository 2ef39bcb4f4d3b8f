"""The audit log is one hash chain: each event carries the hash of the one before, keyed with a
secret kept outside the database, and `verify_audit` names the first event changed, deleted,
inserted or back-dated behind the application's back, even by someone who owns the database and
switched its triggers off, or who may insert events (whose insert moves the chain's head)."""

import contextlib
import datetime as dt
import hashlib
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.utils import DatabaseError, IntegrityError

from autentika.core.audit import audit_record
from autentika.core.audit_chain import (
    audit_chain_verify,
    audit_hash,
    sqlite_triggers_install,
    sqlite_triggers_lift,
)
from autentika.core.models import AuditChainHead, AuditEvent, AuditEventType


def _events(count: int) -> list[AuditEvent]:
    return [
        audit_record(event_type=AuditEventType.DEMO_SEEDED, data={"n": n, "teks": "ä"})
        for n in range(count)
    ]


@contextlib.contextmanager
def _owner_disables_the_triggers():
    """What the owner of the database can do; the application's role cannot (docs/OPERATIONS)."""
    if connection.vendor == "sqlite":
        sqlite_triggers_lift()
        yield
        sqlite_triggers_install()
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before ALTER TABLE
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
    yield
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")


def _verify_fails() -> str:
    with pytest.raises(CommandError) as failed:
        call_command("verify_audit")
    return str(failed.value)


def test_each_event_links_to_the_one_before_and_the_chain_verifies(db, capsys):
    first, second, third = _events(3)
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    assert [e.sequence for e in (first, second, third)] == [
        first.sequence,
        first.sequence + 1,
        first.sequence + 2,
    ]
    assert AuditChainHead.objects.get(pk=1).hash == third.hash
    stored = AuditEvent.objects.get(pk=third.pk)
    assert audit_hash(stored) == stored.hash  # the hash is of what the database gives back
    call_command("verify_audit")
    assert "Jejak audit utuh" in capsys.readouterr().out


def test_raw_sql_cannot_update_or_delete_an_event_on_either_database(db):
    (event,) = _events(1)
    for statement in (
        "UPDATE core_auditevent SET event_type = 'x' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).event_type == AuditEventType.DEMO_SEEDED


def test_a_rewritten_event_is_named(db):
    events = _events(4)
    with _owner_disables_the_triggers(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET to_state = 'signed' WHERE id = %s", [events[1].pk]
        )
    message = _verify_fails()
    assert f"#{events[1].pk}" in message and "diubah" in message


def test_a_deleted_event_is_named_in_the_middle_and_at_the_end(db):
    events = _events(4)
    with _owner_disables_the_triggers(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    message = _verify_fails()
    assert f"urutan {events[1].sequence} hilang" in message and f"#{events[2].pk}" in message


def test_deleting_the_last_events_is_seen_from_the_head(db):
    events = _events(3)
    with _owner_disables_the_triggers(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[-1].pk])
    assert "dihapus" in _verify_fails()


def test_an_event_inserted_by_the_owner_past_the_triggers_is_named(db):
    """With the triggers off the insert does not move the head: the event is named even with
    a hash made under the key."""
    events = _events(2)
    forged = AuditEvent(
        event_type=AuditEventType.LOGIN_SUCCEEDED.value,
        occurred_at=events[-1].occurred_at,
        sequence=events[-1].sequence + 1,
        previous_hash=events[-1].hash,
    )
    forged.hash = audit_hash(forged)
    with _owner_disables_the_triggers():
        QuerySet(AuditEvent).bulk_create([forged])  # past the guards: what a raw INSERT does
    assert "disisipkan" in _verify_fails()


def test_an_insert_moves_the_head_to_itself(db):
    (first,) = _events(1)
    event = AuditEvent(event_type=AuditEventType.DEMO_SEEDED.value)
    event.sequence, event.previous_hash = first.sequence + 1, first.hash
    event.occurred_at, event.hash = first.occurred_at, "a" * 64
    QuerySet(AuditEvent).bulk_create([event])  # a raw INSERT: nothing of the application runs
    head = AuditChainHead.objects.get(pk=1)
    assert (head.sequence, head.hash) == (first.sequence + 1, "a" * 64)


@pytest.mark.parametrize("link", ["another previous hash", "a sequence further on"])
def test_an_insert_that_does_not_continue_the_head_is_refused(db, link):
    (first,) = _events(1)
    event = AuditEvent(event_type=AuditEventType.DEMO_SEEDED.value, occurred_at=first.occurred_at)
    event.sequence, event.previous_hash = first.sequence + 1, first.hash
    if link == "another previous hash":
        event.previous_hash = "b" * 64
    else:
        event.sequence = first.sequence + 2
    event.hash = "c" * 64
    with pytest.raises(DatabaseError, match="tidak menyambung ujung rantai"), transaction.atomic():
        QuerySet(AuditEvent).bulk_create([event])
    head = AuditChainHead.objects.get(pk=1)
    assert (head.sequence, head.hash) == (first.sequence, first.hash)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditchainhead SET sequence = sequence - 1, hash = %(earlier)s",
        "UPDATE core_auditchainhead SET sequence = sequence + 1",
        "DELETE FROM core_auditchainhead",
    ],
)
def test_sqlite_refuses_moving_or_deleting_the_head_by_hand(db, statement):
    """SQLite has no roles: the head may only name the last event (on PostgreSQL the
    application's role has no UPDATE or DELETE on it, tests/core/test_db_roles.py)."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL refuses it by the role's privileges")
    first, second = _events(2)
    with (
        pytest.raises(DatabaseError, match="Ujung rantai jejak audit"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, {"earlier": first.hash})
    head = AuditChainHead.objects.get(pk=1)
    assert (head.sequence, head.hash) == (second.sequence, second.hash)


def test_a_step_rolled_back_leaves_no_gap(db):
    _events(1)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        _events(1)
        raise RuntimeError("the step failed")
    _events(1)
    assert audit_chain_verify()[1] is None


def test_events_are_only_written_one_by_one_through_the_chain(db):
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_create([AuditEvent(event_type="x")])


def test_the_sequence_is_unique_so_a_fork_cannot_be_stored(db):
    (event,) = _events(1)
    twin = AuditEvent(event_type="x", sequence=event.sequence, previous_hash=event.previous_hash)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuerySet(AuditEvent).bulk_create([twin])


WRITERS = 6
PER_WRITER = 15


@pytest.mark.postgres  # SQLite's in-memory test database locks whole tables
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_queue_on_the_head_and_never_fork_the_chain():
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)
    already = AuditEvent.objects.count()  # the demo office's, seeded before the test

    def writer() -> None:
        try:
            start.wait()
            for _ in range(PER_WRITER):
                with transaction.atomic():
                    audit_record(event_type=AuditEventType.DEMO_SEEDED)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    checked, problem = audit_chain_verify()
    assert problem is None and checked == already + WRITERS * PER_WRITER


def _append_behind_the_application(event: AuditEvent, hash_value: str | None = None) -> None:
    """What the application's database role can do: INSERT an event continuing the head (the
    insert's trigger moves the head to it)."""
    head = AuditChainHead.objects.get(pk=1)
    event.sequence, event.previous_hash = head.sequence + 1, head.hash
    event.hash = hash_value or hashlib.sha256(b"a hash anyone can compute").hexdigest()
    QuerySet(AuditEvent).bulk_create([event])  # type: ignore[arg-type]
    assert AuditChainHead.objects.get(pk=1).hash == event.hash


def test_an_event_appended_without_the_key_is_named(db):
    """The probe of 2026-12-06: a back-dated `letter.signed` appended as the application role,
    linked to the last event and the head moved with it, used to pass as "utuh"."""
    events = _events(2)
    forged = AuditEvent(
        event_type=AuditEventType.LETTER_SIGNED.value,
        occurred_at=events[0].occurred_at - dt.timedelta(days=30),
    )
    _append_behind_the_application(forged)
    message = _verify_fails()
    assert f"peristiwa #{forged.pk} (urutan {forged.sequence})" in message
    assert "tanpa kunci rantai" in message


def test_a_back_dated_event_is_named_even_with_the_key(db):
    """Time never runs backwards along the chain, so even a writer holding the key cannot slip
    an event in with an earlier date."""
    events = _events(2)
    forged = AuditEvent(
        event_type=AuditEventType.LETTER_SIGNED.value,
        occurred_at=events[-1].occurred_at - dt.timedelta(hours=1),
    )
    head = AuditChainHead.objects.get(pk=1)
    forged.sequence, forged.previous_hash = head.sequence + 1, head.hash
    _append_behind_the_application(forged, audit_hash(forged))
    message = _verify_fails()
    assert "(backdated)" in message and f"peristiwa #{forged.pk}" in message
    assert "bertanggal mundur" in message


def test_an_event_gets_its_time_under_the_lock_never_before_the_last_one(db):
    (first,) = _events(1)
    late = AuditEvent(event_type=AuditEventType.DEMO_SEEDED.value)
    late.occurred_at = first.occurred_at - dt.timedelta(days=1)  # made before, saved after
    late.save()
    assert late.occurred_at >= first.occurred_at
    assert audit_chain_verify()[1] is None


def test_the_chain_does_not_verify_under_another_key(db, settings):
    _events(2)
    settings.AUTENTIKA_INTEGRITY_KEY = "a-key-that-did-not-write-this-chain-0123456789"
    message = _verify_fails()
    # the first event of the chain (the demo office's, seeded before the test) is named
    first = AuditEvent.objects.order_by("sequence").first()
    assert first is not None
    assert f"peristiwa #{first.pk}" in message and "hash berkunci tidak cocok" in message


def test_the_hash_is_an_hmac_under_the_audit_key(db, settings):
    """Written out here: HMAC-SHA256 of the event's canonical content, under the key that is
    HMAC-SHA256 of "autentika/audit-chain" with the integrity secret."""
    import hmac
    import json

    (event,) = _events(1)
    stored = AuditEvent.objects.get(pk=event.pk)
    content = {
        "sequence": stored.sequence,
        "previous_hash": stored.previous_hash,
        "event_type": stored.event_type,
        "office": None,
        "actor": None,
        "acting_position": None,
        "acting_capacity": "",
        "occurred_at": stored.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "target_type": "",
        "target_id": "",
        "from_state": "",
        "to_state": "",
        "data": {"n": 0, "teks": "ä"},
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    key = hmac.new(
        settings.AUTENTIKA_INTEGRITY_KEY.encode(), b"autentika/audit-chain", hashlib.sha256
    ).digest()
    assert stored.hash == hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
