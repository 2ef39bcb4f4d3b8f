"""The settling document's number and date as fields of their own (the typed reference kept for
explanations recorded before), and the second person's confirmation (four eyes)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0003_party_identity_fill"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="figureexplanation",
            name="document_number",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="nomor dokumen penentu"
            ),
        ),
        migrations.AddField(
            model_name="figureexplanation",
            name="document_date",
            field=models.DateField(
                blank=True, null=True, verbose_name="tanggal dokumen penentu"
            ),
        ),
        migrations.AlterField(
            model_name="figureexplanation",
            name="document_reference",
            field=models.CharField(
                blank=True,
                max_length=300,
                verbose_name="nomor dan tanggal dokumen (lama, diketik)",
            ),
        ),
        migrations.AddField(
            model_name="figureexplanation",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="figureexplanation",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
