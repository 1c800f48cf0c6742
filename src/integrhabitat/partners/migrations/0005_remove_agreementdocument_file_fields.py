import django.db.models.deletion
from django.db import migrations, models

import integrhabitat.partners.models


class Migration(migrations.Migration):
    """Last step: every document holds its file through `stored`; its own copies of the file's facts go."""

    dependencies = [
        ('network', '0005_add_stored_file'),
        ('partners', '0004_move_documents_to_stored_files'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='agreementdocument',
            options={'ordering': ['-stored__uploaded_at']},
        ),
        migrations.AlterField(
            model_name='agreementdocument',
            name='stored',
            field=models.OneToOneField(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='%(app_label)s_%(class)s', to='network.storedfile'),
        ),
        # Defaults only so that going back can add the columns again to the rows there are (then filled).
        migrations.AlterField(
            model_name='agreementdocument',
            name='size',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name='agreementdocument',
            name='name',
            field=models.CharField(default='', max_length=200, verbose_name='file name'),
        ),
        migrations.AlterField(
            model_name='agreementdocument',
            name='content_type',
            field=models.CharField(default='', max_length=100),
        ),
        migrations.AlterField(
            model_name='agreementdocument',
            name='file',
            field=models.FileField(default='', max_length=200, upload_to=integrhabitat.partners.models.document_path),
        ),
        migrations.RemoveField(
            model_name='agreementdocument',
            name='content_type',
        ),
        migrations.RemoveField(
            model_name='agreementdocument',
            name='file',
        ),
        migrations.RemoveField(
            model_name='agreementdocument',
            name='name',
        ),
        migrations.RemoveField(
            model_name='agreementdocument',
            name='size',
        ),
        migrations.RemoveField(
            model_name='agreementdocument',
            name='uploaded_at',
        ),
        migrations.RemoveField(
            model_name='agreementdocument',
            name='uploaded_by',
        ),
    ]
