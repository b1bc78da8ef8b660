"""Townships and villages are added under their county when a record names them."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from counterpart.geo.models import Level, Region

# Official 9/12-digit codes are used when known; otherwise a local code under the parent marks the
# place as added by hand ("L" can never clash with a statistical code, which is all digits).
LOCAL_MARK = "L"


@transaction.atomic
def do_add_locality(parent: Region, name_zh: str = "", name_en: str = "", level: int = Level.VILLAGE,
                    adcode: str = "", type_en: str = "") -> Region:
    if not (name_zh.strip() or name_en.strip()):
        raise ValidationError({"name_zh": _("A township or village needs a name.")})
    if level not in (Level.TOWNSHIP, Level.VILLAGE):
        raise ValidationError({"level": _("Only townships and villages are added by hand.")})
    if parent.level >= level or (level == Level.TOWNSHIP and parent.level != Level.COUNTY):
        raise ValidationError({"parent": _("%(p)s cannot contain a place at this level.") % {"p": parent}})
    existing = Region.objects.filter(parent=parent, level=level)
    for field, value in (("name_zh", name_zh.strip()), ("name_en", name_en.strip())):
        if value:
            same = existing.filter(**{field: value}).first()
            if same is not None:
                return same
    if adcode:
        if not adcode.isdigit() or len(adcode) not in (9, 12) or not adcode.startswith(parent.adcode[:6]):
            raise ValidationError({"adcode": _("“%(c)s” is not a township or village code under %(p)s.")
                                   % {"c": adcode, "p": parent.adcode}})
    else:
        serial = Region.objects.filter(adcode__startswith=parent.adcode[:6] + LOCAL_MARK).count() + 1
        adcode = f"{parent.adcode[:6]}{LOCAL_MARK}{serial:05d}"
    from counterpart.web.cache import bump_version

    bump_version()  # pages list places
    return Region.objects.create(adcode=adcode, name_zh=name_zh.strip(), name_en=name_en.strip() or name_zh.strip(),
                                 type_en=type_en or ("Township" if level == Level.TOWNSHIP else "Village"),
                                 level=level, parent=parent)
