import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import integrhabitat.network.models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0004_add_center_directions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='StoredFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('purpose', models.CharField(choices=[('agreement_document', 'Agreement document'), ('practice_attachment', 'Practice attachment'), ('import', 'File to import')], max_length=24)),
                ('file', models.FileField(max_length=200, upload_to=integrhabitat.network.models.stored_file_path)),
                ('name', models.CharField(max_length=255, verbose_name='file name')),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveBigIntegerField()),
                ('sha256', models.CharField(max_length=64)),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('center', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='network.center')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'stored file',
                'verbose_name_plural': 'stored files',
            },
        ),
    ]
