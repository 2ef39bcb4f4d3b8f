"""The Sekretaris manages the office's settings (issue #16): existing offices' Sekretaris
positions get the MANAGE_OFFICE duty. Reversing takes it away again."""

from django.db import migrations

MANAGE_OFFICE = "manage_office"


def duty_give(apps, schema_editor):
    Position = apps.get_model("organization", "Position")
    for position in Position.objects.filter(code="SEKRETARIS"):
        if MANAGE_OFFICE not in position.duties:
            position.duties = [*position.duties, MANAGE_OFFICE]
            position.save(update_fields=["duties"])


def duty_take(apps, schema_editor):
    Position = apps.get_model("organization", "Position")
    for position in Position.objects.filter(code="SEKRETARIS"):
        if MANAGE_OFFICE in position.duties:
            position.duties = [duty for duty in position.duties if duty != MANAGE_OFFICE]
            position.save(update_fields=["duties"])


class Migration(migrations.Migration):
    dependencies = [("organization", "0006_office_contact_logo_paraf")]

    operations = [migrations.RunPython(duty_give, duty_take)]
