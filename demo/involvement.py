"""About 20 ways to get involved, modelled on the Tower Hamlets and Poole menus:
from reading a newsletter to sitting on the Board."""

from decimal import Decimal

from cms.involvement.models import InvolvementIndexPage, Level, OpportunityPage
from portal.core.models import Topic

INF, C, V, E, D = (
    Level.INFORMING,
    Level.CONSULTING,
    Level.INVOLVING,
    Level.ENGAGING,
    Level.DECISION_MAKING,
)

# (title, level, hours a month, how often, places, who can take part, topic)
OPPORTUNITIES = [
    ("Residents’ newsletter", INF, "0.5", "Four times a year", None, "", "Resident involvement and scrutiny"),  # noqa: E501
    ("Halo group: comment on papers from home", INF, "1", "When papers are sent", None, "", "Resident involvement and scrutiny"),  # noqa: E501
    ("Online surveys", C, "0.5", "As and when", None, "", "Resident involvement and scrutiny"),  # noqa: E501
    ("TalkBack panel", C, "1", "Monthly", 200, "", "Repairs and maintenance"),  # noqa: E501
    ("Readers Panel", C, "1", "When leaflets are drafted", 12, "", "Resident involvement and scrutiny"),  # noqa: E501
    ("Focus groups", C, "2", "One-off sessions of 1–2 hours", 12, "", "Repairs and maintenance"),  # noqa: E501
    ("Estate inspections", V, "2", "Monthly", 20, "Residents of the estate being inspected", "Estate services and cleaning"),  # noqa: E501
    ("Estate walkabouts", V, "2", "Every two months", None, "", "Community safety and anti-social behaviour"),  # noqa: E501
    ("Estate Champions", V, "2", "Ongoing", 30, "", "Estate services and cleaning"),  # noqa: E501
    ("Mystery shopping", V, "2", "A few tasks a month", 10, "", "Repairs and maintenance"),  # noqa: E501
    ("Leasehold Forum", V, "2", "Quarterly", None, "Leaseholders and shared owners", "Rent and service charges"),  # noqa: E501
    ("Youth Forum", V, "2", "Monthly", 15, "Residents aged 18 to 24", "Young people"),  # noqa: E501
    ("Tenants’ and residents’ associations", E, "2", "Monthly", None, "Residents of the area the group covers", "Resident involvement and scrutiny"),  # noqa: E501
    ("Green spaces working group", E, "3", "Monthly for six months", 10, "", "Green spaces"),  # noqa: E501
    ("Building safety group", E, "3", "Every two months", 12, "Residents of blocks of six storeys or more", "Building safety"),  # noqa: E501
    ("Service Improvement Groups", E, "4", "Monthly", 12, "", "Repairs and maintenance"),  # noqa: E501
    ("Resident inspectors (scrutiny)", E, "4", "Monthly during a review", 8, "", "Resident involvement and scrutiny"),  # noqa: E501
    ("Residents’ Panel", D, "4", "Monthly", 15, "", "Resident involvement and scrutiny"),  # noqa: E501
    ("Complaints panel", D, "4", "Monthly", 8, "", "Resident involvement and scrutiny"),  # noqa: E501
    ("The Board", D, "8", "Monthly meetings plus committees", 3, "Residents with at least a year’s tenancy; training given", "Resident involvement and scrutiny"),  # noqa: E501
]  # fmt: skip


def build_involvement(home) -> InvolvementIndexPage:
    index = InvolvementIndexPage.objects.child_of(home).first()
    if index is None:
        index = InvolvementIndexPage(
            title="Get involved",
            slug="get-involved",
            intro="Ways to have your say, from five minutes to a seat on the Board. "
            "Choose what suits you and change it at any time.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
    topics = {t.name: t for t in Topic.objects.all()}
    for title, level, hours, often, seats, who, topic in OPPORTUNITIES:
        if OpportunityPage.objects.child_of(index).filter(title=title).exists():
            continue
        page = OpportunityPage(
            title=title,
            intro=f"{title}: about {hours} hours a month.",
            level=level,
            hours_per_month=Decimal(hours),
            frequency=often,
            seats=seats,
            eligibility=who,
            body=[
                (
                    "paragraph",
                    "<p>We send you what you need beforehand, pay your travel and "
                    "care costs, and offer training. You can stop at any time.</p>",
                )
            ],
        )
        index.add_child(instance=page)
        if topic in topics:
            page.topics.set([topics[topic]])
        page.save_revision().publish()
    return index
