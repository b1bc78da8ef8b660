import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SourceDocument(models.Model):
    """A narrative report or other document that figures are taken from."""

    doc_id = models.CharField(_("document id"), max_length=200, unique=True,
                              help_text=_("the file name, as used in the facts format"))
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10, default="en")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    text = models.TextField(_("text"))
    sha256 = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    origin = models.CharField(_("origin"), max_length=300, blank=True,
                              help_text=_("where the document came from (publisher, URL, file)"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey("auth.User", verbose_name=_("imported by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["doc_id"]

    def __str__(self):
        return self.title or self.doc_id

    def save(self, *args, **kwargs):
        self.sha256 = content_hash(self.text)
        super().save(*args, **kwargs)


class Span(models.Model):
    """A range of characters in a document (Python string indices, end exclusive)."""

    document = models.ForeignKey(SourceDocument, verbose_name=_("document"), on_delete=models.PROTECT,
                                 related_name="spans")
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))

    class Meta:
        verbose_name = _("span")
        verbose_name_plural = _("spans")
        constraints = [
            models.UniqueConstraint(fields=["document", "start", "end"], name="span_unique_range"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="span_not_empty"),
        ]

    def __str__(self):
        return f"{self.document.doc_id}[{self.start}:{self.end}]"

    @property
    def text(self) -> str:
        return self.document.text[self.start:self.end]

    def clean(self):
        if self.end <= self.start or self.end > len(self.document.text):
            raise ValidationError({"end": _("The span must lie inside the document's text.")})
