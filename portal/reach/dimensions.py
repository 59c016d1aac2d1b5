"""The dimensions the "who takes part" check compares, with their categories.

The equality ones reuse the harmonised answers residents give on the "About you"
page (`portal/accounts/equality.py`), so the landlord's resident profile, the
snapshots and the report all speak the same codes. Tenure comes from the
property register, language from the person's contact preferences: both are the
landlord's own records rather than equality answers, so they need no consent.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.accounts import equality
from portal.housing.models import Tenure

PREFER_NOT = equality.PREFER_NOT[0]
# A count in the landlord's profile for residents whose answer it does not know.
UNKNOWN = "unknown"
NOT_KNOWN = (PREFER_NOT, UNKNOWN, "")


def _flat(choices) -> list[tuple[str, str]]:
    flat = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((value, label))
    return flat


@dataclass(frozen=True)
class Dimension:
    name: str
    label: str
    choices: tuple[tuple[str, str], ...]
    # Equality answers are used only where the person agreed.
    needs_consent: bool = True

    @property
    def known(self) -> list[tuple[str, str]]:
        """Categories that are an answer (not "prefer not to say")."""
        return [(v, label) for v, label in self.choices if v not in NOT_KNOWN]

    @property
    def codes(self) -> set[str]:
        return {v for v, _label in self.choices} | {UNKNOWN}

    def label_for(self, code: str) -> str:
        if code == PREFER_NOT:
            return str(equality.PREFER_NOT[1])
        if code in (UNKNOWN, ""):
            return str(_("No answer"))
        return str(dict(self.choices).get(code, code))


def _languages():
    names = getattr(settings, "LANGUAGE_NAMES_IN_ENGLISH", {})
    return (
        *((code, names.get(code, name)) for code, name in settings.LANGUAGES),
        ("other", _("Another language")),
    )


def dimensions() -> dict[str, Dimension]:
    """Every dimension, in the order the report shows them."""
    return {
        d.name: d
        for d in (
            Dimension("age_band", _("Age"), tuple(_flat(equality.AGE_BANDS))),
            Dimension("ethnicity", _("Ethnic group"), tuple(_flat(equality.ETHNICITY))),
            Dimension(
                "disability",
                _("Long-term health condition or disability"),
                tuple(equality.YES_NO),
            ),
            Dimension("sex", _("Sex"), tuple(equality.SEX)),
            Dimension("tenure", _("Tenure"), tuple(Tenure.choices), False),
            Dimension("language", _("Language"), _languages(), False),
        )
    }


DIMENSION_NAMES = ["age_band", "ethnicity", "disability", "sex", "tenure", "language"]
CONSENTED = ["age_band", "ethnicity", "disability", "sex"]
