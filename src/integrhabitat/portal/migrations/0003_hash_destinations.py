"""Codes and wrong tries keep the keyed hash of their phone or email, not the number or the email."""

from django.db import migrations

from integrhabitat.lib.crypto import INDEX_LENGTH, destination_key


def hash_destinations(apps, schema_editor):
    for name in ("LoginCode", "WrongCode"):
        model = apps.get_model("portal", name)
        for row in model.objects.exclude(destination=""):
            if len(row.destination) != INDEX_LENGTH or "@" in row.destination or "+" in row.destination:
                model.objects.filter(pk=row.pk).update(destination=destination_key(row.destination))


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0002_add_wrong_codes"),
    ]

    operations = [
        migrations.RunPython(hash_destinations, migrations.RunPython.noop),
    ]
