import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from counterpart.indicators.facts import export_facts


class Command(BaseCommand):
    help = "facts export: write observations, pairings and events as JSON Lines (spec/facts-format.md)"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export"])
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument("--doc", action="append", help="only this document id (repeatable)")
        parser.add_argument("--confirmed-only", action="store_true", help="leave out unconfirmed figures")

    def handle(self, action, output=None, doc=None, confirmed_only=False, **opts):
        if doc:
            from counterpart.sources.models import SourceDocument

            known = set(SourceDocument.objects.filter(doc_id__in=doc).values_list("doc_id", flat=True))
            missing = [d for d in doc if d not in known]
            if missing:
                raise CommandError(_("--doc: no document %(d)s.") % {"d": ", ".join(missing)})
        try:
            out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc}") from exc
        n = 0
        for fact in export_facts(doc, include_unconfirmed=not confirmed_only):
            out.write(json.dumps(fact, ensure_ascii=False) + "\n")
            n += 1
        if output:
            out.close()
            self.stderr.write(f"{n} facts written to {output}")
