from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Serve Counterpart (development server with static files; use gunicorn in production)"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, host, port, **opts):
        if not 1 <= port <= 65535:
            raise CommandError(_("--port: %(p)s is not a port number (1 to 65535).") % {"p": port})
        self.stdout.write(f"Counterpart on http://{host}:{port}/")
        call_command("runserver", f"{host}:{port}", use_reloader=False)
