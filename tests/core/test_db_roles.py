"""PostgreSQL: the application's role owns nothing. As that role the audit log can be read
and appended to, never truncated, altered, dropped, untriggered, updated or deleted; the chain's
head only read: the insert of an event moves it, the role cannot move it by hand."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from autentika.core.audit import audit_record
from autentika.core.audit_chain import audit_chain_verify
from autentika.core.models import AuditChainHead, AuditEvent, AuditEventType
from autentika.organization.models import Office, OfficeLevel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Created inside the test's transaction, so it is rolled back with it (roles are per cluster,
# not per test database: the module's tests run on one worker, one after the other).
ROLE = "autentika_app_test"


@pytest.fixture
def as_app_role(monkeypatch):
    monkeypatch.setenv("AUTENTIKA_APP_DB_PASSWORD", "rahasia-uji")
    call_command("db_roles", role=ROLE, stdout=open("/dev/null", "w"))  # noqa: SIM115
    audit_record(event_type=AuditEventType.DEMO_SEEDED)  # one row to attack
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _office(code: str) -> Office:
    return Office.objects.create(
        code=code,
        level=OfficeLevel.PROVINSI,
        name="KPU Uji",
        region_code="99",
        address="Jalan Uji 1",
        city="Medan",
    )


def _refused(sql: str) -> str:
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as c:
        c.execute(sql)
    return str(caught.value)


def test_the_app_role_cannot_tamper_with_the_audit_log(as_app_role):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == ROLE
    assert "permission denied" in _refused("TRUNCATE core_auditevent")
    assert "must be owner" in _refused(
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
    )
    assert "must be owner" in _refused("ALTER TABLE core_auditevent DISABLE TRIGGER ALL")
    assert "must be owner" in _refused("ALTER TABLE core_auditevent ADD COLUMN note text")
    assert "must be owner" in _refused("DROP TABLE core_auditevent")
    assert "must be owner" in _refused(
        "DROP TRIGGER core_auditevent_append_only ON core_auditevent"
    )
    assert "permission denied" in _refused("UPDATE core_auditevent SET event_type = 'x'")
    assert "permission denied" in _refused("DELETE FROM core_auditevent")
    # the chain head is moved by the insert's trigger alone (below), never by hand
    assert "permission denied" in _refused("DELETE FROM core_auditchainhead")
    assert "permission denied" in _refused("UPDATE core_auditchainhead SET sequence = 0")
    assert "permission denied" in _refused("INSERT INTO core_auditchainhead VALUES (2, 0, '')")
    assert "permission denied" in _refused("SELECT * FROM core_auditchainhead FOR UPDATE")
    assert "must be owner" in _refused(
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_head_move"
    )
    assert "permission denied" in _refused(
        "CREATE OR REPLACE FUNCTION core_auditchainhead_move() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$"
    )
    # other tables: rows yes, schema no
    assert "permission denied" in _refused("TRUNCATE organization_office")
    assert "must be owner" in _refused("DROP TABLE organization_office")
    assert "permission denied" in _refused("CREATE TABLE stray (id int)")
    assert "permission denied" in _refused("DELETE FROM django_migrations")


def test_the_app_role_works_normally(as_app_role):
    before = AuditEvent.objects.count()
    with transaction.atomic():
        office = _office("kpu-uji")
        audit_record(event_type=AuditEventType.DEMO_SEEDED, office=office)
    office.name = "KPU Uji Baru"
    office.save()
    assert AuditEvent.objects.count() == before + 1
    checked, problem = audit_chain_verify()
    assert problem is None and checked == before + 1
    _office("kpu-hapus").delete()


def test_as_the_app_role_an_insert_moves_the_head_and_nothing_else_does(as_app_role):
    audit_record(event_type=AuditEventType.DEMO_SEEDED)
    last = AuditEvent.objects.order_by("-sequence").first()
    head = AuditChainHead.objects.get(pk=1)
    assert (head.sequence, head.hash) == (last.sequence, last.hash)
    # a raw INSERT that does not continue the head is refused by the trigger
    message = _refused(
        "INSERT INTO core_auditevent (event_type, occurred_at, target_type, target_id, "
        "from_state, to_state, acting_capacity, data, sequence, previous_hash, hash) "
        f"VALUES ('x', now(), '', '', '', '', '', '{{}}', {last.sequence + 1}, "
        f"'{'b' * 64}', '{'c' * 64}')"
    )
    assert "tidak menyambung ujung rantai" in message
    assert AuditChainHead.objects.get(pk=1).sequence == last.sequence
    checked, problem = audit_chain_verify()
    assert problem is None and checked == last.sequence


def test_a_temporary_table_of_the_heads_name_does_not_stand_in_for_it(as_app_role):
    """The trigger's function runs with the owner's rights: it names the head with its schema,
    so a temporary table the app role made under the same name is not what it moves."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
        cursor.execute(
            "CREATE TEMPORARY TABLE core_auditchainhead (id int, sequence bigint, hash text)"
        )
        cursor.execute("INSERT INTO core_auditchainhead VALUES (1, 0, 'x')")
    audit_record(event_type=AuditEventType.DEMO_SEEDED)
    last = AuditEvent.objects.order_by("-sequence").first()
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT sequence, hash FROM "{schema}".core_auditchainhead WHERE id = 1')
        assert cursor.fetchone() == (last.sequence, last.hash)
        cursor.execute("SELECT sequence, hash FROM pg_temp.core_auditchainhead")
        assert cursor.fetchone() == (0, "x")
        cursor.execute("DROP TABLE pg_temp.core_auditchainhead")


def test_db_roles_is_idempotent_and_refuses_the_owner():
    call_command("db_roles", role=ROLE, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("db_roles", role=ROLE, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee = %s AND table_name = 'core_auditevent' ORDER BY 1",
            [ROLE],
        )
        assert [row[0] for row in cursor.fetchall()] == ["INSERT", "SELECT"]
        cursor.execute(
            "SELECT privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee = %s AND table_name = 'core_auditchainhead' ORDER BY 1",
            [ROLE],
        )
        assert [row[0] for row in cursor.fetchall()] == ["SELECT"]
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("db_roles", role=owner, stdout=open("/dev/null", "w"))  # noqa: SIM115
