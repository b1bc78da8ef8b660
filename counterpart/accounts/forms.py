"""Forms of the national office's user management. Errors name the field, in the reader's language."""
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from counterpart.accounts.models import Role

LANGUAGE_CHOICES = [("zh-hans", "中文"), ("en", "English")]


def resolve_unit(text: str, role: str):
    """The unit an account works for, from a region code, or the exact Chinese or English name of a region
    (an office) or of an enterprise or charity (an organisation). Raises ValidationError naming the problem."""
    from counterpart.geo.models import Region
    from counterpart.pairings.actions import region_unit
    from counterpart.pairings.models import Unit, UnitKind

    text = (text or "").strip()
    if role == Role.NATIONAL:
        if text:
            raise forms.ValidationError(_("The national office works for no single unit: leave this empty."))
        return None
    if not text:
        raise forms.ValidationError(_("An office or an organisation needs its unit."))
    if role == Role.OFFICE:
        regions = list(Region.objects.filter(Q(adcode=text) | Q(name_zh=text) | Q(name_en__iexact=text))
                       .filter(active=True)[:5])
        if not regions:
            raise forms.ValidationError(_("No region “%(text)s”: give its code (e.g. 370200) or its full name.")
                                        % {"text": text})
        if len(regions) > 1:
            raise forms.ValidationError(_("“%(text)s” names several regions (%(codes)s): give the code.")
                                        % {"text": text, "codes": ", ".join(r.adcode for r in regions)})
        return region_unit(regions[0])
    units = list(Unit.objects.exclude(kind=UnitKind.REGION)
                 .filter(Q(name_zh=text) | Q(name_en__iexact=text))[:5])
    if not units:
        raise forms.ValidationError(_("No enterprise or charity named “%(text)s”.") % {"text": text})
    if len(units) > 1:
        raise forms.ValidationError(_("“%(text)s” names several organisations: give the full English name.")
                                    % {"text": text})
    return units[0]


def unit_text(unit) -> str:
    if unit is None:
        return ""
    return unit.region.adcode if unit.kind == "region" and unit.region_id else unit.name_en


class AccountForm(forms.Form):
    """Role, unit and language of an account (creating one also asks for a username and a password)."""

    role = forms.ChoiceField(label=_lazy("role"), choices=Role.choices)
    unit = forms.CharField(label=_lazy("unit"), required=False, max_length=200,
                           help_text=_lazy("An office: its region's code (e.g. 370200) or full name. An enterprise "
                                           "or charity: its name. Empty for the national office."))
    language = forms.ChoiceField(label=_lazy("language"), choices=LANGUAGE_CHOICES, initial="zh-hans")

    def __init__(self, *args, admin_rights: bool = False, **kwargs):
        """With `admin_rights` (a superuser is editing: accounts.access.can_grant_admin_rights), also the
        account's rights in the Django admin; nobody else is offered them."""
        super().__init__(*args, **kwargs)
        if admin_rights:
            self.fields["is_staff"] = forms.BooleanField(
                label=gettext_lazy("staff (may sign in to the admin site)"), required=False)
            self.fields["is_superuser"] = forms.BooleanField(
                label=gettext_lazy("superuser (every right in the admin site)"), required=False)

    def clean(self):
        data = super().clean()
        if "role" in data:
            try:
                data["unit_obj"] = resolve_unit(data.get("unit", ""), data["role"])
            except forms.ValidationError as exc:
                self.add_error("unit", exc)
        return data


class NewAccountForm(AccountForm):
    username = forms.CharField(label=_lazy("username"), max_length=150, validators=[UnicodeUsernameValidator()],
                               help_text=_lazy("Letters, digits and @ . + - _ only."))
    password1 = forms.CharField(label=_lazy("password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_lazy("password again"), widget=forms.PasswordInput, strip=False)
    field_order = ["username", "password1", "password2", "role", "unit", "language"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean(self):
        data = super().clean()
        check_passwords(self, data)
        return data


class PasswordForm(forms.Form):
    password1 = forms.CharField(label=_lazy("new password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_lazy("password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def clean(self):
        data = super().clean()
        check_passwords(self, data, self.account)
        return data


def check_passwords(form, data, account=None):
    p1, p2 = data.get("password1"), data.get("password2")
    if p1 and p2 and p1 != p2:
        form.add_error("password2", _("The two passwords differ."))
    elif p1:
        try:
            password_validation.validate_password(p1, account)
        except forms.ValidationError as exc:
            form.add_error("password1", exc)
