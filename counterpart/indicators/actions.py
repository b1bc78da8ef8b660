"""Writes for observations: validated, one transaction each; totals and parts stay consistent."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from counterpart.closing.guard import check_year_open
from counterpart.indicators.models import Indicator, Observation, Qualifier, Status
from counterpart.indicators.validation import (
    check_dims,
    check_indicator,
    check_qualifier,
    check_year,
    parse_value,
    parts_fit_total,
)


def _changed(ids) -> None:
    from counterpart.reports.live import observations_changed
    from counterpart.web.cache import bump_version

    observations_changed(ids)
    bump_version()


def check_part(part_value, part_indicator_id, part_pk, total: Observation) -> None:
    if total.indicator_id != part_indicator_id:
        raise ValidationError({"part_of": _("A part must measure the same indicator as its total.")})
    siblings = [v for pk, v in total.parts.values_list("pk", "value") if pk != part_pk]
    if not parts_fit_total(total.value, total.qualifier, [*siblings, part_value]):
        raise ValidationError({"part_of": _("The parts (%(sum)s) would add up to more than their total (%(t)s).")
                               % {"sum": sum(siblings, part_value), "t": total.value}})
    node = total
    while node is not None:
        if node.pk == part_pk:
            raise ValidationError({"part_of": _("A figure cannot be a part of itself.")})
        node = node.part_of


@transaction.atomic
def do_record_observation(*, indicator: str, value, year, pairing, qualifier=Qualifier.EXACT, donor=None,
                          recipients=(), dims=None, span=None, entered_by=None, part_of=None,
                          status=Status.REPORTED, stated=True, note="", record=None, slot="") -> Observation:
    check_indicator(indicator)
    value = parse_value(value)
    year = check_year(year)
    check_year_open(getattr(pairing, "pk", pairing), year)
    check_qualifier(qualifier)
    dims = check_dims(indicator, dims)
    if span is None and entered_by is None:
        raise ValidationError({"span": _("A figure needs its provenance: a source span or the person entering it.")})
    ind = Indicator.objects.get(code=indicator)
    if part_of is not None:
        check_part(value, ind.pk, None, part_of)
    obs = Observation.objects.create(
        indicator=ind, value=value, qualifier=qualifier, year=year, pairing=pairing, donor=donor, dims=dims,
        span=span, entered_by=entered_by, part_of=part_of, status=status, stated=stated, note=note, slot=slot,
        **({"record": record} if record is not None else {}))
    obs.recipients.set(recipients)
    from counterpart.audit.actions import do_log_change, snapshot
    from counterpart.audit.models import Action

    do_log_change(entered_by, Action.IMPORT if span is not None else Action.CREATE, obs, None, snapshot(obs))
    _changed([obs.pk])
    return obs


@transaction.atomic
def do_link_part(part: Observation, total: Observation) -> Observation:
    check_year_open(part.pairing_id, part.year)
    check_part(part.value, part.indicator_id, part.pk, total)
    part.part_of = total
    part.save(update_fields=["part_of"])
    _changed([part.pk])
    return part
