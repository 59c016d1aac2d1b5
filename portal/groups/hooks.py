"""What other apps plug into groups. Groups imports none of them: sign-up
evidence (`portal.evidence`, which builds on groups) registers here, in its
`AppConfig.ready`, the summary that recognition needs and its pages under a
group's URLs (`groups:evidence`, `groups:sheet`, `groups:support`)."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_evidence_summary: Callable | None = None
_urls: list = []


def register_evidence_summary(summary: Callable) -> Callable:
    """`summary(group, *, on=None, rules=None)`: the group's sign-up evidence
    (signed households, share of the area, when it expires)."""
    global _evidence_summary
    _evidence_summary = summary
    return summary


def evidence_summary(group, *, on=None, rules=None):
    if _evidence_summary is None:
        raise ImproperlyConfigured(
            "Recognition needs sign-up evidence: add portal.evidence to INSTALLED_APPS."
        )
    return _evidence_summary(group, on=on, rules=rules)


def register_urls(*patterns) -> None:
    """URL patterns served under /portal/groups/, in the `groups` namespace."""
    _urls.extend(patterns)


def registered_urls() -> list:
    return list(_urls)
