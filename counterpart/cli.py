"""The `counterpart` console command: Django's management commands under friendlier names."""
import os
import sys

ALIASES = {
    "serve": "serve",
    "load-demo": "load_demo",
    "facts": "facts",
    "load-gazetteer": "load_gazetteer",
}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    if argv and argv[0] in ("-h", "--help"):
        argv = ["help", "--commands"]
        print("counterpart: serve, migrate, load-demo, facts export, extract, import, report, synth, "
              "assess, and every Django management command.\n")
    from django.core.management import execute_from_command_line

    os.makedirs(os.environ.get("COUNTERPART_VAR", os.path.join(os.getcwd(), "var")), exist_ok=True)
    execute_from_command_line(["counterpart", *argv])


if __name__ == "__main__":
    main()
