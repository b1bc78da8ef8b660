"""Wording of the assessment's exports (generated text, not templates). English is the message id, the
Chinese is in the gettext catalogue (context "assessment"); `t` renders a phrase in the export's language,
which need not be the reader's page language."""
from django.utils.translation import pgettext_lazy

from counterpart.reports.phrases import say

TEXTS = {
    "title": pgettext_lazy("assessment", "Annual assessment {year}"),
    "title_pairing": pgettext_lazy("assessment", "Scorecard {year}: {pairing}"),
    "weights_line": pgettext_lazy("assessment", "Weights version {v}, set {at}{by}; lag margin {m} points"),
    "by": pgettext_lazy("assessment", " by {who}"),
    "as_of_line": pgettext_lazy("assessment", "Figures recorded by {d}; expected progress {p}"),
    "final_line": pgettext_lazy("assessment", "Year-end assessment: all confirmed figures of the year"),
    "rollups_line": pgettext_lazy("assessment", "Government pairings' figures as of the reports' refresh at {t}"),
    "counts_line": pgettext_lazy("assessment", "{n} pairings with a plan; {s} scored; {l} lagging"),
    "rules_line": pgettext_lazy("assessment", "Completion = actual confirmed figure / target in force (latest approved adjustment, else the plan); each indicator counts at most 100 % in the score; the score is renormalised over the weighted indicators each pairing planned."),
    "ranking": pgettext_lazy("assessment", "Ranking"),
    "scorecards": pgettext_lazy("assessment", "Scorecards"),
    "evidence": pgettext_lazy("assessment", "Evidence"),
    "weights": pgettext_lazy("assessment", "Weights"),
    "adjustments": pgettext_lazy("assessment", "Adjustments"),
    "rank": pgettext_lazy("assessment", "Rank"),
    "rank_in_level": pgettext_lazy("assessment", "Rank in level"),
    "pairing": pgettext_lazy("assessment", "Pairing"),
    "level": pgettext_lazy("assessment", "Level"),
    "score": pgettext_lazy("assessment", "Score"),
    "lagging": pgettext_lazy("assessment", "Lagging"),
    "items": pgettext_lazy("assessment", "Items"),
    "adjusted_items": pgettext_lazy("assessment items", "Adjusted"),
    "indicator": pgettext_lazy("assessment", "Indicator"),
    "for": pgettext_lazy("assessment", "For"),
    "planned": pgettext_lazy("assessment", "Planned"),
    "adjusted": pgettext_lazy("assessment", "Adjusted"),
    "actual": pgettext_lazy("assessment", "Actual"),
    "completion": pgettext_lazy("assessment", "Completion"),
    "weight": pgettext_lazy("assessment", "Weight"),
    "points": pgettext_lazy("assessment", "Points"),
    "figure": pgettext_lazy("assessment", "Figure"),
    "status": pgettext_lazy("assessment", "Status"),
    "source": pgettext_lazy("assessment", "Source"),
    "year": pgettext_lazy("assessment", "Year"),
    "reason": pgettext_lazy("assessment", "Reason"),
    "approved_by": pgettext_lazy("assessment", "Approved by"),
    "approved_on": pgettext_lazy("assessment", "Approved"),
    "yes": pgettext_lazy("assessment", "yes"),
    "no": "",
    "not_scored": pgettext_lazy("assessment", "not scored"),
    "no_plans": pgettext_lazy("assessment", "No pairing has a plan for {year}."),
    "entered_by": pgettext_lazy("assessment", "entered by {who}"),
    "entered": pgettext_lazy("assessment", "entered on the platform"),
    "confirmed": pgettext_lazy("assessment", "confirmed"),
    "evidence_omitted": pgettext_lazy("assessment", "Evidence per figure is on each pairing's scorecard page (or use --pairing)."),
}
LEVELS = {
    "province_province": pgettext_lazy("assessment", "province with province"),
    "city_province": pgettext_lazy("assessment", "city with province"),
    "city_city": pgettext_lazy("assessment", "city with city"),
    "county_county": pgettext_lazy("assessment", "district or county with county"),
    "enterprise_village": pgettext_lazy("assessment", "enterprise with village"),
    "other": pgettext_lazy("assessment", "other"),
}
REASONS = {
    "disaster": pgettext_lazy("assessment", "disaster"),
    "cost": pgettext_lazy("assessment", "cost"),
    "policy": pgettext_lazy("assessment", "policy"),
}


def t(key: str, lang: str, **kw) -> str:
    return say(TEXTS[key], lang, **kw)


def pick(text, lang: str) -> str:
    """One of LEVELS' or REASONS' phrases in `lang`."""
    return say(text, lang)
