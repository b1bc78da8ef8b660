"""The words of generated reports. English is the message id and the Chinese is in the gettext catalogue
(context "report", or "report sheet" for worksheet names), so translators find every report phrase in one
place. Reports are rendered in the language asked for, which need not be the reader's page language (a
Chinese PDF downloaded from an English page), so each phrase is rendered under `override` by `say`.

Sentences are `str.format` templates; punctuation that differs by language stays in the code that joins
the pieces (see `annual.py`)."""
from django.utils.translation import override, pgettext_lazy

from counterpart.locale_names import is_chinese

SECTIONS = [
    # key, title, indicators the section reports
    ("overview", pgettext_lazy("report", "Overview"),
     ["gov_aid_funds"]),
    ("villages", pgettext_lazy("report", "Entire-village advancement and projects"),
     ["villages_supported", "aid_projects", "townships_villages_covered", "counties_covered", "roads_built_km", "farmland_mu", "drinking_water_people", "drinking_water_livestock", "schools_built", "health_facilities_built", "beneficiaries"]),
    ("economic", pgettext_lazy("report", "Economic and trade cooperation"),
     ["cooperation_projects", "enterprise_investment", "cooperating_enterprises", "industrial_parks", "event_participants"]),
    ("labour", pgettext_lazy("report", "Labour cooperation"),
     ["labor_transferred", "labor_service_income"]),
    ("cadres", pgettext_lazy("report", "Cadre exchange and training"),
     ["cadres_exchanged", "professionals_sent", "training_courses", "trainees", "exchange_visits", "delegation_members"]),
    ("social", pgettext_lazy("report", "Social assistance"),
     ["social_donations", "donated_items", "students_supported", "twinned_units"]),
]

SENTENCES = {  # {who} the giving side, {fig} the figure, {to} ' to/for X' or '', {ctx} detail
    "gov_aid_funds": pgettext_lazy("report", "{who} provided government aid funds of {fig}{to}{ctx}."),
    "social_donations": pgettext_lazy("report", "{who} donated {fig}{to}{ctx}."),
    "enterprise_investment": pgettext_lazy("report", "Enterprises contracted investment of {fig}{to}{ctx}."),
    "labor_service_income": pgettext_lazy("report", "Transferred workers earned {fig}{ctx}."),
    "aid_projects": pgettext_lazy("report", "{fig} aid projects were carried out{to}{ctx}."),
    "villages_supported": pgettext_lazy("report", "{fig} villages were supported{to}{ctx}."),
    "cooperation_projects": pgettext_lazy("report", "Contracts were signed on {fig} cooperation projects{to}{ctx}."),
    "cooperating_enterprises": pgettext_lazy("report", "{fig} enterprises took part in cooperation{ctx}."),
    "labor_transferred": pgettext_lazy("report", "{fig} workers were transferred{to}{ctx}."),
    "cadres_exchanged": pgettext_lazy("report", "{fig} cadres were exchanged{ctx}."),
    "professionals_sent": pgettext_lazy("report", "{fig} professionals were sent{to}{ctx}."),
    "training_courses": pgettext_lazy("report", "{fig} training courses were held{ctx}."),
    "trainees": pgettext_lazy("report", "{fig} were trained{ctx}."),
    "exchange_visits": pgettext_lazy("report", "{fig} exchange visits took place between the two sides{ctx}."),
    "delegation_members": pgettext_lazy("report", "A delegation of {fig} visited{to}{ctx}."),
    "event_participants": pgettext_lazy("report", "{fig} attended the events{ctx}."),
    "students_supported": pgettext_lazy("report", "{fig} students are supported{ctx}."),
    "schools_built": pgettext_lazy("report", "{fig} schools were built{to}{ctx}."),
    "health_facilities_built": pgettext_lazy("report", "{fig} health facilities were built{to}{ctx}."),
    "roads_built_km": pgettext_lazy("report", "{fig} of road were built{to}{ctx}."),
    "farmland_mu": pgettext_lazy("report", "{fig} of basic farmland were built{to}{ctx}."),
    "drinking_water_people": pgettext_lazy("report", "Safe drinking water reached {fig}{ctx}."),
    "drinking_water_livestock": pgettext_lazy("report", "Drinking water reached {fig} of livestock{ctx}."),
    "counties_covered": pgettext_lazy("report", "The work covered {fig}{ctx}."),
    "townships_villages_covered": pgettext_lazy("report", "Projects reached {fig}{ctx}."),
    "twinned_units": pgettext_lazy("report", "{fig} twinning relationships were in place{to}{ctx}."),
    "donated_items": pgettext_lazy("report", "{fig} were donated{to}{ctx}."),
    "industrial_parks": pgettext_lazy("report", "{fig} industrial parks were set up{to}{ctx}."),
    "beneficiaries": pgettext_lazy("report", "{fig} benefited{ctx}."),
}

SOURCE_LEVEL = {
    "province": pgettext_lazy("report", "from the provincial government"),
    "prefecture": pgettext_lazy("report", "from the city government"),
    "county": pgettext_lazy("report", "from district and county governments"),
}
FUND_KIND = {
    "supplementary": pgettext_lazy("report", "added during the year"),
    "matching": pgettext_lazy("report", "matching"),
    "regular": "",
}
FORM = {
    "in_kind": pgettext_lazy("report", "in kind"),
    "cash": "",
}
# Forms of a donation as a category of their own (a table row), where FORM above qualifies a figure.
FORM_LABEL = {"cash": pgettext_lazy("report", "cash"), "in_kind": pgettext_lazy("report", "in kind")}

# Purposes are free text; the usual ones read in the report's language, any other is shown as entered.
PURPOSE = {
    "natural disaster relief": pgettext_lazy("purpose", "natural disaster relief"),
    "disaster relief": pgettext_lazy("purpose", "disaster relief"),
    "industry": pgettext_lazy("purpose", "industry"),
    "infrastructure": pgettext_lazy("purpose", "infrastructure"),
    "education": pgettext_lazy("purpose", "education"),
    "health": pgettext_lazy("purpose", "health"),
    "drinking water": pgettext_lazy("purpose", "drinking water"),
    "housing": pgettext_lazy("purpose", "housing"),
    "model villages": pgettext_lazy("purpose", "model villages"),
    "entire village advancement": pgettext_lazy("purpose", "entire village advancement"),
    "roads": pgettext_lazy("purpose", "roads"),
    "training": pgettext_lazy("purpose", "training"),
}

# English sentences that already name what is counted take the bare number ("24 villages were supported").
NOUN_IN_SENTENCE = {"aid_projects", "villages_supported", "cooperation_projects", "cooperating_enterprises",
                    "labor_transferred", "cadres_exchanged", "professionals_sent", "training_courses",
                    "exchange_visits", "students_supported", "schools_built", "health_facilities_built",
                    "twinned_units", "industrial_parks"}
GENERIC_SENTENCE = pgettext_lazy("report", "{label}: {fig}{ctx}.")

WORDS = {
    "of_which": pgettext_lazy("report", "of which"),
    "and": pgettext_lazy("report", "and"),
    "to": pgettext_lazy("report", "to"),
    "for": pgettext_lazy("report", "for"),
    "annual_title": pgettext_lazy("report", "{pairing} pairing-off cooperation, {year}"),
    "annual_sub": pgettext_lazy("report", "Annual report generated from the platform's data on {date}. Figures with a note number cite their source; official totals count confirmed figures only."),
    "intro": pgettext_lazy("report", "In {year}, {n} figures were recorded for {pairing}{sub}."),
    "intro_sub": pgettext_lazy("report", ", including {k} sub-pairings"),
    "nothing": pgettext_lazy("report", "No figures were recorded in this area."),
    "figures_table": pgettext_lazy("report", "Figures for {year}"),
    "funds_table": pgettext_lazy("report", "Government aid funds: totals and their parts"),
    "region_received": pgettext_lazy("report", "What {region} received"),
    "region_given": pgettext_lazy("report", "What {region} gave"),
    "region_sub_confirmed": pgettext_lazy("report", "Official figures: confirmed by both sides of their pairing, each counted once (a total and its parts are not added twice). The region's subordinate places are included."),
    "region_sub_reported": pgettext_lazy("report", "All reported figures, confirmed or not, each counted once. The region's subordinate places are included."),
    "region_by_year": pgettext_lazy("report", "By year"),
    "region_from_whom": pgettext_lazy("report", "From whom"),
    "region_to_whom": pgettext_lazy("report", "To whom"),
    "region_figures": pgettext_lazy("report", "The figures ({n} newest)"),
    "recipient": pgettext_lazy("report", "Recipient"),
    "unknown": pgettext_lazy("report", "not stated"),
    "entered": pgettext_lazy("report", "entered by an office"),
    "sheet_partners": pgettext_lazy("report sheet", "Partners"),
    "sheet_region_years": pgettext_lazy("report sheet", "By year"),
    "by_year": pgettext_lazy("report", "Funds by year"),
    "separate_scale": pgettext_lazy("report", "Smaller values, on a scale of their own"),
    "page_n": pgettext_lazy("report", "Page {n}"),
    "by_channel": pgettext_lazy("report", "Funds by channel, {year}"),
    "children_table": pgettext_lazy("report", "Sub-pairings, {year}"),
    "indicator": pgettext_lazy("report", "Indicator"),
    "official": pgettext_lazy("report", "Official total (confirmed)"),
    "reported": pgettext_lazy("report", "All reported"),
    "change": pgettext_lazy("report", "Change over {prev} (%)"),
    "unit": pgettext_lazy("report", "Unit"),
    "qualifier": pgettext_lazy("report", "Qualifier"),
    "unconfirmed": pgettext_lazy("report", "Awaiting confirmation"),
    "figure": pgettext_lazy("report", "Figure"),
    "value": pgettext_lazy("report", "Value"),
    "year": pgettext_lazy("report", "Year"),
    "channel": pgettext_lazy("report", "Channel"),
    "pairing": pgettext_lazy("report", "Pairing"),
    "source": pgettext_lazy("report", "Source"),
    "notes": pgettext_lazy("report", "Notes"),
    "unconfirmed_note": pgettext_lazy("report", " (reported by one side, awaiting confirmation by the other)"),
    "disputed_note": pgettext_lazy("report", " (disputed: the two sides' figures differ)"),
    "awaiting_inline": pgettext_lazy("report", " (reported by one side, awaiting confirmation)"),
    "disputed_inline": pgettext_lazy("report", " (disputed by the other side, not an agreed figure)"),
    "entered_by": pgettext_lazy("report", "Entered by {user} on {date}"),
    "also": pgettext_lazy("report", "; also stated: “{q}”"),
    "events": pgettext_lazy("report", "Events: {items}."),
    "agreements": pgettext_lazy("report", "{title} was signed{date}{by}, for {start}–{end}."),
    "awards": pgettext_lazy("report", "Honours: {items}."),
    "investment": pgettext_lazy("report", "{title} of {who}"),
    # pieces of the annual report, the national overview and the checks
    "for_purpose": pgettext_lazy("report", "for {purpose}"),
    "record_title": pgettext_lazy("report", "({title})"),
    "from_donor": pgettext_lazy("report", "from {donor}"),
    "for_recipients": pgettext_lazy("report", " for {names}"),
    "of_which_lead": pgettext_lazy("report", "Of which: "),
    "events_lead": pgettext_lazy("report", "Events: "),
    "signed_by": pgettext_lazy("report", " by "),
    "honours_lead": pgettext_lazy("report", "Honours: "),
    "tables_charts": pgettext_lazy("report", "Tables and charts"),
    "amount": pgettext_lazy("report", "Amount"),
    "donor": pgettext_lazy("report", "Donor"),
    "status": pgettext_lazy("report", "Status"),
    "level": pgettext_lazy("report", "Level"),
    "sheet_figures": pgettext_lazy("report sheet", "Figures"),
    "sheet_funds": pgettext_lazy("report sheet", "Funds"),
    "sheet_by_year": pgettext_lazy("report sheet", "Funds by year"),
    "sheet_by_channel": pgettext_lazy("report sheet", "Funds by channel"),
    "sheet_children": pgettext_lazy("report sheet", "Sub-pairings"),
    "sheet_totals": pgettext_lazy("report sheet", "Totals"),
    "sheet_by_purpose": pgettext_lazy("report sheet", "By purpose"),
    "sheet_by_source_level": pgettext_lazy("report sheet", "By source level"),
    "sheet_by_form": pgettext_lazy("report sheet", "Donations by form"),
    "sheet_top": pgettext_lazy("report sheet", "Top pairings"),
    "no_funds": pgettext_lazy("report", "No government aid funds were confirmed for {year}."),
    "national_title": pgettext_lazy("report", "National statistics on East–West pairing-off cooperation, {year}"),
    "national_sub": pgettext_lazy("report", "Official totals count confirmed figures only; each figure is counted once (a total is never added to its parts)."),
    "summary": pgettext_lazy("report", "Summary"),
    "summary_lead": pgettext_lazy("report", "In {year}, donor regions provided a total of government aid funds of {fig}"),
    "summary_up": pgettext_lazy("report", ", up {pct} over {prev}"),
    "summary_down": pgettext_lazy("report", ", down {pct} over {prev}"),
    "summary_of_which": pgettext_lazy("report", ", of which {items}"),
    "summary_item": pgettext_lazy("report", "{fig} {level}"),
    "national_totals": pgettext_lazy("report", "National totals, {year}"),
    "change_pct": pgettext_lazy("report", "Change (%)"),
    "funds_by_purpose": pgettext_lazy("report", "Government aid funds by purpose"),
    "funds_by_source_level": pgettext_lazy("report", "Government aid funds by source level"),
    "donations_by_form": pgettext_lazy("report", "Social donations by form"),
    "not_broken_down": pgettext_lazy("report", "not broken down"),
    "category": pgettext_lazy("report", "Category"),
    "share_pct": pgettext_lazy("report", "Share (%)"),
    "top_title": pgettext_lazy("report", "Pairings that provided most government aid funds, {year}"),
    "rank": pgettext_lazy("report", "Rank"),
    "figure_count": pgettext_lazy("report", "Figures"),
    "checks_title": pgettext_lazy("report", "Checks on the figures"),
    "checks_sub": pgettext_lazy("report", "Each problem links to the place to fix it."),
    "none_found": pgettext_lazy("report", "None found."),
    "problem": pgettext_lazy("report", "Problem"),
    "fix_at": pgettext_lazy("report", "Fix at"),
    "check_parts_exceed": pgettext_lazy("report", "{code}: parts add up to {parts} but the total is {total}"),
    "check_detail_differs": pgettext_lazy("report", "{code}: detail records add up to {detail}, the reported aggregate is {aggregate}"),
    "check_no_source": pgettext_lazy("report", "{n} government aid fund figures, none says which level of government paid"),
    "check_awaiting": pgettext_lazy("report", "{n} figures awaiting confirmation"),
    "check_disputed": pgettext_lazy("report", "{n} figures disputed"),
}
STATUS_NAME = {
    "reported": pgettext_lazy("report", "awaiting confirmation"),
    "confirmed": pgettext_lazy("report", "confirmed"),
    "disputed": pgettext_lazy("report", "disputed"),
    "withdrawn": pgettext_lazy("report", "withdrawn"),
}
QUALIFIER_NAME = {
    "exact": pgettext_lazy("report", "exact"),
    "at_least": pgettext_lazy("report", "at least"),
    "approx": pgettext_lazy("report", "about"),
    "at_most": pgettext_lazy("report", "at most"),
}


def language(lang: str) -> str:
    """The Django language code a report in `lang` ("en", "zh", "zh-hans", ...) is rendered in."""
    return "zh-hans" if is_chinese(lang) else "en"


def say(text, lang: str, **kw) -> str:
    """A lazy report phrase in the report's language, formatted with `kw`."""
    if not text:  # an empty msgid would fetch the catalogue's header
        return ""
    with override(language(lang)):
        rendered = str(text)
    return rendered.format(**kw) if kw else rendered


def w(key: str, lang: str, **kw) -> str:
    return say(WORDS[key], lang, **kw)


def pair(mapping: dict, key, lang: str) -> str:
    return say(mapping.get(key, ""), lang)


def purpose(value: str, lang: str) -> str:
    known = PURPOSE.get(value.strip().lower())
    return say(known, lang) if known is not None else value
