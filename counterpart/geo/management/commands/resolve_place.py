from django.core.management.base import BaseCommand

from counterpart.geo.gazetteer import get_gazetteer


class Command(BaseCommand):
    help = "Show how a place name (English or Chinese) resolves, e.g. resolve_place 'Guangling County' -c Anshun"

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("-c", "--context", action="append", default=[],
                            help="surrounding region: name or adcode prefix (repeatable)")

    def handle(self, *args, name, context, **options):
        gazetteer = get_gazetteer()
        result = gazetteer.resolve(name, context or None)
        self.stdout.write(f"{result.status} ({result.how})")
        for place in result.candidates:
            mark = "*" if place == result.region else "-"
            path = " / ".join(p.name_zh for p in place.path(gazetteer))
            self.stdout.write(f"  {mark} {place.adcode} {place.full_name_en}  {path}")
