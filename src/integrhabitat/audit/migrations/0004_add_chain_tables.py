"""The audit chain (chain.py): each entry's HMAC, the seals that place entries in the chain, and the queue of
entries waiting for theirs. `mac` starts nullable: 0005 computes it for the entries already there, 0006
requires it."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_add_hot_filter_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='UnsealedEntry',
            fields=[
                ('entry', models.OneToOneField(on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='audit.auditentry')),
            ],
        ),
        migrations.AddField(
            model_name='auditentry',
            name='mac',
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='when'),
        ),
        migrations.CreateModel(
            name='AuditSeal',
            fields=[
                ('seq', models.BigIntegerField(primary_key=True, serialize=False)),
                ('prev_hash', models.CharField(editable=False, max_length=64)),
                ('hash', models.CharField(editable=False, max_length=64)),
                ('entry', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='seal', to='audit.auditentry')),
            ],
        ),
    ]
