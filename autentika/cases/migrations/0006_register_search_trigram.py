"""Trigram indexes for the register's search (a part of a letter number or subject, any
case): on PostgreSQL a search of the year's requests reads the matching rows from the
indexes instead of testing every request of the year (docs/BENCHMARKS.md "scale"). pg_trgm is
a trusted extension (PostgreSQL 13+): the database owner that runs migrations may create it.
Nothing on SQLite, the embedded default, whose registers stay small."""

from django.db import migrations

INDEXES = {
    "case_subject_trgm": "subject",
    "case_letter_number_trgm": "letter_number",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        # UPPER(...): Django's icontains on PostgreSQL compares UPPER(column) LIKE UPPER(%q%)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON cases_case "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_case_office_state_index")]

    operations = [migrations.RunPython(forwards, backwards)]
