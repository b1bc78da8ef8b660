"""Small factories and paths shared by tests."""
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
COPY = REPO / "tests" / "shared_copy"  # used only when the shared kit is not beside the clone
GOLD = SHARED / "eval" / "dev" / "gold.jsonl"
GOLD = GOLD if GOLD.exists() else COPY / "gold.jsonl"
SPEC = SHARED / "spec" / "indicators.md"
SPEC = SPEC if SPEC.exists() else REPO / "docs" / "indicators.md"


def scorer():
    """The project's official scorer (shared/eval/score_facts.py), imported as a module."""
    path = SHARED / "eval" / "score_facts.py"
    path = path if path.exists() else COPY / "score_facts.py"
    spec = importlib.util.spec_from_file_location("score_facts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unit(adcode):
    from counterpart.geo.models import Region
    from counterpart.pairings.actions import region_unit

    return region_unit(Region.objects.get(adcode=adcode))


def pairing(donor="370200", recipient="520000", level="city_province", start_year=2011, **kw):
    from counterpart.pairings.actions import do_create_pairing

    return do_create_pairing(unit(donor), unit(recipient), level, start_year, **kw)


def user(username="alice"):
    from django.contrib.auth.models import User

    return User.objects.get_or_create(username=username)[0]


def office(adcode="370200", username=None):
    """A cooperation office's user for the unit of this region (reports and confirms through the actions)."""
    from django.contrib.auth.models import User

    from counterpart.accounts.models import Profile

    account = User.objects.get_or_create(username=username or f"office-{adcode}")[0]
    Profile.objects.update_or_create(user=account, defaults={"role": "office", "unit": unit(adcode)})
    return User.objects.get(pk=account.pk)


def report(model, by=None, recipients=(), **fields):
    """A record reported through the write action by an office of the pairing's donor side (default)."""
    from counterpart.confirmations.actions import do_report_record

    pairing = fields["pairing"]
    by = by or office(pairing.donor.region.adcode)
    return do_report_record(by, model, recipients=recipients, **fields)[0]
