"""A small world for web, access and browser tests: two pairing trees and one user per role.

Qingdao–Guizhou ⊃ Shinan–Pingba; Guangzhou–Baise. Personas: national office, Qingdao's office (donor
side), Anshun's office (recipient side: Anshun lies in Guizhou), Guangzhou's office (outsider), an
enterprise, a user without a role, and a superuser (admin rights, no profile: the national office's role).
"""
from dataclasses import dataclass

PASSWORD = "pw-counterpart-1"


@dataclass
class World:
    qd_gz: object
    shinan_pingba: object
    gz_bs: object
    users: dict
    enterprise: object


def make_user(username, role=None, unit=None, language="en"):
    from django.contrib.auth.models import User

    from counterpart.accounts.models import Profile

    # The demo loader makes the offices' demo accounts (same names): a world beside the demo reuses them.
    user = User.objects.filter(username=username).first() or User.objects.create_user(username)
    user.set_password(PASSWORD)
    user.save()
    if role:
        Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit, "language": language})
    return user


def make_superuser(username):
    from django.contrib.auth.models import User

    return User.objects.create_superuser(username, password=PASSWORD)


def make_world() -> World:
    from counterpart.pairings.actions import do_create_organisation
    from tests.helpers import pairing, unit

    qd_gz = pairing("370200", "520000", "city_province", 2011)
    shinan_pingba = pairing("370202", "520403", "county_county", 2011, parent=qd_gz)
    gz_bs = pairing("440100", "451000", "city_city", 2011)
    enterprise = do_create_organisation("enterprise", "Red Star Co", "红星公司")
    users = {
        "national": make_user("national", "national"),
        "qingdao": make_user("qingdao", "office", unit("370200")),
        "anshun": make_user("anshun", "office", unit("520400")),
        "guangzhou": make_user("guangzhou", "office", unit("440100")),
        "enterprise": make_user("enterprise", "organisation", enterprise),
        "norole": make_user("norole"),
        "superuser": make_superuser("superuser"),
    }
    return World(qd_gz, shinan_pingba, gz_bs, users, enterprise)


def report_fund(world, user="qingdao", pairing=None, amount="1000000", year=2024):
    from counterpart.confirmations.actions import do_report_record
    from counterpart.ledger.models import FundAllocation
    from tests.helpers import unit

    pairing = pairing or world.qd_gz
    # Anshun for Qingdao–Guizhou; another pairing's figure goes to its own recipient.
    recipient = unit("520400") if pairing == world.qd_gz else pairing.recipient
    record, _ = do_report_record(world.users[user], FundAllocation, recipients=[recipient],
                                 pairing=pairing, year=year, donor=pairing.donor, amount=amount)
    return record


def signed_in(world, who, language="en"):
    """A test client signed in as one of the world's users, asking for pages in `language`."""
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(world.users[who])
    return client
