"""Shape checks for the plan pages; business rules live in actions (errors come back per field)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from counterpart.plans.models import DatePrecision, ReasonKind


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
    weights = forms.CharField(label=_("weights"), widget=forms.Textarea(attrs={"rows": 10, "cols": 40}),
                              help_text=_("one per line: indicator code = weight (0.25 or 25%); they must add "
                                          "up to 1 (100 %)"))
    lag_margin = forms.CharField(label=_("lag margin"), max_length=10, initial="0.10",
                                 help_text=_("0.10 flags a pairing whose progress trails the pro-rated plan by "
                                             "more than 10 points"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_weights(self):
        parsed = {}
        for n, line in enumerate(self.cleaned_data["weights"].splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if "=" not in line and ":" not in line:
                raise forms.ValidationError(_("Line %(n)s: write “indicator = weight”.") % {"n": n})
            code, _sep, value = line.replace(":", "=", 1).partition("=")
            parsed[code.strip()] = value.strip()
        return parsed
