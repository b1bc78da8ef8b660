"""Amounts as offices type them: a number with a unit chosen beside it (元, 万元, 亿元), or the unit written in
the number itself ("120万", "1.5亿元", "３２００元"). Stored exactly in yuan; parsing is the figures' own rule
(indicators.validation.parse_value), so a form, a spreadsheet cell and the API read "120万" alike."""
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from counterpart.indicators.validation import parse_value

WAN, YI = Decimal(10) ** 4, Decimal(10) ** 8
UNITS = [("1", _("yuan")), ("10000", _("10,000 yuan (万元)")), ("100000000", _("100 million yuan (亿元)"))]
CENT = Decimal("0.01")


def _zh() -> bool:
    return (get_language() or "").startswith("zh")


class AmountWidget(forms.MultiWidget):
    template_name = "web/includes/amount_widget.html"

    def __init__(self, attrs=None):
        number = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "amount"})
        unit = forms.Select(choices=UNITS, attrs={"class": "amount-unit", "aria-label": _("unit")})
        super().__init__([number, unit], attrs)

    def id_for_label(self, id_):
        # The field's label names the number box; the unit selector carries its own aria-label.
        return f"{id_}_0" if id_ else id_

    def decompress(self, value):
        """A stored amount shown in 万元 to a Chinese reader when it is at least 10,000 (offices count in 万元),
        in yuan otherwise; shown exactly either way."""
        if value in (None, ""):
            return ["", "1"]
        value = Decimal(value)
        if _zh() and value >= WAN:
            return [format((value / WAN).normalize(), "f"), "10000"]
        return [format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f"), "1"]

    def value_from_datadict(self, data, files, name):
        # A spreadsheet row or an API body gives the amount under its own name, the unit written in it.
        if name in data and f"{name}_0" not in data:
            return [data.get(name), "1"]
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class AmountField(forms.MultiValueField):
    """An amount in yuan, at most to the fen, typed as "120" with 万元 chosen or as "120万"."""

    widget = AmountWidget
    default_error_messages = {
        "fen": _("An amount is kept to the fen (0.01 yuan); %(value)s yuan is more precise."),
        "digits": _("%(value)s yuan is larger than an amount can be."),
    }

    def __init__(self, *, max_digits=20, required=True, **kwargs):
        self.max_digits = max_digits
        fields = (forms.CharField(required=False), forms.ChoiceField(choices=UNITS, required=False))
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)
        self.help_text = self.help_text or _("In yuan, 万元 or 亿元: choose the unit, or write it, e.g. 120万.")

    def compress(self, data_list):
        text, unit = [*data_list, "", ""][:2]
        if text in (None, ""):
            return None
        try:
            value = parse_value(text, "amount", scale=Decimal(unit or "1"))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["amount"]) from None
        if value != value.quantize(CENT):
            raise ValidationError(self.error_messages["fen"], code="fen", params={"value": format(value, "f")})
        if len(value.quantize(CENT).as_tuple().digits) > self.max_digits:
            raise ValidationError(self.error_messages["digits"], code="digits", params={"value": value})
        return value.quantize(CENT)


def is_amount(model_field) -> bool:
    """The ledger's money fields: every amount in yuan is a DecimalField kept to the fen."""
    from django.db import models

    return isinstance(model_field, models.DecimalField) and model_field.decimal_places == 2


# The unit is chosen beside the number, so labels drop the "(yuan)" the models' columns carry.
LABELS = {"amount": _("amount"), "budget": _("budget"), "income": _("labour service income")}


def amount_formfield(model_field, **kwargs):
    """`formfield_callback` for record forms: money fields become AmountFields, the rest stay Django's."""
    if is_amount(model_field):
        return AmountField(max_digits=model_field.max_digits, required=not model_field.blank,
                           label=LABELS.get(model_field.name, model_field.verbose_name))
    return model_field.formfield(**kwargs)
