"""Who a proposed figure's donor and recipients are: a region through the gazetteer, or an organisation.

`lookup_unit` only reads, so the review page can show what a name will become before anyone accepts;
`materialise` makes the unit on acceptance. Names the gazetteer cannot place, or places ambiguously, come
back with a problem for the reviewer to fix (a code or a fuller name): they are never guessed.
"""
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from counterpart.geo.models import Region
from counterpart.pairings.actions import do_create_organisation, region_unit
from counterpart.pairings.models import Unit, UnitKind

# Words that mark a name as an organisation rather than a place, by the kind of unit it becomes.
ORG_PATTERNS = [
    (UnitKind.ENTERPRISE, re.compile(r"\b(?:co|ltd|inc|corp|plc|llc)\b\.?|\b(?:company|corporation|group|bank|"
                                     r"enterprises?|factory|industr(?:y|ies)|holdings?)\b|公司|集团|银行|企业|厂",
                                     re.IGNORECASE)),
    (UnitKind.CHARITY, re.compile(r"\b(?:foundation|association|federation|society|charity|red cross|"
                                  r"chamber)\b|基金会|协会|联合会|商会|红十字", re.IGNORECASE)),
    (UnitKind.GOVERNMENT, re.compile(r"\b(?:government|office|committee|bureau|department|commission|"
                                     r"ministry)\b|政府|办公室|委员会|局", re.IGNORECASE)),
]


@dataclass
class UnitChoice:
    """What one name in a proposal stands for, before anything is written."""

    name: str
    unit: Unit | None = None
    region: Region | None = None
    org_kind: str = ""
    problem: str = ""
    candidates: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def label(self) -> str:
        if self.unit is not None:
            return str(self.unit)
        if self.region is not None:
            return f"{self.region} ({self.region.adcode})"
        if self.org_kind:
            return _("%(name)s (new organisation: %(kind)s)") % {"name": self.name,
                                                                 "kind": UnitKind(self.org_kind).label}
        return self.name


def ref_name(ref) -> str:
    if isinstance(ref, dict):
        return str(ref.get("name") or ref.get("adcode") or "")
    return str(ref or "")


def _org_kind(name: str) -> str:
    for kind, pattern in ORG_PATTERNS:
        if pattern.search(name):
            return kind
    return ""


def _region_by_code(code: str) -> Region | None:
    return Region.objects.filter(adcode=code.strip()).first()


def _gazetteer_region(name: str, context) -> tuple[Region | None, list]:
    """A region for the name, or the candidates it could be (the shared resolver, counterpart.geo.resolve)."""
    from counterpart.geo.resolve import resolve_region

    result = resolve_region(name, [c for c in context if c] or None)
    if result.status == "unique" and result.region is not None:
        return result.region, []
    if result.status == "ambiguous":
        return None, [f"{r} ({r.adcode})" for r in result.candidates[:6]]
    return None, []


def lookup_unit(ref, context=()) -> UnitChoice:
    """Read-only: the unit a facts-format party ({"name", "adcode"}) or a typed name/code stands for."""
    name = ref_name(ref).strip()
    choice = UnitChoice(name=name)
    code = ref.get("adcode") if isinstance(ref, dict) else (name if name.isdigit() else None)
    if code:
        region = _region_by_code(str(code))
        if region is None:
            choice.problem = _("There is no region with code %(code)s.") % {"code": code}
            return choice
        choice.region = region
        choice.unit = Unit.objects.filter(kind=UnitKind.REGION, region=region).first()
        return choice
    if not name:
        choice.problem = _("No name given.")
        return choice
    # "Guanling County|Guangling County": the extractor's alternative spellings, tried in turn.
    alternatives = [a.strip() for a in name.split("|") if a.strip()]
    candidates = []
    for alternative in alternatives:
        existing = Unit.objects.exclude(kind=UnitKind.REGION).filter(name_en__iexact=alternative).first()
        if existing is not None:
            choice.name, choice.unit = alternative, existing
            return choice
    org_kind = next((k for k in map(_org_kind, alternatives) if k), "")
    if org_kind:
        choice.name, choice.org_kind = alternatives[0], org_kind
        return choice
    for alternative in alternatives:
        region, found = _gazetteer_region(alternative, context)
        if region is not None:
            choice.name, choice.region = alternative, region
            choice.unit = Unit.objects.filter(kind=UnitKind.REGION, region=region).first()
            return choice
        candidates += found
    if candidates:
        choice.candidates = candidates
        choice.problem = _("“%(name)s” could be several places: %(c)s. Give the code.") % {
            "name": name, "c": "; ".join(candidates)}
    else:
        choice.problem = _("“%(name)s” is neither a place the gazetteer knows nor clearly an organisation; "
                           "give a region code or the organisation's full name.") % {"name": name}
    return choice


def materialise(choice: UnitChoice) -> Unit:
    """The unit for a resolved choice, made on first use (call inside the accepting transaction)."""
    if choice.unit is not None:
        return choice.unit
    if choice.region is not None:
        return region_unit(choice.region)
    return do_create_organisation(choice.org_kind, choice.name)


def context_for(pairing) -> tuple:
    """Adcodes that narrow place names: the document's pairing sides ("Shinan District" of Qingdao)."""
    if pairing is None:
        return ()
    return tuple(u.region.adcode for u in (pairing.donor, pairing.recipient) if u.region_id)
