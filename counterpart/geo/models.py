from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    PROVINCE = 1, _("province")
    PREFECTURE = 2, _("prefecture")
    COUNTY = 3, _("county")
    TOWNSHIP = 4, _("township")
    VILLAGE = 5, _("village")


class Region(models.Model):
    """An administrative division, loaded from the shipped gazetteer (villages added on demand)."""

    adcode = models.CharField(_("code"), max_length=12, unique=True,
                              help_text=_("GB/T 2260 code (6 digits) or 9/12-digit township/village code"))
    name_zh = models.CharField(_("Chinese name"), max_length=64, db_index=True)
    name_en = models.CharField(_("English name"), max_length=96, db_index=True)
    name_pinyin = models.CharField(_("pinyin"), max_length=160, blank=True)
    type_en = models.CharField(_("type"), max_length=48, blank=True,
                               help_text=_("City, County, District, Autonomous Prefecture, ..."))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    aliases = models.TextField(_("aliases"), blank=True, help_text=_("other names, one per line"))
    active = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["adcode"]

    def __str__(self):
        return f"{self.name_en} {self.name_zh}".strip()

    @property
    def full_name_en(self):
        return f"{self.name_en} {self.type_en}".strip()

    def ancestors(self):
        """From the province down to this region's parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))
