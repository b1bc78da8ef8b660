"""Typed records per channel of cooperation. Each record yields its observations (see specs())."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.indicators.models import Qualifier


@dataclass
class ObservationSpec:
    """What a record says about one indicator; actions turn specs into Observation rows."""

    slot: str
    indicator: str
    value: Decimal
    qualifier: str = Qualifier.EXACT
    dims: dict = field(default_factory=dict)
    stated: bool = True


def _money():
    return models.DecimalField(_("amount (yuan)"), max_digits=20, decimal_places=2, null=True, blank=True)


class Record(models.Model):
    """Fields every ledger record shares: where it belongs, who is party to it, where it came from."""

    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="%(class)s_records")
    year = models.PositiveSmallIntegerField(_("year"))
    donor = models.ForeignKey("pairings.Unit", verbose_name=_("donor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="%(class)s_given")
    recipients = models.ManyToManyField("pairings.Unit", verbose_name=_("recipients"), blank=True,
                                        related_name="%(class)s_received")
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="%(class)s_records")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    source_ref = models.CharField(_("source reference"), max_length=200, null=True, blank=True, unique=True,
                                  help_text=_("idempotency key: the same import never adds a record twice"))
    qualifier = models.CharField(_("qualifier"), max_length=8, choices=Qualifier.choices,
                                 default=Qualifier.EXACT)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Optimistic locking: every change adds one, and a change made on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True
        ordering = ["year", "id"]

    def specs(self) -> list[ObservationSpec]:
        raise NotImplementedError

    def spec(self, slot, indicator, value, dims=None, stated=True, qualifier=None):
        return ObservationSpec(slot, indicator, Decimal(value), qualifier or self.qualifier,
                               {k: v for k, v in (dims or {}).items() if v not in ("", None, [])}, stated)


class SourceLevel(models.TextChoices):
    PROVINCE = "province", _("province")
    PREFECTURE = "prefecture", _("prefecture / city")
    COUNTY = "county", _("county / district")


class FundKind(models.TextChoices):
    REGULAR = "regular", _("regular")
    SUPPLEMENTARY = "supplementary", _("supplementary")
    MATCHING = "matching", _("matching")


class FundAllocation(Record):
    amount = models.DecimalField(_("amount (yuan)"), max_digits=20, decimal_places=2)
    source_level = models.CharField(_("source level"), max_length=12, choices=SourceLevel.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=14, choices=FundKind.choices, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("fund allocation")
        verbose_name_plural = _("fund allocations")

    def __str__(self):
        return f"{self.amount} yuan ({self.year})"

    def specs(self):
        return [self.spec("amount", "gov_aid_funds", self.amount,
                          {"source_level": self.source_level, "kind": self.kind, "purpose": self.purpose})]


class ProjectKind(models.TextChoices):
    ENTIRE_VILLAGE = "entire_village_advancement", _("entire-village advancement")
    MODEL_VILLAGE = "model_village", _("model village")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")
    INDUSTRY = "industry", _("industry")
    EDUCATION = "education", _("education")
    HEALTH = "health", _("health")
    OTHER = "other", _("other")


class Project(Record):
    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        UNDERWAY = "underway", _("under way")
        COMPLETED = "completed", _("completed")

    title = models.CharField(_("title"), max_length=300)
    kinds = models.JSONField(_("kinds"), default=list, help_text=_("one or more project kinds"))
    location = models.ForeignKey("geo.Region", verbose_name=_("location"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    village = models.CharField(_("village"), max_length=100, blank=True)
    budget = _money()
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.UNDERWAY)
    outputs = models.JSONField(_("outputs"), default=dict, blank=True,
                               help_text=_("indicator code -> value, e.g. roads_built_km: 12.5"))

    class Meta(Record.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.title

    def specs(self):
        # Budgets are not added as funds: the money is counted where it is allocated.
        out = [self.spec("project", "aid_projects", 1, {"kind": list(self.kinds)}, stated=False)]
        out += [self.spec(f"output:{code}", code, value) for code, value in sorted(self.outputs.items())]
        return out


class InvestmentContract(Record):
    enterprise = models.ForeignKey("pairings.Unit", verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="investment_contracts")
    title = models.CharField(_("project"), max_length=300)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=20, decimal_places=2)

    class Meta(Record.Meta):
        verbose_name = _("investment contract")
        verbose_name_plural = _("investment contracts")

    def __str__(self):
        return self.title

    def specs(self):
        return [self.spec("amount", "enterprise_investment", self.amount, {"sector": self.sector})]


class LabourTransfer(Record):
    persons = models.PositiveIntegerField(_("workers"))
    income = _money()

    class Meta(Record.Meta):
        verbose_name = _("labour transfer")
        verbose_name_plural = _("labour transfers")

    def __str__(self):
        return f"{self.persons} workers ({self.year})"

    def specs(self):
        out = [self.spec("persons", "labor_transferred", self.persons)]
        if self.income is not None:
            out.append(self.spec("income", "labor_service_income", self.income))
        return out


class Direction(models.TextChoices):
    TO_RECIPIENT = "to_recipient", _("to the recipient side")
    TO_DONOR = "to_donor", _("to the donor side")


class PersonnelExchange(Record):
    persons = models.PositiveIntegerField(_("persons"))
    direction = models.CharField(_("direction"), max_length=12, choices=Direction.choices)
    role = models.CharField(_("role"), max_length=40, default="cadre",
                            help_text=_("cadre, teacher, doctor, technician, volunteer ..."))

    class Meta(Record.Meta):
        verbose_name = _("personnel exchange")
        verbose_name_plural = _("personnel exchanges")

    def __str__(self):
        return f"{self.persons} {self.role} ({self.get_direction_display()})"

    def specs(self):
        if self.role == "cadre":
            return [self.spec("persons", "cadres_exchanged", self.persons, {"direction": self.direction})]
        return [self.spec("persons", "professionals_sent", self.persons, {"role": self.role})]


class Training(Record):
    title = models.CharField(_("title"), max_length=300)
    courses = models.PositiveIntegerField(_("courses"), default=1)
    courses_stated = models.BooleanField(_("number of courses stated"), default=True,
                                         help_text=_("off when the source implies one course without a figure"))
    trainees = models.PositiveIntegerField(_("trainees (person-times)"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=40, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.title

    def specs(self):
        out = [self.spec("courses", "training_courses", self.courses, stated=self.courses_stated,
                         qualifier=Qualifier.EXACT)]
        if self.trainees is not None:
            out.append(self.spec("trainees", "trainees", self.trainees, {"audience": self.audience}))
        return out


class EventKind(models.TextChoices):
    FORUM = "forum", _("forum")
    AGREEMENT_SIGNING = "agreement_signing", _("agreement signing")
    DELEGATION_VISIT = "delegation_visit", _("delegation visit")
    FAIR = "fair", _("fair")
    SYMPOSIUM = "symposium", _("symposium")
    TRAINING = "training", _("training")
    MEETING = "meeting", _("meeting")
    OTHER = "other", _("other")


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Event(Record):
    """A forum, signing, delegation visit, fair, symposium or meeting."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=400, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(_("date precision"), max_length=5, choices=DatePrecision.choices,
                                      default=DatePrecision.DAY)
    place = models.CharField(_("place"), max_length=120, blank=True)
    members = models.PositiveIntegerField(_("delegation members"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    agreement = models.ForeignKey("pairings.Agreement", verbose_name=_("agreement"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="events")

    class Meta(Record.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title or self.get_kind_display()

    @property
    def iso_date(self) -> str:
        if self.date is None:
            return str(self.year)
        return {"day": self.date.isoformat(), "month": self.date.strftime("%Y-%m"),
                "year": str(self.date.year)}[self.date_precision]

    def specs(self):
        out = []
        if self.members is not None:
            out.append(self.spec("members", "delegation_members", self.members))
        if self.participants is not None:
            out.append(self.spec("participants", "event_participants", self.participants))
        return out


class Donation(Record):
    class Form(models.TextChoices):
        CASH = "cash", _("cash")
        IN_KIND = "in_kind", _("in kind")

    form = models.CharField(_("form"), max_length=8, choices=Form.choices, default=Form.CASH)
    amount = _money()
    item = models.CharField(_("item"), max_length=100, blank=True, help_text=_("goods donated, e.g. computers"))
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("donation")
        verbose_name_plural = _("donations")

    def __str__(self):
        return f"{self.item or self.get_form_display()} {self.amount or ''}".strip()

    def specs(self):
        out = []
        if self.amount is not None:
            out.append(self.spec("amount", "social_donations", self.amount, {"form": self.form}))
        if self.quantity is not None:
            out.append(self.spec("items", "donated_items", self.quantity, {"item": self.item},
                                 qualifier=Qualifier.EXACT))
        return out


class StudentSponsorship(Record):
    students = models.PositiveIntegerField(_("students"))
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True,
                                                help_text=_("empty when until graduation"))
    until = models.CharField(_("until"), max_length=100, blank=True, help_text=_("e.g. university graduation"))
    amount = _money()

    class Meta(Record.Meta):
        verbose_name = _("student sponsorship")
        verbose_name_plural = _("student sponsorships")

    def __str__(self):
        return f"{self.students} students from {self.start_year}"

    def specs(self):
        return [self.spec("students", "students_supported", self.students)]


class Award(Record):
    """A title or honour given for the cooperation; a recognition, not a figure."""

    title = models.CharField(_("title"), max_length=300)
    awardee = models.ForeignKey("pairings.Unit", verbose_name=_("awardee"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="awards")
    awardee_name = models.CharField(_("awardee name"), max_length=200, blank=True)
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return f"{self.title}: {self.awardee or self.awardee_name}"

    def specs(self):
        return []

