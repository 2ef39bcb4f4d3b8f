# Issue #27: the audit chain keyed with HMAC-SHA256 under a key kept outside the database.

from django.db import migrations

from autentika.core.audit_chain import (
    GENESIS,
    audit_hash,
    audit_hash_unkeyed,
    sqlite_triggers_install,
)


def key_the_chain(apps, schema_editor):
    """Re-link every event with the keyed hash, after checking the unkeyed chain is whole: a
    chain broken before this step is not re-keyed (that would bless the break); migrate stops
    and names the event."""
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    connection = schema_editor.connection
    postgres = connection.vendor == "postgresql"
    events = list(AuditEvent.objects.order_by("sequence", "id"))
    previous = GENESIS
    for expected, event in enumerate(events, start=1):
        if (
            event.sequence != expected
            or event.previous_hash != previous
            or audit_hash_unkeyed(event) != event.hash
        ):
            raise RuntimeError(
                f"Jejak audit rusak pada peristiwa #{event.pk} (urutan {expected}) sebelum "
                "rantai diberi kunci; periksa dengan `manage.py verify_audit` dari versi "
                "sebelumnya."
            )
        previous = event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.sequence, head.hash) != (len(events), previous):
        raise RuntimeError("Ujung rantai jejak audit tidak cocok dengan peristiwa terakhir.")
    previous = GENESIS
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
        for event in events:
            event.previous_hash = previous
            previous = audit_hash(event)
            cursor.execute(
                "UPDATE core_auditevent SET previous_hash = %s, hash = %s WHERE id = %s",
                [event.previous_hash, previous, event.pk],
            )
        if postgres:
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
    if head is not None:
        AuditChainHead.objects.filter(pk=1).update(hash=previous)
    sqlite_triggers_install(connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_audit_hash_chain"),
    ]

    operations = [
        migrations.RunPython(key_the_chain, migrations.RunPython.noop),
    ]
