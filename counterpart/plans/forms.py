"""Shape checks for the plan pages; business rules live in actions (errors come back per field)."""
import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from counterpart.indicators.models import Qualifier
from counterpart.pairings.models import Agreement
from counterpart.plans.models import DatePrecision, ReasonKind, SectionKind


class AdjustmentForm(forms.Form):
    value = forms.CharField(label=_("adjusted value"), max_length=40)
    reason_kind = forms.ChoiceField(label=_("reason"), choices=ReasonKind.choices)
    reason = forms.CharField(label=_("reason (explained)"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)  # the action says what is missing, in one place
    approved_by = forms.CharField(label=_("approved by"), max_length=200, required=False)
    approved_on = forms.CharField(label=_("approved on"), max_length=10, required=False,
                                  help_text=_("YYYY-MM-DD"))
    date_precision = forms.ChoiceField(label=_("date precision"), choices=DatePrecision.choices, initial="day")


class WeightsForm(forms.Form):
    """One weight per indicator of the catalogue, in percent; blank means the indicator does not count."""

    lag_margin = forms.CharField(label=_("lag margin"), max_length=10, initial="0.10",
                                 help_text=_("0.10 flags a pairing whose progress trails the pro-rated plan by "
                                             "more than 10 points"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicators=(), lang="en", latest=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {code: Decimal(w) * 100 for code, w in (latest.weights if latest else {}).items()}
        self.indicator_fields = []
        for indicator in indicators:
            name = f"w_{indicator.code}"
            self.fields[name] = forms.DecimalField(
                label=indicator.label(lang), required=False, min_value=0, max_value=100, decimal_places=2,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "weight", "size": 6}))
            if indicator.code in current:
                self.initial[name] = format(current[indicator.code].normalize(), "f")
            self.indicator_fields.append(self[name])
        if latest is not None:
            self.initial.setdefault("lag_margin", format(latest.lag_margin.normalize(), "f"))
        self.order_fields([f"w_{i.code}" for i in indicators] + ["lag_margin", "note"])

    def weights(self) -> dict:
        """Indicator code -> weight as the action takes it ("25%"), the blank and zero ones left out."""
        return {name[2:]: f"{value.normalize():f}%" for name, value in self.cleaned_data.items()
                if name.startswith("w_") and value}


def _year_field(label, required=True, help_text=""):
    # A text box: the action checks the year and says what is wrong, naming the field.
    return forms.CharField(label=label, max_length=8, required=required, help_text=help_text)


class AgreementForm(forms.Form):
    title_en = forms.CharField(label=_("English title"), max_length=400, required=False)
    title_zh = forms.CharField(label=_("Chinese title"), max_length=400, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=Agreement.Kind.choices, initial=Agreement.Kind.FRAMEWORK)
    period_start = _year_field(_("period from"))
    period_end = _year_field(_("period to"))
    date_signed = forms.CharField(label=_("date signed"), max_length=10, required=False, help_text=_("YYYY-MM-DD"))
    signatories = forms.CharField(label=_("signatories"), required=False, help_text=_("one per line"),
                                  widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_date_signed(self):
        raw = self.cleaned_data["date_signed"].strip()
        if not raw:
            return None
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            raise forms.ValidationError(_("“%(d)s” is not a date (YYYY-MM-DD).") % {"d": raw}) from None


class SectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("section"), choices=SectionKind.choices)
    text_en = forms.CharField(label=_("text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    text_zh = forms.CharField(label=_("text (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class _FigureForm(forms.Form):
    """An indicator's figure for a pairing in scope: the target and plan item forms share it."""

    # A text box with the catalogue as suggestions: an unknown code gets the action's message, naming the field.
    indicator = forms.CharField(label=_("indicator"), max_length=60, required=False,
                                widget=forms.TextInput(attrs={"list": "indicator-codes", "autocomplete": "off"}),
                                help_text=_("an indicator code of the catalogue, e.g. gov_aid_funds"))
    value = forms.CharField(label=_("value"), max_length=40, required=False)
    qualifier = forms.ChoiceField(label=_("qualifier"), choices=Qualifier.choices, initial=Qualifier.EXACT)
    pairing = forms.TypedChoiceField(label=_("pairing"), coerce=int, required=False)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, scope=None, lang="en", **kwargs):
        super().__init__(*args, **kwargs)
        pairings = scope_pairings(scope) if scope is not None else []
        self.fields["pairing"].choices = [(p.pk, p.display_name(lang)) for p in pairings]
        if pairings:
            self.fields["pairing"].initial = pairings[0].pk


class TargetForm(_FigureForm):
    year = _year_field(_("year"), required=False, help_text=_("empty: a goal for the agreement's whole period"))
    field_order = ["indicator", "value", "qualifier", "year", "pairing", "note"]


class PlanItemForm(_FigureForm):
    pass


class PlanForm(forms.Form):
    year = _year_field(_("year"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DeriveForm(forms.Form):
    year = _year_field(_("year"))


SCOPE_SHOWN = 200  # a county pairing's enterprise–village pairings are many; the first ones are offered


def scope_pairings(scope):
    """The pairing and its sub-pairings (the nearest first), for a choice of whom a figure is for."""
    from counterpart.pairings.models import Pairing

    out, frontier = [scope], [scope.pk]
    while frontier and len(out) < SCOPE_SHOWN:
        found = list(Pairing.objects.filter(parent_id__in=frontier).select_related("donor", "recipient")
                     .order_by("pk")[:SCOPE_SHOWN])
        out.extend(found)
        frontier = [p.pk for p in found]
    return out[:SCOPE_SHOWN]
