"""A password validator beside Django's four (length, common, numeric, similar to the user's names): a
password made of one short block repeated ("weak2weak2", "abcabcabc") or of very few distinct characters
is as weak as a short one, and none of Django's catches it."""
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class RepetitionValidator:
    def __init__(self, min_distinct=5):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        n = len(password)
        for size in range(1, n // 2 + 1):
            if n % size == 0 and password[:size] * (n // size) == password:
                raise ValidationError(_("This password is one short part repeated."), code="password_repeated")
        if len(set(password)) < self.min_distinct:
            raise ValidationError(_("This password uses fewer than %(n)s different characters.")
                                  % {"n": self.min_distinct}, code="password_few_characters")

    def get_help_text(self):
        return _("Your password cannot be one short part repeated.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its message in our catalogue: Django's own Chinese catalogue has no entry for it."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                ngettext("This password is too short: it needs at least %(n)d character.",
                         "This password is too short: it needs at least %(n)d characters.", self.min_length)
                % {"n": self.min_length}, code="password_too_short")

    def get_help_text(self):
        return ngettext("Your password must contain at least %(n)d character.",
                        "Your password must contain at least %(n)d characters.", self.min_length) % {"n": self.min_length}
