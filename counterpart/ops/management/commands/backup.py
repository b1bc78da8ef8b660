"""`counterpart backup [-o FILE]`: the database and uploaded files in one checked archive (ops/backup.py)."""
import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from counterpart.ops.backup import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files to one archive with a manifest and checksums."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="archive to write (default: var/backups/counterpart-<time>.tar)")

    def handle(self, *args, output=None, **opts):
        from django.conf import settings

        if not output:
            folder = settings.VAR_DIR / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            output = folder / f"counterpart-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar"
        try:
            manifest = backup(output)
        except ValidationError as exc:
            raise CommandError("; ".join(f"-o/--{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(_("Backed up %(rows)s rows and %(files)s files to %(f)s (checksum in %(f)s.sha256).")
                          % {"rows": f"{rows:,}", "files": len(manifest["members"]) - 1, "f": output})
