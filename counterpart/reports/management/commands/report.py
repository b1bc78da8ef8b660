"""`counterpart report annual|national|checks|refresh`: reports to a file in any format."""
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from counterpart.reports.render import FORMATS, check_format, render


def _error(exc: ValidationError) -> CommandError:
    if hasattr(exc, "message_dict"):
        return CommandError("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()))
    return CommandError(" ".join(exc.messages))


class Command(BaseCommand):
    help = "Reports: a pairing's annual report, the national overview, the checks; refresh the precomputed totals."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        for name in ("annual", "national", "checks"):
            p = sub.add_parser(name)
            if name == "annual":
                p.add_argument("--pairing", required=True, help='"Donor-Recipient" (e.g. Qingdao-Guizhou) or an id')
            if name != "checks":
                p.add_argument("--year", required=True)
            p.add_argument("--lang", default="en", choices=["en", "zh"])
            p.add_argument("--format", default=None, help=f"one of {', '.join(FORMATS)} (default: from -o, else html)")
            p.add_argument("-o", "--output", default=None, help="file to write (default: standard output)")
        p = sub.add_parser("refresh")
        p.add_argument("--quiet", action="store_true")

    def handle(self, *args, what, **opts):
        from counterpart.reports import summary

        if what == "refresh":
            state = summary.refresh(progress=not opts["quiet"])
            self.stdout.write(f"Refreshed {state.facts:,} figures in {state.seconds:.1f}s.")
            return
        if opts.get("output"):
            folder = Path(opts["output"]).resolve().parent
            if not folder.is_dir():
                raise CommandError(_("-o/--output: the folder %(d)s does not exist.") % {"d": folder})
        fmt = opts["format"] or (Path(opts["output"]).suffix.lstrip(".") if opts["output"] else "html")
        lang = "zh-hans" if opts["lang"] == "zh" else "en"
        try:
            check_format(fmt)
            doc = self._document(what, lang, opts)
        except ValidationError as exc:
            raise _error(exc) from None
        data = render(doc, fmt)
        if opts["output"]:
            try:
                Path(opts["output"]).write_bytes(data)
            except OSError as exc:
                raise CommandError(_("-o/--output: cannot write %(f)s: %(e)s")
                                   % {"f": opts["output"], "e": exc.strerror or exc}) from None
            self.stderr.write(f"Wrote {opts['output']} ({len(data):,} bytes).")
        elif fmt in ("html", "csv"):
            sys.stdout.buffer.write(data)
        else:
            raise CommandError(f"A {fmt} report is binary: give a file with -o.")

    def _document(self, what, lang, opts):
        if what == "annual":
            from counterpart.reports.annual import annual_data, annual_document

            return annual_document(annual_data(opts["pairing"], opts["year"]), lang)
        if what == "national":
            from counterpart.reports.national import national_data, national_document

            return national_document(national_data(opts["year"]), lang)
        from counterpart.reports.checks import checks_document, run_checks

        return checks_document(run_checks(), lang)
