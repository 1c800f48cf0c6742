import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """First step of moving the attachments' files to `network.StoredFile`: the link, empty for now."""

    dependencies = [
        ('network', '0005_add_stored_file'),
        ('improvement', '0006_encrypt_feedback_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='practiceattachment',
            name='stored',
            field=models.OneToOneField(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='%(app_label)s_%(class)s', to='network.storedfile'),
        ),
    ]
