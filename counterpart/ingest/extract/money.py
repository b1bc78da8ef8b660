"""Which kind of money a figure is, from features of its phrase rather than its verb alone.

A yearbook words the same government grant as "donated", "raised", "provided" or "issued"; what decides
is, in order: the source the figure is said to come from ("118 million Yuan came from the provincial
finance", "1.44 million Yuan was social donation"), the noun the figure is bound to ("5 million Yuan of
aid funds", "material donations valued 2.3 million Yuan", "investment of 6.8 billion Yuan"), and the kind
of giver that is the subject of its verb (a government, a finance department or a place -> government
aid; society, enterprises, individuals -> donations; enterprises that invest -> investment). A figure
none of these decide is left to the nearest cue word (indicators_rules) and, for a part of a stated total,
to its total's kind (pipeline).
"""
from __future__ import annotations

import re

GOV = re.compile(r"\bgovernments?\b|\bfinanc(?:e|ial)\b|\bfiscal\b|\bbudget\w*|\bprovincial\b|\bmunicipal\b|"
                 r"\b(?:city|county|district|prefecture|province|town|township)[\s-]*level\b|"
                 r"\bthe\s+(?:cities|counties|districts|provinces|prefectures)\b|\bparty\s+committee|"
                 r"\b(?:poverty\s+alleviation|economic\s+cooperation|counterpart\s+support)\s+offices?\b", re.IGNORECASE)
SOCIAL = re.compile(r"\bsociety\b|\bsocial\b|\benterprises?\b|\bcompan(?:y|ies)\b|\bindividuals?\b|\bentrepreneurs?\b|"
                    r"\bpeople\b|\bcitizens\b|\bcircles\b|\bwalks\s+of\b|\borgani[sz]ations?\b|\bcharit\w*|\bdonors?\b|"
                    r"\bred\s+cross\b|\bfoundations?\b|\bassociations?\b|\bfederations?\b|\bunions?\b|\bleagues?\b|\bclubs?\b|\bchambers?\s+of\s+commerce\b|\bmasses\b",
                    re.IGNORECASE)
ENTERPRISE = re.compile(r"\benterprises?\b|\bcompan(?:y|ies)\b|\bfirms?\b|\bbusiness(?:es|men)?\b|\binvestors?\b|"
                        r"\bentrepreneurs?\b", re.IGNORECASE)
INVEST_VERB = re.compile(r"\binvest(?:ed|s|ing)?\b", re.IGNORECASE)
GIVE_VERB = re.compile(r"\b(?:donat\w+|rais(?:ed|es|ing)|provid(?:ed|es|ing)|allocat\w+|arrang\w+|issu(?:ed|es|ing)|"
                       r"gave|give[sn]?|contribut\w+|grant(?:ed|s)?|offer(?:ed|s)?|injected|earmarked|appropriated)\b",
                       re.IGNORECASE)

# "... Yuan was/came from the provincial finance", "... Yuan from district government", "... provided by ..."
_SOURCE = re.compile(r"\s*(?:yuan\s+|rmb\s+)?(?:(?:was|were|is|are|came|come|comes|had\s+been|has\s+been)\s+)?"
                     r"(?:(?:provided|raised|given|donated|allocated|contributed|invested)\s+)?(?:from|by)\s+"
                     r"((?:the\s+)?[^,;.()]{2,60})", re.IGNORECASE)
# "... Yuan was social donation", "... was grant", "... was city and district-level financial anti-poverty funds"
_WAS = re.compile(r"\s*(?:yuan\s+|rmb\s+)?(?:was|were|is|are)\s+(?!from\b|by\b|used\b|spent\b|invested\b|issued\b|"
                  r"allocated\b|provided\b|raised\b|donated\b)([^,;.()]{2,70})", re.IGNORECASE)
_OF_NOUN = re.compile(r"\s*(?:yuan\s+|rmb\s+)?(?:of|in)\s+((?:[\w-]+\s+){0,4}?(?:funds?|grants?|donations?|"
                      r"investments?|capital|materials|goods|cash|money|aid|assistance))\b", re.IGNORECASE)
_NOUN_BEFORE = re.compile(r"((?:[\w-]+\s+){0,4}?(?:funds?|grants?|donations?|investments?|capital|materials|goods))\s+"
                          r"(?:of|valued(?:\s+at)?|worth|totall?ing|amounting\s+to|reaching)\s+(?:(?:more\s+than|over|"
                          r"about|nearly|some|around|a\s+total\s+of|up\s+to)\s+)?(?:rmb\s+)?$", re.IGNORECASE)


def kind_of_noun(noun: str) -> str | None:
    n = noun.lower()
    if re.search(r"\binvestments?\b|\bcapital\b", n):
        return "enterprise_investment" if not re.search(r"\b(?:government|financ|fiscal)", n) else "gov_aid_funds"
    if re.search(r"\bdonations?\b|\bmaterials\b|\bgoods\b|\bin\s+kind\b|\bsocial\b|\bcharit", n):
        return "social_donations"
    if re.search(r"\bgrants?\b|\b(?:aid|aiding|relief|anti-poverty|poverty\s+alleviation|financial|fiscal|special|"
                 r"government|assistance|support|supporting)\s+funds?\b", n):
        return "gov_aid_funds"
    return None


def kind_of_source(phrase: str) -> str | None:
    gov, soc = bool(GOV.search(phrase)), bool(SOCIAL.search(phrase))
    if gov and not soc:
        return "gov_aid_funds"
    if soc and not gov:
        return "social_donations"
    if gov and soc:
        return "mixed"
    return None


def money_kind(text: str, q_start: int, q_end: int, item_start: int, item_end: int, clause_start: int,
               subject_is_place: bool = False) -> tuple[str | None, str]:
    """(indicator or "mixed" or None, the feature that decided) for the money figure text[q_start:q_end]."""
    after = text[q_end:item_end]
    m = _SOURCE.match(after)
    if m:
        k = kind_of_source(m.group(1))
        if k:
            return k, "source"
    m = _WAS.match(after)
    if m:
        k = kind_of_noun(m.group(1)) or kind_of_source(m.group(1))
        if k:
            return k, "source"
    before = text[max(item_start, q_start - 80):q_start]
    nb = _NOUN_BEFORE.search(before)
    m = _OF_NOUN.match(after)
    noun_kind = kind_of_noun(m.group(1)) if m else None
    if noun_kind is None and nb:
        noun_kind = kind_of_noun(nb.group(1))
    # the giver: the words of the clause before the verb that governs the figure
    head = text[clause_start:q_start]
    verb = None
    for v in GIVE_VERB.finditer(head):
        verb = v
    inv = None
    for v in INVEST_VERB.finditer(head):
        inv = v
    if inv is not None and (verb is None or inv.start() > verb.start()):
        subject = head[:inv.start()]
        if ENTERPRISE.search(subject) and not GOV.search(subject):
            return "enterprise_investment", "giver"
        if GOV.search(subject) or subject_is_place:
            return "gov_aid_funds", "giver"
    if noun_kind is not None and noun_kind != "social_donations":
        return noun_kind, "noun"
    if verb is not None:
        subject = head[:verb.start()]
        giver = kind_of_source(subject)
        if giver == "gov_aid_funds":
            return "gov_aid_funds", "giver"  # a government that "donated" or "raised" money gives aid
        # a place alone as the giver ("Weihai City raised ...") is left to the verb: the text does not say
        # whether its government or its society gave
        if giver == "social_donations":
            return "social_donations", "giver"
    if noun_kind is not None:
        return noun_kind, "noun"
    return None, ""
