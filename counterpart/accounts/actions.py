"""Writes for accounts."""
from django.db import transaction


@transaction.atomic
def do_set_language(profile, language: str):
    profile.language = language
    profile.save(update_fields=["language"])
    return profile
