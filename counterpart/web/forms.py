"""Entry forms for every ledger record: model fields, place names through the gazetteer, indicators
from the catalogue. Forms only validate; confirmations.actions write."""
from decimal import Decimal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from counterpart.accounts.access import ORGANISATION_RECORDS, is_organisation, profile_of, record_kind
from counterpart.indicators.catalogue import catalogue
from counterpart.ledger import models as ledger
from counterpart.pairings.models import Unit, UnitKind
from counterpart.web.places import PlaceField, RegionField, within

# URL slug -> model, in the order the entry menu shows them.
KINDS = {
    "fund_allocation": ledger.FundAllocation,
    "project": ledger.Project,
    "investment_contract": ledger.InvestmentContract,
    "labour_transfer": ledger.LabourTransfer,
    "personnel_exchange": ledger.PersonnelExchange,
    "training": ledger.Training,
    "event": ledger.Event,
    "donation": ledger.Donation,
    "student_sponsorship": ledger.StudentSponsorship,
    "award": ledger.Award,
}
SLUGS = {model: slug for slug, model in KINDS.items()}
# Handled by dedicated fields below, or set by the application rather than the person.
HIDDEN = {"pairing", "span", "entered_by", "source_ref", "created_at", "donor", "recipients", "location",
          "enterprise", "awardee", "agreement", "outputs", "kinds"}


def slug_of(record_or_model) -> str:
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    return SLUGS[model]


def model_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key
            and f.name not in HIDDEN]


def indicator_choices(lang):
    return [("", "—")] + [(code, f"{row['label_zh'] if lang.startswith('zh') else row['label_en']} ({code})")
                         for code, row in catalogue().items()]


class RecordForm(forms.ModelForm):
    """Base for every record type; `build_form` makes the concrete class."""

    donor_place = PlaceField(label=_("donor"), required=False)
    recipient_places = PlaceField(label=_("recipients"), many=True, required=False)

    def __init__(self, *args, pairing=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairing, self.user = pairing, user
        instance = self.instance
        lang = get_language() or "en"
        self.fields["donor_place"].context = None
        if pairing is not None and pairing.recipient.region_id:
            self.fields["recipient_places"].context = pairing.recipient.region.adcode
        if pairing is not None and pairing.donor.region_id:
            self.fields["donor_place"].context = pairing.donor.region.adcode
        if instance.pk:
            self.initial.setdefault("donor_place", instance.donor)
            self.initial.setdefault("recipient_places", list(instance.recipients.all()))
        elif pairing is not None:
            self.initial.setdefault("donor_place", pairing.donor)
            self.initial.setdefault("recipient_places", [pairing.recipient])
        model = self._meta.model
        own_field = ORGANISATION_RECORDS.get(record_kind(model)) if is_organisation(user) else None
        if own_field == "donor":
            # An enterprise or charity gives in its own name.
            del self.fields["donor_place"]
        if model is ledger.Project:
            self.fields["location_place"] = RegionField(label=_("location"), required=False,
                                                        context=self.fields["recipient_places"].context)
            self.fields["project_kinds"] = forms.MultipleChoiceField(
                label=_("kinds"), choices=ledger.ProjectKind.choices, required=False,
                widget=forms.CheckboxSelectMultiple)
            self.fields["output_indicator"] = forms.ChoiceField(label=_("output indicator"), required=False,
                                                                choices=indicator_choices(lang))
            self.fields["output_value"] = forms.DecimalField(label=_("output value"), required=False,
                                                             min_value=0, max_digits=24, decimal_places=4)
            if instance.pk:
                self.initial.setdefault("location_place", instance.location)
                self.initial.setdefault("project_kinds", instance.kinds)
                if instance.outputs:
                    code, value = min(instance.outputs.items())
                    self.initial.setdefault("output_indicator", code)
                    self.initial.setdefault("output_value", value)
        organisations = Unit.objects.exclude(kind=UnitKind.REGION).order_by("name_en")
        if model is ledger.InvestmentContract and own_field != "enterprise":
            self.fields["enterprise_unit"] = forms.ModelChoiceField(
                label=_("enterprise"), queryset=organisations.filter(kind=UnitKind.ENTERPRISE),
                initial=instance.enterprise_id if instance.pk else None)
        if model is ledger.Award:
            self.fields["awardee_unit"] = forms.ModelChoiceField(
                label=_("awardee"), queryset=organisations, required=False,
                initial=instance.awardee_id if instance.pk else None)
        if model is ledger.Event and pairing is not None:
            self.fields["agreement_ref"] = forms.ModelChoiceField(
                label=_("agreement"), queryset=pairing.agreements.all(), required=False,
                initial=instance.agreement_id if instance.pk else None)
        for field in self.fields.values():
            if isinstance(field.widget, (forms.Textarea,)):
                field.widget.attrs.setdefault("rows", 2)

    def clean(self):
        data = super().clean()
        pairing = self.pairing
        recipients = data.get("recipient_places") or []
        if pairing is not None and pairing.recipient.region_id:
            for unit in recipients:
                if unit.region_id and not within(unit.region, pairing.recipient.region):
                    self.add_error("recipient_places", _("%(place)s is not on the recipient side of %(pairing)s.")
                                   % {"place": unit.display_name(get_language() or "en"),
                                      "pairing": pairing.display_name(get_language() or "en")})
        if self._meta.model is ledger.Project:
            code, value = data.get("output_indicator"), data.get("output_value")
            if code and value is None:
                self.add_error("output_value", _("Give the output's value."))
            if value is not None and not code:
                self.add_error("output_indicator", _("Choose the indicator the output measures."))
        return data

    def action_fields(self) -> dict:
        """The cleaned values in the shape do_save_record takes."""
        data = self.cleaned_data
        fields = {name: data[name] for name in model_fields(self._meta.model) if name in data}
        fields["pairing"] = self.pairing
        if "donor_place" in self.fields:
            fields["donor"] = data.get("donor_place")
        else:
            fields["donor"] = profile_of(self.user).unit
        model = self._meta.model
        if model is ledger.Project:
            fields["location"] = data.get("location_place")
            fields["kinds"] = data.get("project_kinds") or []
            outputs = {}
            if data.get("output_indicator") and data.get("output_value") is not None:
                outputs[data["output_indicator"]] = format(Decimal(data["output_value"]).normalize(), "f")
            fields["outputs"] = outputs
        if model is ledger.InvestmentContract:
            fields["enterprise"] = (data["enterprise_unit"] if "enterprise_unit" in self.fields
                                    else profile_of(self.user).unit)
        if model is ledger.Award:
            fields["awardee"] = data.get("awardee_unit")
        if model is ledger.Event:
            fields["agreement"] = data.get("agreement_ref")
        return fields


def build_form(model, *, pairing, user, data=None, instance=None):
    form_class = forms.modelform_factory(model, form=RecordForm, fields=model_fields(model))
    return form_class(data=data, instance=instance, pairing=pairing, user=user)


def add_action_errors(form, exc) -> None:
    """Put an action's ValidationError on the form field it names (or on the form)."""
    aliases = {"donor": "donor_place", "recipients": "recipient_places", "location": "location_place",
               "enterprise": "enterprise_unit", "awardee": "awardee_unit", "outputs": "output_value"}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            name = aliases.get(name, name)
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
