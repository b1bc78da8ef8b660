"""Small builders for the plans tests."""
import datetime

from counterpart.indicators.actions import do_record_observation
from counterpart.indicators.models import Status
from counterpart.plans.actions import do_add_plan_item, do_create_plan, do_set_weights
from tests.helpers import pairing, user


def obs(p, indicator, value, year=2013, status=Status.CONFIRMED, part_of=None, at="01-10"):
    """A figure, recorded (created_at) on `at` of its year, so in-year assessments can see it."""
    made = do_record_observation(indicator=indicator, value=value, year=year, pairing=p, entered_by=user(),
                                 status=status, part_of=part_of)
    made.created_at = datetime.datetime.fromisoformat(f"{year}-{at}T12:00:00+08:00")
    type(made).objects.filter(pk=made.pk).update(created_at=made.created_at)
    return made


def plan(p, year=2013, **items):
    made = do_create_plan(p, year)
    for code, value in items.items():
        do_add_plan_item(made, code, value)
    return made


def weights(margin="0.10", **w):
    return do_set_weights(w or {"gov_aid_funds": "0.5", "aid_projects": "0.5"}, margin)


def tree():
    """Qingdao–Guizhou with Shinan–Pingba beneath it, both from 2011."""
    top = pairing("370200", "520000", "city_province", 2011)
    sub = pairing("370202", "520403", "county_county", 2011, parent=top)
    return top, sub


def day(text):
    return datetime.date.fromisoformat(text)
