"""An index on observations (year, id), so a page of a year's figures in id order (the API's keyset pages)
walks the year's rows in order and stops after a page, instead of collecting and sorting every matching figure
of a province (53,000 at national scale: 0.5-1 s on PostgreSQL). Raw SQL in this app's migration, so the
observation model (indicators) is unchanged; the bulk loader rebuilds it with the table's other indexes."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_tokens"), ("indicators", "0002_observation_fewer_indexes")]

    operations = [
        migrations.RunSQL("CREATE INDEX IF NOT EXISTS api_obs_year_id ON indicators_observation (year, id)",
                          "DROP INDEX IF EXISTS api_obs_year_id"),
    ]
