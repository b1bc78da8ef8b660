"""`counterpart assess --year Y [--lang L] [--format F] [-o FILE]`: the annual assessment as a report."""
import datetime
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from counterpart.pairings.actions import find_pairing
from counterpart.plans.assessment import assess, current_weights
from counterpart.plans.render import FORMATS, render
from counterpart.plans.report import build


class Command(BaseCommand):
    help = ("Score every pairing's annual plan for a year: completion per target, weighted score, ranking, "
            "lag flags and evidence (text, csv, xlsx, docx, pdf or json; English or Chinese)")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--lang", default="en", choices=["en", "zh", "zh-hans"])
        parser.add_argument("--format", default=None, choices=list(FORMATS),
                            help="default: from the -o file's extension, else text")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument("--pairing", help="one pairing's scorecard (id or Donor-Recipient)")
        parser.add_argument("--as-of", help="assess progress on this date (YYYY-MM-DD): figures recorded "
                                            "by then, adjustments approved by then, plan pro-rated")
        parser.add_argument("--weights-version", type=int, help="default: the latest version")
        parser.add_argument("--evidence", action="store_true", default=None,
                            help="list the observations behind every actual (default: up to 100 pairings)")
        parser.add_argument("--no-evidence", dest="evidence", action="store_false")

    def handle(self, year, lang, format, output, pairing, as_of, weights_version, evidence, **opts):
        fmt = format or self._format_from(output)
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise CommandError(f"--as-of: “{as_of}” is not a date (YYYY-MM-DD)") from None
        try:
            ids = [find_pairing(pairing).pk] if pairing else None
            result = assess(year, as_of=day, weights=current_weights(weights_version), pairing_ids=ids)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        if pairing and not result.scorecards:
            raise CommandError(f"--pairing: {pairing} has no plan for {year}")
        data = render(build(result, lang, evidence), fmt)
        if output:
            with open(output, "wb") as fh:
                fh.write(data)
            self.stderr.write(f"{output}: {len(result.scorecards)} scorecards, {len(result.lagging)} lagging")
        elif fmt in ("xlsx", "docx", "pdf"):
            raise CommandError(f"--format {fmt} is binary: give -o FILE")
        else:
            sys.stdout.flush()
            self.stdout.write(data.decode("utf-8"), ending="")

    @staticmethod
    def _format_from(output):
        if output and "." in output:
            ext = output.rsplit(".", 1)[1].lower()
            for fmt, suffix in FORMATS.items():
                if suffix == ext:
                    return fmt
        return "text"
