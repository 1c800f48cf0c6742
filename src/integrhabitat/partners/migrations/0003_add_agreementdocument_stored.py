import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """First step of moving the documents' files to `network.StoredFile`: the link, empty for now."""

    dependencies = [
        ('network', '0005_add_stored_file'),
        ('partners', '0002_add_organization_hsds_id'),
    ]

    operations = [
        migrations.AddField(
            model_name='agreementdocument',
            name='stored',
            field=models.OneToOneField(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='%(app_label)s_%(class)s', to='network.storedfile'),
        ),
    ]
