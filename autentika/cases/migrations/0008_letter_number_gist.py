"""The letter number's trigram index as GiST instead of GIN (PostgreSQL only). The numbers of
a national installation share most of their trigrams (the year, an office's pattern: at a
million requests every number of the scale benchmark shares "BENCH/GEN/"); GIN intersects
each trigram's list of every row holding it, so a search for one whole number read 2,500
pages (28 ms), where GiST's signature tree reads the branches that can match (5 ms;
docs/BENCHMARKS.md "scale"). The subject keeps its GIN index: free text, trigrams far apart."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_letter_number_trgm")
    # UPPER(...): Django's icontains on PostgreSQL compares UPPER(column) LIKE UPPER(%q%)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS case_letter_number_trgm ON cases_case "
        'USING gist (UPPER("letter_number"::text) gist_trgm_ops)'
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_letter_number_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS case_letter_number_trgm ON cases_case "
        'USING gin (UPPER("letter_number"::text) gin_trgm_ops)'
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_kip_deadline")]

    operations = [migrations.RunPython(forwards, backwards)]
