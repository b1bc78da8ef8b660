from django.db import models


class DataVersion(models.Model):
    """One row whose token changes in the same transaction as any change to the figures, so cached pages
    (counterpart/web/cache.py) are keyed by what they were built from, in every server process."""

    token = models.CharField(max_length=32, default="0")

    class Meta:
        verbose_name = "data version"
