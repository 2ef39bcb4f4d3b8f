from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_signedletter_signed_revision_sha256")]

    operations = [
        migrations.AddField(
            model_name="signedletter",
            name="certificate_checked_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="status sertifikat diperiksa"
            ),
        ),
        migrations.AddField(
            model_name="signedletter",
            name="certificate_revoked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sertifikat dicabut pada"),
        ),
    ]
