"""`counterpart import FILE... [--pairing P]`: narrative reports into the review queue."""
# ruff: noqa: N999 -- the command is called `import`; Django loads it by name, never by an import statement
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from counterpart.ingest.actions import ImportFailure, do_import_document
from counterpart.pairings.actions import find_pairing


def _reason(exc) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()) if hasattr(
            exc, "error_dict") else " ".join(exc.messages)
    return str(exc)


class Command(BaseCommand):
    help = ("Import narrative reports (.txt, .html, .docx): each document and the facts extracted from it "
            "become proposals awaiting review at /review/. Importing a document again changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--pairing", help="the pairing the reports are about: id or Donor-Recipient "
                                              "(default: the pairing each report's title states)")

    def handle(self, *args, files=(), pairing=None, **options):
        try:
            pairing = find_pairing(pairing) if pairing else None
        except ValidationError as exc:
            raise CommandError(_reason(exc)) from exc
        imported = unchanged = proposals = 0
        failures = []
        bar = tqdm(files, unit="file", file=sys.stderr, disable=len(files) < 2 or None)
        for path in bar:
            bar.set_postfix_str(str(path)[-40:], refresh=False)
            try:
                outcome = do_import_document(path, pairing=pairing)
            except (ImportFailure, ValidationError) as exc:
                failures.append(path)
                reason = _reason(exc)
                with tqdm.external_write_mode(file=sys.stderr):
                    self.stderr.write(f"failed: {reason if Path(path).name in reason else f'{path}: {reason}'}")
                continue
            if outcome.created:
                imported += 1
                proposals += outcome.proposals
            else:
                unchanged += 1
            if options["verbosity"] > 1 or not outcome.created:
                self.stdout.write(outcome.message)
        self.stdout.write(f"documents: {imported} imported, {unchanged} unchanged; proposals: {proposals}; "
                          f"failures: {len(failures)}")
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} files could not be imported")
