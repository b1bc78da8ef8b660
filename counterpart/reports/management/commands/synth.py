"""`counterpart synth --scale tiny|small|medium|national --seed N`: a realistic synthetic data set."""
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from counterpart.reports.synth.build import SCALES, build


class Command(BaseCommand):
    help = "Build a synthetic data set over the real gazetteer (bulk loaded), then refresh the report totals."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="tiny", choices=list(SCALES))
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-refresh", action="store_true", help="leave the report totals for later")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, scale, seed, no_refresh, quiet, **opts):
        from counterpart.geo.models import Region
        from counterpart.indicators.models import Indicator

        if not Region.objects.exists():
            raise CommandError(_("synth needs the gazetteer: run `counterpart load-gazetteer` first."))
        if not Indicator.objects.filter(code="gov_aid_funds").exists():
            from counterpart.indicators.catalogue import load_catalogue

            load_catalogue()  # reference data, the same on every installation
        started = time.perf_counter()
        try:
            result = build(scale, seed, progress=not quiet)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        seconds = time.perf_counter() - started
        self.stdout.write(f"Loaded {result['rows']:,} rows in {seconds:.1f}s ({result['rows'] / seconds:,.0f} rows/s): "
                          f"{result['government_pairings']:,} government pairings, "
                          f"{result['enterprise_village_pairings']:,} enterprise–village pairings, "
                          f"{result['observations']:,} observations.")
        if not no_refresh:
            from counterpart.reports.summary import refresh

            state = refresh(progress=not quiet)
            self.stdout.write(f"Refreshed the report totals ({state.facts:,} figures) in {state.seconds:.1f}s.")
