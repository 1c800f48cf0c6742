"""Fill `Participant.phone_e164` for the people registered before it existed: each phone read with its
center's country, in batches by primary key. A phone that is not a valid number keeps its E.164 empty:
it stays as typed for staff and never matches the portal's sign-in."""

from django.db import migrations

from integrhabitat.lib.phones import to_e164

BATCH_SIZE = 2000


def normalize_phones(apps, schema_editor):
    Center = apps.get_model("network", "Center")
    Participant = apps.get_model("people", "Participant")
    countries = {pk: str(country or "") for pk, country in Center.objects.values_list("pk", "country")}
    last = 0
    while True:
        rows = list(Participant.objects.filter(pk__gt=last).exclude(phone="").order_by("pk")
                    .values_list("pk", "center_id", "phone")[:BATCH_SIZE])
        if not rows:
            break
        changed = [Participant(pk=pk, phone_e164=number) for pk, center_id, phone in rows
                   if (number := to_e164(phone, countries.get(center_id, "")))]
        Participant.objects.bulk_update(changed, ["phone_e164"], batch_size=BATCH_SIZE)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("network", "0003_center_case_seq"), ("people", "0009_add_participant_phone_e164")]

    operations = [migrations.RunPython(normalize_phones, migrations.RunPython.noop, elidable=True)]
