"""Checks an IATI file must pass before it is exported: the 2.03 XSD, the codelists it uses, and the IATI
Standard Ruleset's rules that apply to what Counterpart publishes. Each check is a plain function over the XML
tree, returning the problems it finds, so a broken file can be shown to fail each one."""
import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from counterpart.opendata.iati.codelists import codes, schema

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BUDGET_DAYS = 366  # "a budget period must not be longer than one year"


class IatiProblems(Exception):
    """The file fails checks; `problems` lists each in the reader's language."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _date(text):
    try:
        return datetime.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def _period(el):
    start, end = el.find("period-start"), el.find("period-end")
    return (_date(start.get("iso-date")) if start is not None else None,
            _date(end.get("iso-date")) if end is not None else None)


def _where(el) -> str:
    activity = next((a for a in el.iterancestors("iati-activity")), el if el.tag == "iati-activity" else None)
    ident = activity.findtext("iati-identifier") if activity is not None else None
    return f"{ident or '?'} ({el.getroottree().getpath(el)})"


def check_schema(root, kind="activities") -> list[str]:
    xsd = schema(kind)
    if xsd.validate(root):
        return []
    return [_("Schema: line %(line)s: %(message)s") % {"line": e.line, "message": e.message} for e in xsd.error_log]


def check_identifiers(root) -> list[str]:
    """The activity identifier starts with the reporting organisation's identifier."""
    out = []
    for a in root.iter("iati-activity"):
        ident = (a.findtext("iati-identifier") or "").strip()
        ref = (a.find("reporting-org").get("ref") if a.find("reporting-org") is not None else "") or ""
        if not ref or not ident.startswith(ref + "-"):
            out.append(_("%(id)s: the identifier must start with the reporting organisation's (%(ref)s).")
                       % {"id": ident or "?", "ref": ref or "—"})
    return out


def check_dates(root, today=None) -> list[str]:
    """Start before end; actual dates and transactions not in the future."""
    today = today or datetime.date.today()
    out = []
    for a in root.iter("iati-activity"):
        dates = {d.get("type"): _date(d.get("iso-date")) for d in a.iter("activity-date")}
        start = dates.get("2") or dates.get("1")
        end = dates.get("4") or dates.get("3")
        if start and end and end < start:
            out.append(_("%(where)s: the activity ends (%(end)s) before it starts (%(start)s).")
                       % {"where": _where(a), "end": end, "start": start})
        for kind in ("2", "4"):
            if dates.get(kind) and dates[kind] > today:
                out.append(_("%(where)s: an actual date (%(date)s) is in the future.")
                           % {"where": _where(a), "date": dates[kind]})
        for t in a.iter("transaction"):
            d = _date(t.find("transaction-date").get("iso-date") if t.find("transaction-date") is not None else "")
            if d and d > today:
                out.append(_("%(where)s: a transaction is dated in the future (%(date)s).") % {"where": _where(t), "date": d})
    for el in root.iter("budget", "period", "total-budget", "total-expenditure"):
        start, end = _period(el)
        if start and end and end < start:
            out.append(_("%(where)s: the period ends (%(end)s) before it starts (%(start)s).")
                       % {"where": _where(el), "end": end, "start": start})
    return out


def check_budget_periods(root) -> list[str]:
    out = []
    for el in root.iter("budget", "total-budget"):
        start, end = _period(el)
        if start and end and (end - start).days > MAX_BUDGET_DAYS:
            out.append(_("%(where)s: a budget period is longer than one year (%(start)s to %(end)s).")
                       % {"where": _where(el), "start": start, "end": end})
    return out


def check_sector_percentages(root) -> list[str]:
    """Activity sectors' percentages sum to 100 within each vocabulary."""
    out = []
    for a in root.iter("iati-activity"):
        sums = defaultdict(Decimal)
        for s in a.findall("sector"):
            try:
                sums[s.get("vocabulary", "1")] += Decimal(s.get("percentage", "100"))
            except InvalidOperation:
                out.append(_("%(where)s: a sector percentage is not a number.") % {"where": _where(s)})
        for vocabulary, total in sums.items():
            if total != 100:
                out.append(_("%(where)s: sector percentages of vocabulary %(v)s sum to %(t)s, not 100.")
                           % {"where": _where(a), "v": vocabulary, "t": total})
        countries = [Decimal(c.get("percentage", "100")) for c in a.findall("recipient-country")] + \
                    [Decimal(r.get("percentage", "100")) for r in a.findall("recipient-region")]
        if countries and sum(countries) != 100:
            out.append(_("%(where)s: recipient country and region percentages sum to %(t)s, not 100.")
                       % {"where": _where(a), "t": sum(countries)})
    return out


def check_activity_or_transaction_level(root) -> list[str]:
    """Sectors, and recipient countries or regions, are given for the activity or for every transaction,
    never both and never for some transactions only."""
    out = []
    for a in root.iter("iati-activity"):
        transactions = a.findall("transaction")
        for what, tags in ((_("sectors"), ("sector",)), (_("recipient countries or regions"),
                                                          ("recipient-country", "recipient-region"))):
            on_activity = any(a.find(t) is not None for t in tags)
            on_transactions = [any(t.find(tag) is not None for tag in tags) for t in transactions]
            if on_activity and any(on_transactions):
                out.append(_("%(where)s: %(what)s are given both for the activity and for transactions.")
                           % {"where": _where(a), "what": what})
            elif any(on_transactions) and not all(on_transactions):
                out.append(_("%(where)s: %(what)s are given for some transactions but not all.")
                           % {"where": _where(a), "what": what})
    return out


def check_currencies(root) -> list[str]:
    """Every value names its currency, from the currency codelist."""
    out = []
    currencies = codes("Currency")
    for v in root.iter("value", "budget-line"):
        if v.tag != "value":
            continue
        currency = v.get("currency")
        if not currency:
            out.append(_("%(where)s: a value without its currency.") % {"where": _where(v)})
        elif currency not in currencies:
            out.append(_("%(where)s: “%(c)s” is not a currency code.") % {"where": _where(v), "c": currency})
        if not v.get("value-date"):
            out.append(_("%(where)s: a value without its value date.") % {"where": _where(v)})
    return out


def check_narratives(root) -> list[str]:
    """Every narrative says its language."""
    languages = codes("Language")
    out = []
    for n in root.iter("narrative"):
        lang = n.get(XML_LANG)
        if not lang:
            out.append(_("%(where)s: a narrative without xml:lang.") % {"where": _where(n)})
        elif lang not in languages:
            out.append(_("%(where)s: “%(l)s” is not a language code.") % {"where": _where(n), "l": lang})
        if not (n.text or "").strip():
            out.append(_("%(where)s: an empty narrative.") % {"where": _where(n)})
    return out


def check_codes(root) -> list[str]:
    """Codes Counterpart writes are in their codelists."""
    checks = [("activity-status", "code", "ActivityStatus"), ("activity-date", "type", "ActivityDateType"),
              ("participating-org", "role", "OrganisationRole"), ("participating-org", "type", "OrganisationType"),
              ("reporting-org", "type", "OrganisationType"), ("transaction-type", "code", "TransactionType"),
              ("recipient-country", "code", "Country"), ("administrative", "vocabulary", "GeographicVocabulary"),
              ("budget", "type", "BudgetType"), ("budget", "status", "BudgetStatus"),
              ("result", "type", "ResultType"), ("indicator", "measure", "IndicatorMeasure")]
    out = []
    for tag, attr, codelist in checks:
        allowed = codes(codelist)
        for el in root.iter(tag):
            value = el.get(attr)
            if value is not None and value not in allowed:
                out.append(_("%(where)s: “%(v)s” is not in the %(list)s codelist.")
                           % {"where": _where(el), "v": value, "list": codelist})
    for s in root.iter("sector"):
        if s.get("vocabulary", "1") == "1" and s.get("code") not in codes("Sector"):
            out.append(_("%(where)s: “%(v)s” is not in the %(list)s codelist.")
                       % {"where": _where(s), "v": s.get("code"), "list": "Sector"})
    return out


ACTIVITY_RULES = [check_identifiers, check_dates, check_budget_periods, check_sector_percentages,
                  check_activity_or_transaction_level, check_currencies, check_narratives, check_codes]
ORGANISATION_RULES = [check_dates, check_budget_periods, check_currencies, check_narratives, check_codes]


def problems(root, kind="activities") -> list[str]:
    found = check_schema(root, kind)
    for rule in ACTIVITY_RULES if kind == "activities" else ORGANISATION_RULES:
        found += rule(root)
    return found


def validate(root, kind="activities"):
    """Raise IatiProblems listing every problem, or return the tree unchanged."""
    found = problems(root, kind)
    if found:
        raise IatiProblems(found)
    return root
