"""Reads about residents that staff reports need."""

from django.db.models import Count

from . import equality
from .models import Advocacy, EqualityMonitoring

REPORTED_QUESTIONS = [
    "age_band",
    "ethnicity",
    "disability",
    "sex",
    "gender_same_as_birth",
    "sexual_orientation",
    "religion",
]


def helped_by(advocate, resident_id: int):
    """The resident `advocate` may act for (the resident named them and they
    accepted), or None for anyone else."""
    advocacy = (
        Advocacy.objects.filter(
            advocate=advocate, resident_id=resident_id, accepted_at__isnull=False
        )
        .select_related("resident")
        .first()
    )
    return advocacy.resident if advocacy else None


def people_helped_by(advocate) -> list:
    """The residents `advocate` acts for, by name."""
    return [
        advocacy.resident
        for advocacy in Advocacy.objects.filter(
            advocate=advocate, accepted_at__isnull=False
        )
        .select_related("resident")
        .order_by("resident__first_name", "resident__last_name", "resident__email")
    ]


def equality_totals() -> list[dict]:
    """Totals per answer for each question, one query per question.

    Counts below SMALL_NUMBER are withheld (None) so nobody can be picked out;
    unanswered questions are counted as "Not answered".
    """
    report = []
    for name in REPORTED_QUESTIONS:
        field = EqualityMonitoring._meta.get_field(name)
        counts = dict(
            EqualityMonitoring.objects.values_list(name)
            .annotate(n=Count("pk"))
            .order_by()
        )
        rows = [
            {"label": label, "count": _suppress(counts.get(value, 0))}
            for value, label in field.flatchoices
            if value
        ]
        rows.append({"label": "", "count": _suppress(counts.get("", 0))})
        report.append({"question": field.verbose_name, "rows": rows})
    return report


def _suppress(count: int) -> int | None:
    return None if 0 < count < equality.SMALL_NUMBER else count


def personal_data_export(user) -> dict:
    """Everything we hold about a person, in a machine-readable shape (UK GDPR
    Article 20): the account itself, then every record the personal-data register
    (`portal.core.personal_data`) lists, each saying what closing the account
    does to it. One query per kind of record, whatever the size of the history."""
    from allauth.account.models import EmailAddress

    from portal.core.involvement import export_for as involvement_export
    from portal.core.personal_data import export_for

    from .models import ResidentProfile

    records = export_for(user)
    profile = ResidentProfile.objects.filter(user=user).select_related("home").first()
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _plain(user.date_joined),
            "last_login": _plain(user.last_login),
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values(
                "email", "verified", "primary"
            )
        ),
        "home": _first(records, "accounts.residentprofile:user")
        and {
            **_first(records, "accounts.residentprofile:user"),
            "address": str(profile.home),
        },
        "contact_preferences": _first(records, "accounts.contactpreferences:user"),
        "access_needs": _first(records, "accounts.accessneeds:user"),
        "equality_monitoring": _first(records, "accounts.equalitymonitoring:user"),
        "your_actions_in_our_records": records.get(
            "portal_core.auditentry:actor", {}
        ).get("records", []),
        "your_involvement": involvement_export(user),
        "records": records,
    }


def _first(records: dict, key: str) -> dict | None:
    rows = records.get(key, {}).get("records", [])
    return rows[0] if rows else None


def _plain(value):
    """Dates as ISO 8601 text, so the export is plain JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def profile_for_request(request):
    """The signed-in person's resident profile (with their home), read once per
    request however many dashboard cards ask for it."""
    from portal.core.dashboard import request_cache

    from .models import ResidentProfile

    return request_cache(
        request,
        "resident_profile",
        lambda: (
            ResidentProfile.objects.filter(user=request.user)
            .select_related("home__estate")
            .first()
        ),
    )
