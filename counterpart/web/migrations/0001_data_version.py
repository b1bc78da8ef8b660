from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("web", "DataVersion").objects.get_or_create(pk=1, defaults={"token": "0"})


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(default="0", max_length=32)),
            ],
            options={"verbose_name": "data version"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
