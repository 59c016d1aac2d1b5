"""Six demo groups in every recognition state, with sign-up evidence above and
below the threshold (online and on paper), built through the real services
where a person would act, and as past records where the story is history."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.accounts.models import User
from portal.core.dates import london_today
from portal.evidence.models import Signature
from portal.evidence.services import paper_sheet_upload, signature_support
from portal.groups.models import (
    Activity,
    Document,
    Group,
    Officer,
    RecognitionApplication,
)
from portal.groups.selectors import recognition_checklist
from portal.groups.services import (
    activity_record,
    document_upload,
    officer_add,
    recognition_apply,
    recognition_decide,
)
from portal.housing.models import Property, Street

# A one-page PDF, so the demo's private files open in any viewer.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
FIRST_NAMES = ["Amina", "Ben", "Chloe", "Dev", "Ewa", "Farah", "George", "Hana"]
LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Dobrowolski", "Evans", "Hussain", "Okafor"]

# name, kind, block/street, state
GROUPS = [
    (
        "Anchor House Tenants’ and Residents’ Association",
        "tra",
        "Anchor House",
        "recognised",
    ),
    ("Dock Street representative", "representative", "Dock Street", "recognised_rep"),
    (
        "Orchard Court Residents’ Association",
        "sheltered",
        "Orchard Court",
        "renewal_due",
    ),
    ("Millfield Road Residents’ Group", "other", "Millfield Road", "applied"),
    ("Weir Lane Tenants’ Association", "tra", "Weir Lane", "lapsed"),
    ("Barge House Residents’ Association", "tra", "Barge House", "forming"),
]


DEMO_OFFICER_DOMAIN = "@groups.example"


def reset_groups() -> None:
    """Remove the demo groups and the officers made up for them."""
    Group.objects.filter(name__in=[g[0] for g in GROUPS]).delete()
    User.objects.filter(email__endswith=DEMO_OFFICER_DOMAIN).delete()


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def build_groups(*, officer: User) -> None:
    """`officer` is the involvement officer who decides and sets groups up."""
    if Group.objects.filter(name=GROUPS[0][0]).exists():
        return
    today = london_today()
    for name, kind, street_name, state in GROUPS:
        street = Street.objects.get(name=street_name)
        group = Group.objects.create(
            name=name,
            kind=kind,
            description="Working for a cleaner, safer, friendlier "
            f"{street_name} since {today.year - 6}.",
            contact_email=f"{street_name.lower().replace(' ', '.')}@groups.example",
        )
        group.streets.add(street)
        homes = list(Property.objects.filter(street=street).order_by("uprn"))
        BUILDERS[state](group, homes, officer, today)


def _paper(group, homes, actor, *, count, signed_on, status, description):
    """A scanned sheet and its typed rows (bulk: the demo has hundreds)."""
    sheet = paper_sheet_upload(
        group=group,
        actor=actor,
        upload=pdf("sign-up-sheet.pdf"),
        content_type="application/pdf",
        description=description,
    )
    Signature.objects.bulk_create(
        Signature(
            group=group,
            home=home,
            source=Signature.Source.PAPER,
            name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} "
            f"{LAST_NAMES[i % len(LAST_NAMES)]}",
            signed_on=signed_on,
            sheet=sheet,
            status=status,
            entered_by=actor,
            decided_at=timezone.now() if status != "pending" else None,
        )
        for i, home in enumerate(homes[:count])
    )
    return sheet


def _officers(group, officer, people):
    for email, role in people:
        officer_add(
            group=group,
            actor=officer,
            user=User.objects.get(email=email),
            role=role,
            elected_on=london_today() - relativedelta(months=4),
        )


def _records(group, actor, today, *, meetings=4, newsletters=4, agm_months_ago=4):
    """A constitution, accounts, bank statement, insurance and a year of activity."""
    for kind, dated, extra in [
        (
            Document.Kind.CONSTITUTION,
            today - relativedelta(years=3),
            {
                "version": "2",
                "has_equal_opportunities": True,
                "has_code_of_conduct": True,
                "has_open_membership": True,
            },
        ),
        (
            Document.Kind.ACCOUNTS,
            today - relativedelta(months=agm_months_ago),
            {"independent_checker": "Pat Oduya, Riverside Credit Union"},
        ),
        (Document.Kind.BANK_STATEMENT, today - relativedelta(weeks=3), {}),
        (
            Document.Kind.INSURANCE,
            today - relativedelta(months=5),
            {"valid_until": today + relativedelta(months=7)},
        ),
    ]:
        document_upload(
            group=group,
            actor=actor,
            upload=pdf(f"{kind}.pdf"),
            content_type="application/pdf",
            kind=kind,
            dated=dated,
            **extra,
        )
    activity_record(
        group=group,
        actor=actor,
        minutes_upload=pdf("agm-minutes.pdf"),
        minutes_type="application/pdf",
        kind=Activity.Kind.AGM,
        date=today - relativedelta(months=agm_months_ago),
        venue="Community room",
        attendance=38,
    )
    for n in range(1, meetings):
        activity_record(
            group=group,
            actor=actor,
            kind=Activity.Kind.PUBLIC_MEETING,
            date=today - relativedelta(months=agm_months_ago + 2 * n),
            venue="Community room",
            attendance=20 + n,
        )
    for n in range(newsletters):
        activity_record(
            group=group,
            actor=actor,
            kind=Activity.Kind.NEWSLETTER,
            date=today - relativedelta(months=1 + 3 * n),
            issue=f"Issue {12 - n}",
            copies=240,
        )
    activity_record(
        group=group,
        actor=actor,
        kind=Activity.Kind.PUBLIC_MEETING,
        date=today + datetime.timedelta(days=17),
        venue="Community room, Anchor House",
    )


def _build_recognised(group, homes, officer, today):
    """The demo chair's TRA: recognised through the real apply-and-decide path."""
    _officers(
        group,
        officer,
        [
            ("chair@example.org", Officer.Role.CHAIR),
            ("secretary@example.org", Officer.Role.SECRETARY),
            ("treasurer@example.org", Officer.Role.TREASURER),
        ],
    )
    chair = User.objects.get(email="chair@example.org")
    Officer.objects.filter(group=group, user=chair).update(may_be_named=True)
    _records(group, chair, today)
    for email in ("chair@example.org", "neighbour@example.org"):
        signature_support(group=group, user=User.objects.get(email=email))
    taken = set(Signature.objects.filter(group=group).values_list("home_id", flat=True))
    free = [home for home in homes if home.pk not in taken]
    _paper(
        group,
        free,
        chair,
        count=62,
        signed_on=today - relativedelta(months=5),
        status=Signature.Status.ACCEPTED,
        description="Door knocking, spring",
    )
    _paper(
        group,
        free[62:],
        chair,
        count=4,
        signed_on=today - relativedelta(weeks=2),
        status=Signature.Status.PENDING,
        description="Summer fun day stall",
    )
    # Its first recognition, over two years ago, ran out three months ago
    # before the renewal below was decided (a renewal missed).
    _history(
        group,
        officer,
        today,
        until=today - relativedelta(months=3),
        decided_ago=relativedelta(months=27),
    )
    application = recognition_apply(group=group, actor=chair)
    recognition_decide(
        application=application,
        officer=officer,
        approve=True,
        reason="Constitution, AGM, accounts and sign-up evidence all in order.",
    )


def _history(
    group, officer, today, *, until, status="approved", reason="", decided_ago=None
):
    """A past application, as it was recorded (the story behind a status),
    decided `decided_ago` (a relativedelta) before now."""
    decided = timezone.now() - (decided_ago or relativedelta())
    RecognitionApplication.objects.create(
        group=group,
        applied_at=decided - relativedelta(months=1),
        checklist=[c.as_json() for c in recognition_checklist(group)],
        status=status,
        decided_by=officer if status != "pending" else None,
        decided_at=decided if status != "pending" else None,
        decision_reason=reason,
        recognised_until=until,
    )


def _simple_group(group, homes, officer, today, *, role, signatures, agm=True):
    person = User.objects.create_user(
        email=f"officer.{group.pk}{DEMO_OFFICER_DOMAIN}",
        first_name=FIRST_NAMES[group.pk % len(FIRST_NAMES)],
        last_name=LAST_NAMES[group.pk % len(LAST_NAMES)],
    )
    person.set_unusable_password()
    person.save()
    _officers(group, officer, [(person.email, role)])
    if agm:
        _records(group, person, today, meetings=2, newsletters=2, agm_months_ago=6)
    _paper(
        group,
        homes,
        person,
        count=signatures,
        signed_on=today - relativedelta(months=8),
        status=Signature.Status.ACCEPTED,
        description="Sign-up sheet",
    )


def _build_recognised_rep(group, homes, officer, today):
    _simple_group(
        group,
        homes,
        officer,
        today,
        role=Officer.Role.REPRESENTATIVE,
        signatures=16,
        agm=False,
    )
    # First recognised over two years ago, renewed a month before it ran out.
    _history(
        group,
        officer,
        today,
        until=today - relativedelta(months=1),
        decided_ago=relativedelta(months=25),
    )
    _history(
        group,
        officer,
        today,
        until=today + relativedelta(months=10),
        decided_ago=relativedelta(months=2),
    )


def _build_renewal_due(group, homes, officer, today):
    _simple_group(group, homes, officer, today, role=Officer.Role.CHAIR, signatures=24)
    _history(
        group,
        officer,
        today,
        until=today + datetime.timedelta(days=45),
        decided_ago=relativedelta(months=23, days=-45),
    )


def _build_applied(group, homes, officer, today):
    _simple_group(group, homes, officer, today, role=Officer.Role.CHAIR, signatures=60)
    _history(group, officer, today, until=None, status="pending")


def _build_lapsed(group, homes, officer, today):
    _simple_group(group, homes, officer, today, role=Officer.Role.CHAIR, signatures=30)
    # Recognised two years ago; not renewed in time.
    _history(
        group,
        officer,
        today,
        until=today - datetime.timedelta(days=30),
        decided_ago=relativedelta(months=24, days=30),
    )


def _build_forming(group, homes, officer, today):
    """Below the threshold: 12 of the 60 households needed so far."""
    _simple_group(
        group, homes, officer, today, role=Officer.Role.CHAIR, signatures=12, agm=False
    )


BUILDERS = {
    "recognised": _build_recognised,
    "recognised_rep": _build_recognised_rep,
    "renewal_due": _build_renewal_due,
    "applied": _build_applied,
    "lapsed": _build_lapsed,
    "forming": _build_forming,
}
