"""`counterpart extract FILE...`: the facts in narrative reports, as JSON Lines on stdout.

Needs no database. A file that cannot be read is reported on stderr with its
name and the reason, the other files go on, and the exit status is 1.
"""
import json
import sys
from typing import ClassVar

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from counterpart.ingest.extract import ExtractionError, extract_file


class Command(BaseCommand):
    help = "Extract facts (observations, pairings, events) from .txt/.html/.docx reports; prints JSON Lines."
    requires_system_checks: ClassVar[list] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--year", type=int, help="the report year, when the text does not say")

    def handle(self, *args, files=(), year=None, **options):
        failed = 0
        out = self.stdout
        for path in files:
            try:
                _doc, text, facts = extract_file(path, year=year)
            except ExtractionError as exc:
                failed += 1
                self.stderr.write(f"extract: {exc}")
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others; it is reported
                failed += 1
                self.stderr.write(f"extract: {path}: " + _("cannot be read: %(e)s") % {"e": exc})
                continue
            if not text.strip():
                failed += 1
                self.stderr.write(f"extract: {path}: " + _("the file has no text."))
                continue
            if not facts:
                self.stderr.write(f"extract: {path}: " + _("no figures, pairings or events found."))
            for fact in facts:
                out.write(json.dumps(fact, ensure_ascii=False))
        out.flush()
        if failed:
            sys.exit(1)
