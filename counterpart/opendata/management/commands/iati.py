"""`counterpart iati --pairing Qingdao-Guizhou [--years 2011-2015] [-o FILE]`: the pairing's IATI 2.03 activity
file; `--organisation 370200` a donor office's organisation file. Checked before it is written."""
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from counterpart.opendata.iati import build
from counterpart.opendata.iati.rules import IatiProblems


def _error(exc: ValidationError) -> CommandError:
    if hasattr(exc, "error_dict"):
        return CommandError("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()))
    return CommandError(" ".join(exc.messages))


class Command(BaseCommand):
    help = "Write a pairing's IATI 2.03 activity file (or a donor office's organisation file), validated."

    def add_arguments(self, parser):
        parser.add_argument("--pairing", help="its id or Donor-Recipient, e.g. Qingdao-Guizhou")
        parser.add_argument("--organisation", help="a donor office: its GB/T 2260 code or a place name")
        parser.add_argument("--years", default=None, help="a year or a range, e.g. 2011-2015 (default: all)")
        parser.add_argument("-o", "--output", default=None, help="file to write (default: standard output)")

    def handle(self, *args, pairing, organisation, years, output, **opts):
        from counterpart.opendata.views import donor_unit
        from counterpart.pairings.actions import find_pairing

        if bool(pairing) == bool(organisation):
            raise CommandError("Give --pairing or --organisation.")
        try:
            if pairing:
                data = build.activity_file(find_pairing(pairing), years)
            else:
                data = build.organisation_file(donor_unit(organisation), years)
        except ValidationError as exc:
            raise _error(exc) from None
        except IatiProblems as exc:
            raise CommandError("The IATI file fails its checks:\n  " + "\n  ".join(exc.problems)) from None
        if output:
            with open(output, "wb") as fh:
                fh.write(data)
            self.stderr.write(f"Wrote {output} ({len(data):,} bytes), valid IATI 2.03.")
        else:
            sys.stdout.buffer.write(data)
