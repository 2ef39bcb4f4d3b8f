"""The audit log is one hash chain: each event carries the hash of the one before, and
`verify_audit` names the first event changed, deleted or inserted behind the application's back,
even by someone who owns the database and switched its triggers off."""

import contextlib
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
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
    yield
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")


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


def test_an_inserted_event_is_named_even_with_a_correct_looking_hash(db):
    events = _events(2)
    forged = AuditEvent(
        event_type=AuditEventType.LOGIN_SUCCEEDED.value,
        occurred_at=events[-1].occurred_at,
        sequence=events[-1].sequence + 1,
        previous_hash=events[-1].hash,
    )
    forged.hash = audit_hash(forged)
    QuerySet(AuditEvent).bulk_create([forged])  # past the guards: what a raw INSERT does
    assert "disisipkan" in _verify_fails()


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
    assert problem is None and checked == WRITERS * PER_WRITER
