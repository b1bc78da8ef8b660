from django.core.management.base import BaseCommand

from counterpart.geo.loading import load_regions


class Command(BaseCommand):
    help = "Load or update the province-, prefecture- and county-level regions from the shipped gazetteer."

    def handle(self, *args, **options):
        changed = load_regions(progress=options["verbosity"] > 0)
        if options["verbosity"] > 1:
            self.stdout.write(f"{changed} regions created or updated")
