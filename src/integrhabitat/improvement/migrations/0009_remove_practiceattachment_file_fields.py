import django.db.models.deletion
from django.db import migrations, models

import integrhabitat.improvement.models


class Migration(migrations.Migration):
    """Last step: every attachment holds its file through `stored`; its own copies of the file's facts go."""

    dependencies = [
        ('network', '0005_add_stored_file'),
        ('improvement', '0008_move_attachments_to_stored_files'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='practiceattachment',
            options={'ordering': ['stored__uploaded_at']},
        ),
        migrations.AlterField(
            model_name='practiceattachment',
            name='stored',
            field=models.OneToOneField(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='%(app_label)s_%(class)s', to='network.storedfile'),
        ),
        # Defaults only so that going back can add the columns again to the rows there are (then filled).
        migrations.AlterField(
            model_name='practiceattachment',
            name='size',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name='practiceattachment',
            name='name',
            field=models.CharField(default='', max_length=200, verbose_name='file name'),
        ),
        migrations.AlterField(
            model_name='practiceattachment',
            name='content_type',
            field=models.CharField(default='', max_length=100),
        ),
        migrations.AlterField(
            model_name='practiceattachment',
            name='file',
            field=models.FileField(default='', max_length=200, upload_to=integrhabitat.improvement.models.practice_file_path),
        ),
        migrations.RemoveField(
            model_name='practiceattachment',
            name='content_type',
        ),
        migrations.RemoveField(
            model_name='practiceattachment',
            name='file',
        ),
        migrations.RemoveField(
            model_name='practiceattachment',
            name='name',
        ),
        migrations.RemoveField(
            model_name='practiceattachment',
            name='size',
        ),
        migrations.RemoveField(
            model_name='practiceattachment',
            name='uploaded_at',
        ),
        migrations.RemoveField(
            model_name='practiceattachment',
            name='uploaded_by',
        ),
    ]
