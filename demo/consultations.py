"""Twelve demo consultations across the lifecycle: two open (one for everyone,
answerable without an account), one closing within a
week, one closed awaiting its outcome and seven with "You said, we did" (two in
the last financial year, one of them slow; two the year before, one with a
short reply window and a slow outcome), for two years of reports and more; and
this year's tenant satisfaction survey with a few hundred households' answers."""

import uuid
from datetime import timedelta

from django.utils import timezone

from cms.consultations.models import (
    Answer,
    ConsultationIndexPage,
    ConsultationPage,
    Response,
)
from portal.accounts.models import User
from portal.core.models import Topic
from portal.housing.models import Area, Estate


def _questions(topic: str) -> list[dict]:
    def block(kind, value):
        return {"type": kind, "value": value, "id": str(uuid.uuid4())}

    return [
        block(
            "single_choice",
            {
                "question": f"How happy are you with {topic} now?",
                "help_text": "",
                "required": True,
                "options": ["Happy", "Neither happy nor unhappy", "Unhappy"],
            },
        ),
        block(
            "multiple_choice",
            {
                "question": "Which of these matter most to you?",
                "help_text": "Choose all that apply.",
                "required": False,
                "options": ["Cost", "Quality", "Speed", "Being kept informed"],
            },
        ),
        block(
            "scale",
            {
                "question": "How much do you trust us to get this right?",
                "help_text": "",
                "required": False,
                "maximum": "5",
                "low_label": "Not at all",
                "high_label": "Completely",
            },
        ),
        block(
            "ranking",
            {
                "question": "Put these options in order of priority",
                "help_text": "",
                "required": False,
                "options": ["Option A", "Option B", "Option C"],
            },
        ),
        block(
            "free_text",
            {
                "question": "Is there anything else you want to tell us?",
                "help_text": "",
                "required": False,
            },
        ),
    ]


# (slug, title, topic, days opened ago, days until close, audience, outcome days)
CONSULTATIONS = [  # noqa: E501
    ("estate-cleaning", "Estate cleaning: what should change?", "Estate services and cleaning", 7, 21, ("area", "Riverside North"), None),  # noqa: E501
    ("magazine-survey", "What do you think of Riverside News?", "Resident involvement and scrutiny", 3, 25, None, None),  # noqa: E501
    ("orchard-park-green-space", "The green space at Orchard Park", "Green spaces", 18, 4, ("estate", "Orchard Park"), None),  # noqa: E501
    ("repairs-appointments", "Repairs appointment times", "Repairs and maintenance", 40, -5, None, None),  # noqa: E501
    ("service-charges-2026", "How we explain service charges", "Rent and service charges", 100, -70, None, 24),  # noqa: E501
    ("community-safety", "Feeling safe on your estate", "Community safety and anti-social behaviour", 160, -130, ("area", "Riverside North"), 31),  # noqa: E501
    ("youth-space", "A space for young people", "Young people", 230, -200, ("area", "Riverside South"), 45),  # noqa: E501
    # Last financial year: one outcome in three weeks, one that took too long.
    ("tenant-handbook", "A new tenant handbook", "Resident involvement and scrutiny", 370, -330, None, 20),  # noqa: E501
    ("bin-stores", "Bin stores and recycling", "Estate services and cleaning", 480, -450, ("area", "Riverside South"), 75),  # noqa: E501
    # Two years back: one by the book, one with a short window and a slow outcome.
    ("estate-lighting", "Lighting on our estates", "Community safety and anti-social behaviour", 745, -717, ("area", "Riverside North"), 26),  # noqa: E501
    ("paying-rent", "Ways to pay your rent", "Rent and service charges", 640, -622, None, 64),  # noqa: E501
]  # fmt: skip

OUTCOME = {
    "you_said": "Most of you told us the current arrangements are not working well "
    "and that you want to be kept informed.",
    "we_did": "We have agreed a new approach with the resident panel.",
    "what_changes": "The new approach starts next quarter; we will report progress "
    "at the resident panel every three months.",
}

RESPONDENTS = ["chair@example.org", "secretary@example.org", "treasurer@example.org"]


def build_consultations(home) -> ConsultationIndexPage:
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPage(
            title="Consultations",
            slug="consultations",
            intro="Tell us what you think before we decide. See what we heard "
            "and what we did about it.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
    now = timezone.now()
    people = list(User.objects.filter(email__in=RESPONDENTS).order_by("email"))
    for slug, title, topic, opened, closes, audience, outcome in CONSULTATIONS:
        if ConsultationPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        closes_at = now + timedelta(days=closes)
        page = ConsultationPage(
            title=title,
            slug=slug,
            intro=f"We want your views on {title[0].lower()}{title[1:]}.",
            body=[
                (
                    "paragraph",
                    "<p>We are reviewing this service and want to hear from "
                    "residents before we decide anything.</p>",
                )
            ],
            opens_at=now - timedelta(days=opened),
            closes_at=closes_at,
            questions=_questions(topic.split(" and ")[0].lower()),
        )
        # Everyone may answer the magazine survey, even without an account.
        page.anonymous_allowed = slug == "magazine-survey"
        if closes_at - page.opens_at < timedelta(days=21):
            page.short_window_reason = (
                "The contract decision is due this month, so we can only give "
                "three weeks less a few days."
            )
        if outcome is not None:
            page.you_said = OUTCOME["you_said"]
            page.we_did = OUTCOME["we_did"]
            page.what_changes = OUTCOME["what_changes"]
            page.changes_by = (closes_at + timedelta(days=outcome + 90)).date()
            page.outcome_published_at = closes_at + timedelta(days=outcome)
            page.results_published_at = page.outcome_published_at
        elif closes < 0:
            page.results_published_at = closes_at + timedelta(days=2)
        index.add_child(instance=page)
        page.topics.set(Topic.objects.filter(name=topic))
        if audience and audience[0] == "area":
            page.areas.set(Area.objects.filter(name=audience[1]))
        elif audience:
            page.estates.set(Estate.objects.filter(name=audience[1]))
        page.save_revision().publish()
        if closes < 0:
            _past_responses(page, people)
    build_tsm_survey(index)
    return index


def _past_responses(page: ConsultationPage, people) -> None:
    """History: answers given while it was open (made directly, as records)."""
    snapshot = page.questions.get_prep_value()
    blocks = list(page.questions)
    for n, person in enumerate(people):
        home = person.resident_profile.home
        response = Response.objects.create(
            consultation=page,
            respondent=person,
            submitted=True,
            estate_id=home.estate_id,
            tenure=home.tenure,
            questions_snapshot=snapshot,
        )
        choice, many, scale, ranking, text = blocks
        options = ranking.value["options"]
        Answer.objects.bulk_create(
            [
                Answer(
                    response=response,
                    question_id=choice.id,
                    value=choice.value["options"][n % 3],
                ),
                Answer(
                    response=response,
                    question_id=many.id,
                    value=many.value["options"][n % 4],
                ),
                Answer(
                    response=response,
                    question_id=scale.id,
                    value=str(n + 2),
                    number=n + 2,
                ),
                *[
                    Answer(
                        response=response,
                        question_id=ranking.id,
                        value=option,
                        number=(i + n) % len(options) + 1,
                    )
                    for i, option in enumerate(options)
                ],
                Answer(
                    response=response,
                    question_id=text.id,
                    text="Please keep us informed as things change.",
                    moderation=Answer.Moderation.APPROVED,
                ),
            ]
        )


TSM_SLUG = "tenant-satisfaction-survey"
# Chance of each answer, best first (the five-point scale), then "don't know".
TSM_LEANINGS = {
    "tenant": (0.30, 0.34, 0.14, 0.12, 0.10),
    "sheltered": (0.45, 0.33, 0.10, 0.07, 0.05),
    "shared_owner": (0.15, 0.30, 0.20, 0.20, 0.15),
}


def build_tsm_survey(index: ConsultationIndexPage, *, households: int = 320) -> None:
    """This year's tenant satisfaction survey (TP01–TP12), open for three more
    weeks: a few hundred households have answered by phone or on paper, entered
    by the involvement officer, across rented homes and shared ownership."""
    import random

    from cms.consultations import tsm
    from cms.consultations.models import Channel, Kind
    from portal.housing.models import Property

    if ConsultationPage.objects.filter(slug=TSM_SLUG).exists():
        return
    now = timezone.now()
    page = ConsultationPage(
        title="Tenant satisfaction survey 2026",
        slug=TSM_SLUG,
        intro="Tell us how we are doing. Your answers are the tenant satisfaction "
        "measures we report to the Regulator of Social Housing and to you.",
        kind=Kind.TSM,
        opens_at=now - timedelta(days=40),
        closes_at=now + timedelta(days=20),
    )
    index.add_child(instance=page)
    page.topics.set(Topic.objects.filter(name="Resident involvement and scrutiny"))
    page.save_revision().publish()
    page.refresh_from_db()
    rng = random.Random("involve-tsm")  # noqa: S311 (repeatable demo data)
    homes = list(
        Property.objects.filter(tenure__in=tsm.SURVEY_TENURES)
        .order_by("uprn")
        .only("pk", "estate_id", "tenure")
    )
    officer = User.objects.get(email="officer@example.org")
    snapshot = page.questions.get_prep_value()
    # Shared owners are few: ask more of them, so their figures mean something.
    owners = [h for h in homes if tsm.TENURE_GROUPS[h.tenure] == tsm.LCHO]
    renters = [h for h in homes if tsm.TENURE_GROUPS[h.tenure] == tsm.LCRA]
    from_owners = min(len(owners), households // 5)
    chosen = rng.sample(owners, from_owners) + rng.sample(
        renters, min(len(renters), households - from_owners)
    )
    responses = Response.objects.bulk_create(
        [
            Response(
                consultation=page,
                channel=Channel.PHONE if rng.random() < 0.6 else Channel.PAPER,
                entered_by=officer,
                estate_id=home.estate_id,
                tenure=home.tenure,
                home_id=home.pk,
                questions_snapshot=snapshot,
                submitted=True,
            )
            for home in chosen
        ]
    )
    answers = []
    for response in responses:
        leaning = TSM_LEANINGS[response.tenure]
        said_yes = {
            key: rng.random() < chance
            for key, chance in (
                ("repair_12m", 0.6),
                ("complaint_12m", 0.15),
                ("communal_areas", 0.5),
            )
        }
        for key, yes in said_yes.items():
            answers.append(
                Answer(
                    response=response,
                    question_id=key,
                    value=tsm.YES if yes else tsm.NO,
                )
            )
        group = tsm.TENURE_GROUPS[response.tenure]
        for measure in tsm.MEASURES:
            if group not in measure.groups():
                continue
            if measure.filter and not said_yes[measure.filter]:
                continue
            if measure.not_applicable and rng.random() < 0.06:
                value = tsm.NOT_APPLICABLE
            elif rng.random() < 0.03:
                continue  # left blank
            else:
                value = rng.choices(measure.scale, weights=leaning)[0]
            answers.append(
                Answer(response=response, question_id=measure.id, value=value)
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
