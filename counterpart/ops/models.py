"""What the operations side keeps in the database: when each background worker was last alive."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """One row per worker process, touched every few seconds while it runs (ops/worker.py); /healthz reads
    it. In the database rather than the cache so that it works with the per-process memory cache too."""

    name = models.CharField(_("worker"), max_length=200, unique=True)
    at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"
