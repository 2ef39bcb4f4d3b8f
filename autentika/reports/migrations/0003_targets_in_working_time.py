"""Step targets in working days or working hours (issue #31). Existing targets were hours of
wall-clock time: they are kept as that many working hours, for the office to review."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_case_timeline")]

    operations = [
        migrations.RenameField("steptarget", "target_hours", "amount"),
        migrations.AlterField(
            model_name="steptarget",
            name="amount",
            field=models.PositiveSmallIntegerField(verbose_name="target"),
        ),
        migrations.AddField(
            model_name="steptarget",
            name="unit",
            field=models.CharField(
                choices=[("working_days", "hari kerja"), ("working_hours", "jam kerja")],
                default="working_hours",
                max_length=16,
                verbose_name="satuan",
            ),
        ),
        migrations.AlterField(
            model_name="steptarget",
            name="unit",
            field=models.CharField(
                choices=[("working_days", "hari kerja"), ("working_hours", "jam kerja")],
                default="working_days",
                max_length=16,
                verbose_name="satuan",
            ),
        ),
        migrations.AlterField(
            model_name="steptarget",
            name="step",
            field=models.CharField(
                choices=[
                    ("disposition", "Disposisi berjenjang"),
                    ("incomplete", "Menunggu arsip keputusan"),
                    ("drafting", "Penyusunan balasan"),
                    ("review", "Paraf koordinasi berjenjang"),
                    ("signing", "Menunggu tanda tangan"),
                    ("signed", "Surat balasan ditandatangani"),
                    ("end_to_end", "Sejak dicatat sampai surat ditandatangani"),
                ],
                max_length=16,
                verbose_name="tahap",
            ),
        ),
    ]
