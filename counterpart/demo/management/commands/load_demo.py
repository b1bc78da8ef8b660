import os

from django.core.management.base import BaseCommand, CommandError

from counterpart.accounts.demo_users import create_demo_users
from counterpart.demo.loading import FixtureError, load_demo
from counterpart.geo.loading import load_regions
from counterpart.indicators.catalogue import load_catalogue


class Command(BaseCommand):
    help = "Load the gazetteer, the indicator catalogue, the two seed reports as data, and demo accounts"

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="do not create the demo accounts")

    def handle(self, no_users=False, **opts):
        load_regions(progress=True)
        self.stdout.write(f"indicators: {load_catalogue()}")
        try:
            for result in load_demo():
                if result["skipped"]:
                    self.stdout.write(f"{result['document']}: already loaded, unchanged")
                else:
                    self.stdout.write(f"{result['document']}: {result['pairings']} pairings, "
                                      f"{result['records']} records, {result['observations']} aggregate figures")
        except FixtureError as exc:
            raise CommandError(str(exc)) from exc
        if not no_users:
            # The address `make run` serves on (HOST and PORT, as the Makefile passes them to both commands).
            host, port = os.environ.get("HOST") or "127.0.0.1", os.environ.get("PORT") or "8000"
            self.stdout.write(f"\nDemo accounts (log in at http://{host}:{port}/accounts/login/):")
            for username, password, what in create_demo_users():
                self.stdout.write(f"  {username:10s} / {password}   {what}")
