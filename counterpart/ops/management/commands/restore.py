"""`counterpart restore FILE [--force]`: put back a backup made by `counterpart backup` (ops/backup.py)."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from counterpart.ops.backup import restore


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup archive (checks its checksums first)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds data")

    def handle(self, *args, file, force, **opts):
        try:
            counts = restore(file, force=force)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{'--force' if k == 'force' else k}: {' '.join(v)}"
                                         for k, v in exc.message_dict.items())) from None
        self.stdout.write(_("Restored %(rows)s rows from %(f)s.") % {"rows": f"{sum(counts.values()):,}", "f": file})
