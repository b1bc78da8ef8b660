"""Renderers: one module per format, each turning a reports.document.Document into bytes."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValidationError({"format": _("“%(f)s” is not a report format (choose %(ok)s).")
                               % {"f": fmt, "ok": ", ".join(FORMATS)}})
    return fmt


def render(doc, fmt: str) -> bytes:
    check_format(fmt)
    from importlib import import_module

    module = import_module(f"counterpart.reports.render.{fmt}_format")
    return module.render(doc)


def filename(doc, fmt: str) -> str:
    return f"{doc.slug}.{FORMATS[fmt][1]}"
