import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """First step of moving the uploaded files to `network.StoredFile`: the link, empty for now."""

    dependencies = [
        ('imports', '0003_encrypt_problems_and_rejected_cells'),
        ('network', '0005_add_stored_file'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='stored',
            field=models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='import_job', to='network.storedfile'),
        ),
    ]
