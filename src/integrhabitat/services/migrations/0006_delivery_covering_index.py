
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0003_center_case_seq'),
        ('people', '0006_add_hot_filter_indexes'),
        ('services', '0005_add_hot_filter_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='servicedelivery',
            index=models.Index(fields=['center', 'delivered_on'], include=('participant', 'service'), name='delivery_center_date_cover'),
        ),
        # After the new one exists: the dashboards are never without an index.
        migrations.RemoveIndex(
            model_name='servicedelivery',
            name='delivery_center_date',
        ),
    ]
