# Issue #30: the cache every app server shares is Django's database cache (settings CACHES).
# Its table is made here, by `createcachetable`, so that every path that migrates (make test,
# make run, the fresh-machine check, production) has it; `createcachetable` does nothing for a
# cache of another backend and for a table already there.

from django.core.management import call_command
from django.db import migrations


def cache_table_create(apps, schema_editor):  # type: ignore[no-untyped-def]
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_audit_head_moved_by_insert")]

    operations = [migrations.RunPython(cache_table_create, migrations.RunPython.noop)]
