"""Demo accounts, one per role, for `make run` (passwords are printed; never use them in production)."""
from django.contrib.auth.models import User

from counterpart.accounts.models import Profile, Role
from counterpart.geo.models import Region
from counterpart.pairings.actions import region_unit
from counterpart.pairings.models import Unit

DEMO_PASSWORD = "counterpart-demo"

# username, role, region code or organisation name, staff (admin access)
DEMO_USERS = [
    ("national", Role.NATIONAL, None, True),
    ("qingdao", Role.OFFICE, "370200", False),
    ("anshun", Role.OFFICE, "520400", False),
    ("guangzhou", Role.OFFICE, "440100", False),
    ("guangdong", Role.OFFICE, "440000", False),
    ("guangxi", Role.OFFICE, "450000", False),
    ("redstar", Role.ORGANISATION, "Guizhou Red Star Development Co., Ltd", False),
]


def create_demo_users() -> list[tuple[str, str, str]]:
    created = []
    for username, role, ref, staff in DEMO_USERS:
        unit = None
        if ref and ref.isdigit():
            region = Region.objects.filter(adcode=ref).first()
            unit = region_unit(region) if region else None
        elif ref:
            unit = Unit.objects.filter(name_en=ref).first()
        user, made = User.objects.get_or_create(username=username, defaults={"is_staff": staff,
                                                                             "is_superuser": staff})
        if made:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit})
        created.append((username, DEMO_PASSWORD, f"{role.label}" + (f": {unit.name_en}" if unit else "")))
    return created


def demo_offices() -> list:
    """The demo accounts of cooperation offices, made if missing (the demo loader reports and confirms the
    seed figures as them)."""
    users = []
    for username, role, ref, staff in DEMO_USERS:
        if role != Role.OFFICE:
            continue
        region = Region.objects.filter(adcode=ref).first()
        if region is None:
            continue
        user, made = User.objects.get_or_create(username=username, defaults={"is_staff": staff})
        if made:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Profile.objects.get_or_create(user=user, defaults={"role": role, "unit": region_unit(region)})
        users.append(User.objects.select_related("profile__unit__region").get(pk=user.pk))
    return users
