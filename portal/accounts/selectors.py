"""Reads about residents that staff reports need."""

from django.db.models import Count

from . import equality
from .models import EqualityMonitoring

REPORTED_QUESTIONS = [
    "age_band",
    "ethnicity",
    "disability",
    "sex",
    "gender_same_as_birth",
    "sexual_orientation",
    "religion",
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
    Article 20). A handful of queries, whatever the size of their history."""
    from allauth.account.models import EmailAddress

    from portal.core.models import AuditEntry, Notification, PrivateFile

    from .models import AccessNeeds, ContactPreferences, ResidentProfile

    def row(instance, exclude=("id", "user")):
        if instance is None:
            return None
        return {
            field.name: _plain(getattr(instance, field.attname))
            for field in instance._meta.concrete_fields
            if field.name not in exclude
        }

    profile = ResidentProfile.objects.filter(user=user).select_related("home").first()
    prefs = ContactPreferences.objects.filter(user=user).first()
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
        "home": row(profile) and {**row(profile), "address": str(profile.home)},
        "contact_preferences": row(prefs)
        and {**row(prefs), "topics": [t.name for t in prefs.topics.all()]},
        "access_needs": row(AccessNeeds.objects.filter(user=user).first()),
        "equality_monitoring": row(
            EqualityMonitoring.objects.filter(user=user).first()
        ),
        "files_you_uploaded": [
            {**f, "uploaded_at": _plain(f["uploaded_at"])}
            for f in PrivateFile.objects.filter(uploaded_by=user).values(
                "original_name", "content_type", "size", "uploaded_at"
            )
        ],
        "messages_sent_to_you": [
            {
                **n,
                "created_at": _plain(n["created_at"]),
                "sent_at": _plain(n["sent_at"]),
            }
            for n in Notification.objects.filter(recipient=user).values(
                "created_at", "channel", "subject", "body", "status", "sent_at"
            )
        ],
        "your_actions_in_our_records": [
            {**a, "created_at": _plain(a["created_at"])}
            for a in AuditEntry.objects.filter(actor=user).values(
                "created_at",
                "action",
                "object_repr",
                "from_state",
                "to_state",
                "reason",
            )
        ],
    }


def _plain(value):
    """Dates as ISO 8601 text, so the export is plain JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value
