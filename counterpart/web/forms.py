"""Entry forms for every ledger record: model fields, place names through the gazetteer, indicators
from the catalogue. Forms only validate; confirmations.actions write."""
from decimal import Decimal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from counterpart.accounts.access import is_national, is_organisation, profile_of
from counterpart.indicators.catalogue import catalogue
from counterpart.ledger.kinds import kind_of
from counterpart.pairings.models import Unit, UnitKind
from counterpart.web.amounts import amount_formfield
from counterpart.web.places import PlaceField, RegionField

# Form field for each record field a dedicated widget fills (the kinds' unit, region and list fields).
FORM_NAMES = {"donor": "donor_place", "recipients": "recipient_places", "outputs": "output_value",
              "agreement": "agreement_ref"}


def slug_of(record_or_model) -> str:
    return kind_of(record_or_model).slug


def model_fields(model) -> list[str]:
    return kind_of(model).editable_fields()


def form_name(kind, field: str) -> str:
    if field in kind.unit_fields:
        return f"{field}_unit"
    if field in kind.region_fields:
        return f"{field}_place"
    if field in kind.multi_choice_fields:
        return f"{kind.slug}_{field}"
    return FORM_NAMES.get(field, field)


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
        kind = self.kind = kind_of(self._meta.model)
        own_field = kind.organisation_field if is_organisation(user) else None
        self.own_field = own_field
        if own_field == "donor":
            # An enterprise or charity gives in its own name.
            del self.fields["donor_place"]
        model = kind.model
        for name in kind.region_fields:
            self.fields[form_name(kind, name)] = RegionField(
                label=model._meta.get_field(name).verbose_name, required=False,
                context=self.fields["recipient_places"].context)
            if instance.pk:
                self.initial.setdefault(form_name(kind, name), getattr(instance, name))
        for name, choices in kind.multi_choice_fields.items():
            self.fields[form_name(kind, name)] = forms.MultipleChoiceField(
                label=model._meta.get_field(name).verbose_name, choices=choices, required=False,
                widget=forms.CheckboxSelectMultiple)
            if instance.pk:
                self.initial.setdefault(form_name(kind, name), getattr(instance, name))
        if kind.has_outputs:
            self.fields["output_indicator"] = forms.ChoiceField(label=_("output indicator"), required=False,
                                                                choices=indicator_choices(lang))
            self.fields["output_value"] = forms.DecimalField(label=_("output value"), required=False,
                                                             min_value=0, max_digits=24, decimal_places=4)
            if instance.pk and instance.outputs:
                code, value = min(instance.outputs.items())
                self.initial.setdefault("output_indicator", code)
                self.initial.setdefault("output_value", value)
        organisations = Unit.objects.exclude(kind=UnitKind.REGION).order_by("name_en")
        for name, unit_kind in kind.unit_fields.items():
            if name == own_field:
                continue
            field = model._meta.get_field(name)
            self.fields[form_name(kind, name)] = forms.ModelChoiceField(
                label=field.verbose_name, required=not field.blank,
                queryset=organisations.filter(kind=unit_kind) if unit_kind else organisations,
                initial=getattr(instance, f"{name}_id") if instance.pk else None)
        if kind.has_agreement and pairing is not None:
            self.fields["agreement_ref"] = forms.ModelChoiceField(
                label=_("agreement"), queryset=pairing.agreements.all(), required=False,
                initial=instance.agreement_id if instance.pk else None)
        if instance.pk:
            # The version the form was opened on: a save on an older one is refused (lost updates).
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, initial=instance.version)
        if instance.pk and is_national(user):
            self.fields["reason"] = forms.CharField(
                label=_("reason for the correction"), widget=forms.Textarea,
                help_text=_("The national office corrects a record only with a reason; both sides read it "
                            "and confirm the correction."))
        for field in self.fields.values():
            if isinstance(field.widget, (forms.Textarea,)):
                field.widget.attrs.setdefault("rows", 2)

    def clean(self):
        # The parties' rule (recipients on the recipient side, ...) is checked by the actions, for every
        # entry path; the form only adds what belongs to its own widgets.
        data = super().clean()
        if self.kind.has_outputs:
            code, value = data.get("output_indicator"), data.get("output_value")
            if code and value is None:
                self.add_error("output_value", _("Give the output's value."))
            if value is not None and not code:
                self.add_error("output_indicator", _("Choose the indicator the output measures."))
        return data

    def action_fields(self) -> dict:
        """The cleaned values in the shape the record actions take (recipients, version and reason aside)."""
        data = self.cleaned_data
        kind = self.kind
        fields = {name: data[name] for name in kind.editable_fields() if name in data}
        fields["pairing"] = self.pairing
        if "donor_place" in self.fields:
            fields["donor"] = data.get("donor_place")
        else:
            fields["donor"] = profile_of(self.user).unit
        for name in kind.region_fields:
            fields[name] = data.get(form_name(kind, name))
        for name in kind.multi_choice_fields:
            fields[name] = data.get(form_name(kind, name)) or []
        if kind.has_outputs:
            outputs = {}
            if data.get("output_indicator") and data.get("output_value") is not None:
                outputs[data["output_indicator"]] = format(Decimal(data["output_value"]).normalize(), "f")
            fields["outputs"] = outputs
        for name in kind.unit_fields:
            fields[name] = (profile_of(self.user).unit if name == self.own_field
                            else data.get(form_name(kind, name)))
        if kind.has_agreement and "agreement_ref" in self.fields:
            fields["agreement"] = data.get("agreement_ref")
        return fields


def build_form(model, *, pairing, user, data=None, instance=None):
    form_class = forms.modelform_factory(model, form=RecordForm, fields=model_fields(model),
                                         formfield_callback=amount_formfield)
    return form_class(data=data, instance=instance, pairing=pairing, user=user)


def add_action_errors(form, exc) -> None:
    """Put an action's ValidationError on the form field it names (or on the form)."""
    kind = form.kind
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            name = form_name(kind, name)
            for error in errors:
                form.add_error(name if name in form.fields and name != "version" else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
