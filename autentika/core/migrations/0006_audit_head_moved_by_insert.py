# Issue #27: the audit chain's head is moved by the insert itself, never by the application.
#
# PostgreSQL: an AFTER INSERT trigger on core_auditevent, a SECURITY DEFINER function owned by
# the owner (who runs migrate), moves the head to the new event and refuses an event that does
# not continue it; `core_auditchainhead_lock()` lets the application lock and read the head
# without UPDATE on it (`manage.py db_roles` grants it EXECUTE and only SELECT on the head).
# The tables are named with their schema and the functions search nothing else, so a temporary
# table of the same name cannot stand in for the head. SQLite: the triggers of
# `core/audit_chain.py`, installed here and after every migrate.

from django.db import migrations

from autentika.core.audit_chain import sqlite_triggers_install

CREATE = """
CREATE OR REPLACE FUNCTION {schema}.core_auditchainhead_move() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE {schema}.core_auditchainhead
       SET sequence = NEW.sequence, hash = NEW.hash
     WHERE id = 1 AND sequence = NEW.sequence - 1 AND hash = NEW.previous_hash;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Peristiwa audit urutan % tidak menyambung ujung rantai jejak audit.',
            NEW.sequence;
    END IF;
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION {schema}.core_auditchainhead_move() FROM PUBLIC;
CREATE TRIGGER core_auditevent_head_move
    AFTER INSERT ON {schema}.core_auditevent
    FOR EACH ROW EXECUTE FUNCTION {schema}.core_auditchainhead_move();

CREATE OR REPLACE FUNCTION {schema}.core_auditchainhead_lock()
RETURNS TABLE (head_sequence bigint, head_hash text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT h.sequence, h.hash::text FROM {schema}.core_auditchainhead h WHERE h.id = 1
    FOR UPDATE
$$;
REVOKE ALL ON FUNCTION {schema}.core_auditchainhead_lock() FROM PUBLIC;
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditevent_head_move ON {schema}.core_auditevent;
DROP FUNCTION IF EXISTS {schema}.core_auditchainhead_move();
DROP FUNCTION IF EXISTS {schema}.core_auditchainhead_lock();
"""


def _schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return schema_editor.connection.ops.quote_name(cursor.fetchone()[0])


def head_moved_by_insert(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE.format(schema=_schema(schema_editor)), None)
    else:
        sqlite_triggers_install(schema_editor.connection.alias)


def head_moved_by_the_application(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP.format(schema=_schema(schema_editor)), None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_audit_checkpoint"),
    ]

    operations = [
        migrations.RunPython(head_moved_by_insert, head_moved_by_the_application),
    ]
