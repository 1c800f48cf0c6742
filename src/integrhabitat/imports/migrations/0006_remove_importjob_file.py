from django.db import migrations, models

import integrhabitat.imports.models


class Migration(migrations.Migration):
    """Last step: an import holds its file through `stored`."""

    dependencies = [
        ('imports', '0005_move_import_files_to_stored_files'),
    ]

    operations = [
        # A default only so that going back can add the column again to the rows there are (then filled).
        migrations.AlterField(
            model_name='importjob',
            name='file',
            field=models.FileField(default='', max_length=200, upload_to=integrhabitat.imports.models._stored_name),
        ),
        migrations.RemoveField(
            model_name='importjob',
            name='file',
        ),
    ]
