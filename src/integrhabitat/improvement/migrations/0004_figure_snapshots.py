from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('improvement', '0003_indicators_reviews_accountability_practices'),
    ]

    operations = [
        migrations.CreateModel(
            name='FigureSnapshot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=64, unique=True)),
                ('family', models.CharField(db_index=True, max_length=64)),
                ('name', models.CharField(max_length=40)),
                ('request', models.JSONField()),
                ('version', models.CharField(max_length=20)),
                ('value', models.BinaryField()),
                ('computed_at', models.DateTimeField(db_index=True)),
                ('refresh_queued_at', models.DateTimeField(blank=True, null=True)),
            ],
        ),
    ]
