import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError, InternalError

from autentika.core.audit import audit_record, audit_trail
from autentika.core.models import AuditEvent, AuditEventType


def test_audit_event_records_who_as_which_position_and_target(sumut, demo_user):
    ketua = demo_user("ketua")
    position = sumut.positions.get(code="KETUA")
    event = audit_record(
        event_type=AuditEventType.DEMO_SEEDED,
        office=sumut,
        actor=ketua,
        acting_position=position,
        acting_capacity="definitive",
        target=position,
        from_state="a",
        to_state="b",
    )
    assert list(audit_trail(position)) == [event]
    assert event.actor == ketua
    assert event.event_label == "Kantor demo disiapkan"


def test_untyped_event_is_refused(db):
    with pytest.raises(TypeError):
        audit_record(event_type="made.up")  # type: ignore[arg-type]


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm(db):
    event = audit_record(event_type=AuditEventType.DEMO_SEEDED)
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(event_type="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.postgres
def test_postgres_refuses_updating_the_audit_log_even_in_raw_sql(db):
    event = audit_record(event_type=AuditEventType.DEMO_SEEDED)
    with (
        pytest.raises((DatabaseError, InternalError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditevent SET event_type = 'x' WHERE id = %s", [event.pk])
    with (
        pytest.raises((DatabaseError, InternalError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).event_type == AuditEventType.DEMO_SEEDED
