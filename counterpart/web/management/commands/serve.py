from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Counterpart (development server with static files; use gunicorn in production)"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, host, port, **opts):
        self.stdout.write(f"Counterpart on http://{host}:{port}/")
        call_command("runserver", f"{host}:{port}", use_reloader=False)
