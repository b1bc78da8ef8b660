"""The `counterpart` console command: Django's management commands under friendlier names.

Whatever goes wrong, a command ends with a one-line message on standard error and exit status 1, never a
traceback (`--traceback` shows it, for a developer). Messages are in Chinese unless COUNTERPART_LANG or the
locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) asks for English.
"""
import os
import sys

ALIASES = {
    "serve": "serve",
    "load-demo": "load_demo",
    "facts": "facts",
    "load-gazetteer": "load_gazetteer",
}

# Commands that read files and print facts: no session, token or link is signed, so they run without
# SECRET_KEY (the scorer and a researcher run `counterpart extract` on a machine with no server set up).
SIGNS_NOTHING = {"extract"}


def _language() -> str:
    for name in ("COUNTERPART_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (os.environ.get(name) or "").lower()
        if value.startswith("en"):
            return "en"
        if value.startswith("zh"):
            return "zh-hans"
    return "zh-hans"


def _describe(exc: BaseException) -> str:
    from django.core.exceptions import ImproperlyConfigured

    if isinstance(exc, ImproperlyConfigured):
        return str(exc)
    from django.utils.translation import gettext as _

    if isinstance(exc, OSError) and getattr(exc, "filename", None):
        return _("%(file)s: %(reason)s") % {"file": exc.filename, "reason": exc.strerror or exc}
    if isinstance(exc, OSError):
        return _("system error: %(reason)s") % {"reason": exc.strerror or exc}
    from django.db import DatabaseError

    if isinstance(exc, DatabaseError):
        return _("database error: %(reason)s (is the database migrated? run `counterpart migrate`)") % {
            "reason": str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__}
    from django.core.exceptions import ValidationError

    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        return " ".join(exc.messages)
    return _("unexpected error (%(kind)s): %(reason)s; run again with --traceback for the details") % {
        "kind": exc.__class__.__name__, "reason": exc}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    # Only the settings' loading may see the variable: left in the environment it would reach every process
    # started afterwards (a server, `counterpart check`), which must still refuse to start without a key.
    signs_nothing = bool(argv) and argv[0] in SIGNS_NOTHING and "COUNTERPART_SIGNS_NOTHING" not in os.environ
    if argv and argv[0] in ("-h", "--help"):
        argv = ["help", "--commands"]
        print("counterpart: serve, worker, migrate, load-demo, facts export, extract, import, report, synth, "
              "assess, backup, restore, and every Django management command.\n")
    show_traceback = "--traceback" in argv
    try:
        import django
        from django.core.management import execute_from_command_line

        os.makedirs(os.environ.get("COUNTERPART_VAR", os.path.join(os.getcwd(), "var")), exist_ok=True)
        if signs_nothing:
            os.environ["COUNTERPART_SIGNS_NOTHING"] = "1"
        try:
            django.setup()
        finally:
            if signs_nothing:
                del os.environ["COUNTERPART_SIGNS_NOTHING"]
        from django.utils import translation

        translation.activate(_language())
        execute_from_command_line(["counterpart", *argv])
    except SystemExit as exc:
        # argparse ends a usage error with 2; every failure of a counterpart command is 1.
        if exc.code not in (0, None):
            sys.exit(1)
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if show_traceback:
            raise
        try:
            message = _describe(exc)
        except Exception:  # noqa: BLE001 - settings that cannot load (no SECRET_KEY ...) leave no translations either
            message = str(exc) or exc.__class__.__name__
        sys.stderr.write(f"counterpart: {message}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
