"""The Tenant Satisfaction Measures perception survey (TP01–TP12): the fixed
question set and a pure calculator (no database, no request).

Where the rules come from
-------------------------
The Regulator of Social Housing (RSH) sets them in "Tenant Satisfaction
Measures: Technical Requirements" (each measure and how it is calculated) and
"Tenant Satisfaction Measures: Tenant Survey Requirements" (how the survey is
run; its Table 2 holds the question wording and response options), published
with the consultation outcome of 21 September 2022. "[landlord]" in the
official wording ("[your landlord]") is replaced by the landlord's name from
the site settings.

What was checked, and against what (search of stored public pages, 7 December
2026; the RSH PDFs themselves, and the parts of long gov.uk pages past their
opening, could not be read here)
- Standing of the documents: the Transparency, Influence and Accountability
  Standard replaced the TSM Standard from 1 April 2024 and carries its TSM
  requirements (https://gov.uk/government/publications/tenant-satisfaction-
  measures-standard/tsm-guidance-on-data-submission-accessible-version, the
  collection page). The TSM Standard itself: https://gov.uk/government/
  consultations/consultation-on-the-introduction-of-tenant-satisfaction-
  measures/outcome/annex-3-tenant-satisfaction-measures-standard-from-1-april-
  2023-accessible. The Survey Requirements are that outcome's Annex 5
  (.../outcome/annex-5-tenant-satisfaction-measures-tenant-survey-requirements-
  accessible). The draft TSM Direction (gov.uk, 9 December 2025,
  .../publications/tsm-direction/draft-tsm-direction-accessible-version) makes
  them its Part A (Technical) and Part B (Survey).
- Measure names TP01–TP11: alliancehomes.org.uk/about-us/tenant-satisfaction-
  measures (TP09 "...approach to handling of complaints"); the descriptions
  as councils publish them: dover.gov.uk (Tenant-satisfaction-measures.aspx).
- Wording, as published by Acuity (arap.co.uk/performanceindicator/...) from
  the RSH definitions, and by Wandle (wandleha.foleon.com, "All tenant
  perception surveys must include this question"): TP01 (overall-satisfaction),
  the repair filter question and TP02 (overall-repairs-service), TP03
  (time-taken-for-repairs), TP04 (well-maintained-home). All as below.
- Answers: five options, very satisfied to very dissatisfied; "very" or
  "fairly satisfied" count as satisfied; TP01 and TP04 must not offer "don't
  know", "not applicable" or similar, and someone who says so unprompted moves
  on to the next question, so is not in that measure's base (arap.co.uk,
  overall-satisfaction and well-maintained-home).
- Tenure: TP01 is reported for LCRA and LCHO, TP02 and TP03 for LCRA only
  (arap.co.uk, the same pages). LCRA covers general needs, supported housing,
  intermediate rent and temporary social housing; LCHO covers shared
  ownership not fully staircased (chp.org.uk/tenant-satisfaction-measures).
  Leaseholders are outside the measures (b3living.org.uk, "TSM approach").
- Margin of error: the published sample sizes use the finite population
  correction. Golding Homes needed 554 responses from 7,271 LCRA homes for
  ±4 % at 95 % (goldinghomes.org.uk/tsm-methodology); that is the formula
  below at p = 0.5 (without the correction it would be 601). Longhurst's ±2.8 %
  and ±3.7 % (longhurst-group.org.uk, TSM 2023/24 survey methodology) agree
  with it too. Those are whole-survey figures at the worst case p = 0.5; the
  margin here is per measure with the measure's own p, so never wider.

Not verified (left as written when this module was made; check against the
RSH Survey Requirements, Table 2, before a real return is made)
- TP12's name, and the wording of TP05–TP12 and of the complaint and
  communal-area filter questions. Every question here matches, word for word,
  one housing association's published survey code (GitHub, stored copy, not
  the regulator), except TP08: there it has no colon after "the following".
- Which of TP05–TP12 offer "not applicable/don't know". One landlord's
  survey-approach statement (concepthousing.co.uk, TSM method statement) adds
  an unread "unable to answer" only for TP01–TP04, TP09 and TP10, which
  suggests TP10 offers no "don't know" and TP05 does; here it is the other
  way round. Not changed on that one indirect source.
- Whether TP04 and TP05 are asked of LCHO shared owners (here: LCRA only).

How each measure is worked out
------------------------------
- Result = respondents answering "very satisfied" or "fairly satisfied" (or
  "strongly agree" or "agree" for TP08) ÷ all valid answers to that question.
- "Not applicable/don't know" (offered only where the requirements allow it) is
  not a valid answer: it is left out of the top and the bottom. So is no answer.
- TP02 and TP03 count only people who say a repair was done in the last 12
  months; TP09 only people who made a complaint in the last 12 months; TP10 only
  people who live in a building with communal areas the landlord maintains.
- Low-cost rental accommodation (LCRA: tenants, including sheltered housing) and
  low-cost home ownership (LCHO: shared owners) are reported separately; TP02–TP05
  are asked of LCRA tenants only. Leaseholders and private residents are outside
  the measures.
- Margin of error at 95 % confidence, in percentage points:
  1.96 × √(p(1 − p) / n) × √((N − n) / (N − 1)), with p the result as a
  proportion, n the valid answers and N the households of that tenure eligible
  for the survey (the finite population correction; a census of every household
  has no sampling error).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

SATISFACTION = (
    "Very satisfied",
    "Fairly satisfied",
    "Neither satisfied nor dissatisfied",
    "Fairly dissatisfied",
    "Very dissatisfied",
)
AGREEMENT = (
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
)
NOT_APPLICABLE = "Not applicable/don't know"
YES = "Yes"
NO = "No"

LCRA = "LCRA"
LCHO = "LCHO"
TENURE_GROUPS = {
    "tenant": LCRA,
    "sheltered": LCRA,
    "shared_owner": LCHO,
}
GROUP_LABELS = {
    LCRA: _("Low-cost rental (LCRA)"),
    LCHO: _("Low-cost home ownership (LCHO)"),
}
# The tenures a TSM survey asks, when the editor has not chosen any.
SURVEY_TENURES = tuple(TENURE_GROUPS)

Z_95 = 1.96


@dataclass(frozen=True)
class Filter:
    """A yes/no question that decides who is counted for a measure."""

    id: str
    question: str


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    question: str
    scale: tuple[str, ...]
    not_applicable: bool = False
    filter: str = ""
    lcho: bool = True
    definition: str = ""

    @property
    def id(self) -> str:
        return self.code.lower()

    @property
    def positive(self) -> tuple[str, ...]:
        return self.scale[:2]

    @property
    def options(self) -> tuple[str, ...]:
        return self.scale + ((NOT_APPLICABLE,) if self.not_applicable else ())

    def groups(self) -> tuple[str, ...]:
        return (LCRA, LCHO) if self.lcho else (LCRA,)


FILTERS = {
    "repair_12m": Filter(
        "repair_12m",
        "Has [landlord] carried out a repair to your home in the last 12 months?",
    ),
    "complaint_12m": Filter(
        "complaint_12m",
        "Have you made a complaint to [landlord] in the last 12 months?",
    ),
    "communal_areas": Filter(
        "communal_areas",
        "Do you live in a building with communal areas, either inside or outside, "
        "that [landlord] is responsible for maintaining?",
    ),
}

_SATISFIED = "Share of valid answers that were very or fairly satisfied"

MEASURES = (
    Measure(
        "TP01",
        "Overall satisfaction",
        "Taking everything into account, how satisfied or dissatisfied are you "
        "with the service provided by [landlord]?",
        SATISFACTION,
        definition=_SATISFIED + ".",
    ),
    Measure(
        "TP02",
        "Satisfaction with repairs",
        "How satisfied or dissatisfied are you with the overall repairs service "
        "from [landlord] over the last 12 months?",
        SATISFACTION,
        filter="repair_12m",
        lcho=False,
        definition=_SATISFIED + ", among people who had a repair in the last 12 "
        "months.",
    ),
    Measure(
        "TP03",
        "Satisfaction with time taken to complete most recent repair",
        "How satisfied or dissatisfied are you with the time taken to complete "
        "your most recent repair after you reported it?",
        SATISFACTION,
        filter="repair_12m",
        lcho=False,
        definition=_SATISFIED + ", among people who had a repair in the last 12 "
        "months.",
    ),
    Measure(
        "TP04",
        "Satisfaction that the home is well maintained",
        "How satisfied or dissatisfied are you that [landlord] provides a home "
        "that is well maintained?",
        SATISFACTION,
        lcho=False,
        definition=_SATISFIED + ".",
    ),
    Measure(
        "TP05",
        "Satisfaction that the home is safe",
        "Thinking about the condition of the property or building you live in, "
        "how satisfied or dissatisfied are you that [landlord] provides a home "
        "that is safe?",
        SATISFACTION,
        lcho=False,
        definition=_SATISFIED + ".",
    ),
    Measure(
        "TP06",
        "Satisfaction that the landlord listens to tenant views and acts upon them",
        "How satisfied or dissatisfied are you that [landlord] listens to your "
        "views and acts upon them?",
        SATISFACTION,
        not_applicable=True,
        definition=_SATISFIED + "; “not applicable/don't know” is left out.",
    ),
    Measure(
        "TP07",
        "Satisfaction that the landlord keeps tenants informed about things that "
        "matter to them",
        "How satisfied or dissatisfied are you that [landlord] keeps you informed "
        "about things that matter to you?",
        SATISFACTION,
        not_applicable=True,
        definition=_SATISFIED + "; “not applicable/don't know” is left out.",
    ),
    Measure(
        "TP08",
        "Agreement that the landlord treats tenants fairly and with respect",
        "To what extent do you agree or disagree with the following: "
        "“[landlord] treats me fairly and with respect”?",
        AGREEMENT,
        not_applicable=True,
        definition="Share of valid answers that strongly agreed or agreed; "
        "“not applicable/don't know” is left out.",
    ),
    Measure(
        "TP09",
        "Satisfaction with the landlord's approach to handling of complaints",
        "How satisfied or dissatisfied are you with [landlord]'s approach to "
        "complaints handling?",
        SATISFACTION,
        filter="complaint_12m",
        definition=_SATISFIED + ", among people who made a complaint in the last "
        "12 months.",
    ),
    Measure(
        "TP10",
        "Satisfaction that the landlord keeps communal areas clean and well maintained",
        "How satisfied or dissatisfied are you that [landlord] keeps these "
        "communal areas clean and well maintained?",
        SATISFACTION,
        not_applicable=True,
        filter="communal_areas",
        definition=_SATISFIED + ", among people whose building has communal "
        "areas; “not applicable/don't know” is left out.",
    ),
    Measure(
        "TP11",
        "Satisfaction that the landlord makes a positive contribution to "
        "neighbourhoods",
        "How satisfied or dissatisfied are you that [landlord] makes a positive "
        "contribution to your neighbourhood?",
        SATISFACTION,
        not_applicable=True,
        definition=_SATISFIED + "; “not applicable/don't know” is left out.",
    ),
    Measure(
        "TP12",
        "Satisfaction with the landlord's approach to handling anti-social behaviour",
        "How satisfied or dissatisfied are you with [landlord]'s approach to "
        "handling anti-social behaviour?",
        SATISFACTION,
        not_applicable=True,
        definition=_SATISFIED + "; “not applicable/don't know” is left out.",
    ),
)
MEASURES_BY_ID = {m.id: m for m in MEASURES}
# Where each filter question goes: just before the first measure it filters.
_FILTER_BEFORE = {
    "tp02": "repair_12m",
    "tp09": "complaint_12m",
    "tp10": "communal_areas",
}


def _say(text: str, landlord: str) -> str:
    text = text.replace("[landlord]", landlord)
    return text[0].upper() + text[1:]


def question_blocks(landlord: str = "your landlord") -> list[dict]:
    """The survey as raw StreamField data for `ConsultationPage.questions`: one
    single-choice block per measure and filter, with fixed ids (the measure code
    in lower case), so answers are found by id whatever the editor does."""
    blocks = []
    for measure in MEASURES:
        if measure.id in _FILTER_BEFORE:
            f = FILTERS[_FILTER_BEFORE[measure.id]]
            blocks.append(
                {
                    "type": "single_choice",
                    "id": f.id,
                    "value": {
                        "question": _say(f.question, landlord),
                        "help_text": "",
                        "required": False,
                        "options": [YES, NO],
                    },
                }
            )
        hint = ""
        if measure.filter:
            hint = "Answer this only if you said yes to the question before."
        blocks.append(
            {
                "type": "single_choice",
                "id": measure.id,
                "value": {
                    "question": _say(measure.question, landlord),
                    "help_text": hint,
                    "required": False,
                    "options": list(measure.options),
                },
            }
        )
    return blocks


# The calculator -----------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One measure for one tenure group."""

    code: str
    group: str
    responses: int  # valid answers: the base
    positive: int
    excluded: int  # "not applicable/don't know", or answered outside the filter
    population: int  # eligible households of this tenure
    percent: Decimal | None  # to one decimal place
    margin: Decimal | None  # ± percentage points at 95 %, one decimal place

    @property
    def interval(self) -> tuple[Decimal, Decimal] | None:
        if self.percent is None or self.margin is None:
            return None
        return (
            max(Decimal(0), self.percent - self.margin),
            min(Decimal(100), self.percent + self.margin),
        )


def _one_place(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def share(positive: int, valid: int) -> Decimal | None:
    """`positive` of `valid` as a percentage to one decimal place (half up)."""
    if valid <= 0:
        return None
    if not 0 <= positive <= valid:
        raise ValueError("positive answers must be between 0 and the valid answers")
    return (Decimal(100) * positive / valid).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def margin_of_error(p: float, n: int, population: int | None) -> float | None:
    """± percentage points at 95 % confidence for a proportion `p` from `n`
    answers, corrected for a finite population of `population` households
    (None: treated as very large). None when there are no answers."""
    if n <= 0:
        return None
    if not 0 <= p <= 1:
        raise ValueError("p is a proportion between 0 and 1")
    error = Z_95 * math.sqrt(p * (1 - p) / n)
    if population is not None:
        if population <= 1 or n >= population:
            return 0.0
        error *= math.sqrt((population - n) / (population - 1))
    return 100 * error


def measure_result(
    measure: Measure,
    counts: Mapping[str, int],
    *,
    group: str,
    population: int | None,
    outside_filter: int = 0,
) -> Result:
    """`counts`: answers to the measure's question by option label, from the
    people in the base (for a filtered measure, those who said yes)."""
    valid = sum(counts.get(option, 0) for option in measure.scale)
    positive = sum(counts.get(option, 0) for option in measure.positive)
    excluded = outside_filter + sum(
        n for option, n in counts.items() if option not in measure.scale
    )
    percent = share(positive, valid)
    margin = None
    if valid:
        margin = _one_place(margin_of_error(positive / valid, valid, population))
    return Result(
        code=measure.code,
        group=group,
        responses=valid,
        positive=positive,
        excluded=excluded,
        population=population or 0,
        percent=percent,
        margin=margin,
    )


@dataclass(frozen=True)
class Tally:
    """Answers counted in the database: one row per (tenure, question, answer,
    whether the person said yes to each filter question)."""

    tenure: str
    question: str
    value: str
    filters: frozenset[str]
    n: int


def results(
    rows: Iterable[Tally], populations: Mapping[str, int]
) -> dict[str, dict[str, Result]]:
    """Every measure for every tenure group it is asked of: {code: {group: Result}}.
    `populations`: eligible households by tenure code (as in the register)."""
    households: dict[str, int] = {}
    for tenure, n in populations.items():
        group = TENURE_GROUPS.get(tenure)
        if group:
            households[group] = households.get(group, 0) + n
    counts: dict[tuple[str, str], dict[str, int]] = {}
    outside: dict[tuple[str, str], int] = {}
    for row in rows:
        group = TENURE_GROUPS.get(row.tenure)
        measure = MEASURES_BY_ID.get(row.question)
        if group is None or measure is None or group not in measure.groups():
            continue
        key = (measure.code, group)
        if measure.filter and measure.filter not in row.filters:
            outside[key] = outside.get(key, 0) + row.n
            continue
        bucket = counts.setdefault(key, {})
        bucket[row.value] = bucket.get(row.value, 0) + row.n
    return {
        m.code: {
            group: measure_result(
                m,
                counts.get((m.code, group), {}),
                group=group,
                population=households.get(group) or None,
                outside_filter=outside.get((m.code, group), 0),
            )
            for group in m.groups()
        }
        for m in MEASURES
    }
