"""Deliveries recorded before they had a channel take their service's usual one (its modality when that is a
channel; "on site" otherwise, the schema's default). One service at a time: each update follows the
`delivery_service_date` index and stays small on big tables."""

from django.db import migrations

CHANNELS = ("home_visit", "outreach", "virtual")  # on_site is already every row's value


def fill_channel_from_service(apps, schema_editor):
    Service = apps.get_model("services", "Service")
    ServiceDelivery = apps.get_model("services", "ServiceDelivery")
    for service_id, modality in Service.objects.filter(modality__in=CHANNELS).values_list("pk", "modality"):
        ServiceDelivery.objects.filter(service_id=service_id).update(channel=modality)


class Migration(migrations.Migration):

    dependencies = [
        ("services", "0008_add_delivery_channel"),
    ]

    operations = [
        migrations.RunPython(fill_channel_from_service, migrations.RunPython.noop),
    ]
