from django.db import migrations, models


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    from autentika.signing.validation import signed_revision_sha256

    SignedLetter = apps.get_model("letters", "SignedLetter")
    for letter in SignedLetter.objects.filter(signed_revision_sha256="").iterator():
        letter.signed_revision_sha256 = signed_revision_sha256(bytes(letter.pdf))
        letter.save(update_fields=["signed_revision_sha256"])


class Migration(migrations.Migration):
    dependencies = [("letters", "0004_draft_state_from_case")]

    operations = [
        migrations.AddField(
            model_name="signedletter",
            name="signed_revision_sha256",
            field=models.CharField(
                blank=True,
                db_index=True,
                max_length=64,
                verbose_name="SHA-256 revisi bertanda tangan",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
