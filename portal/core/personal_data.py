"""The register of personal data: what each app holds about a person and what
closing their account does to it.

Each app declares its records in its `AppConfig.ready()` with `register()`. The
personal-data download (`export_for`) and account closure (`close_for`) both
read this one register, so what we show a person and what we erase cannot drift
apart. A system check (`involve.E001`) refuses to start while any project model
has a link to a user account that no entry accounts for, so a new app must say
what closing an account does to its records.

What closing does to each record:
- DELETE: the rows go.
- ANONYMISE: the rows stay (a group's or the landlord's record) but the link to
  the person and every personal field is blanked.
- KEEP: the rows stay as they are for a stated legal reason; with a retention
  period, `manage.py purge_personal_data` (daily) then blanks them like
  ANONYMISE once the period has passed since `retain_from`.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.db import models
from django.utils import timezone

# Text left where a closed account's details were.
FORMER_RESIDENT = "a former resident"


class OnClose(enum.StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    KEEP = "keep"


@dataclass(frozen=True)
class Holding:
    """One kind of record about a person.

    `person` names the link to the person these rows are about. `blank` gives the
    value each personal field gets when the rows are anonymised (ANONYMISE now, or
    KEEP once the retention period has passed). `other_people` names further links
    to accounts on the same model that are not about this person (the officer who
    decided): closing *their* account keeps the id, which then renders as "a former
    resident". `close` replaces the standard action where a record needs more
    (files on storage). `scrub` lists free-text fields that may spell out other
    people's details (audit text, messages): on closure the closed person's name,
    email, phone and address are replaced there wherever they appear.
    """

    model: str
    person: str
    on_close: OnClose
    what: str
    reason: str = ""
    blank: dict = field(default_factory=dict)
    other_people: tuple[str, ...] = ()
    export: tuple[str, ...] | None = None
    retention_setting: str = ""
    retain_from: str = ""
    close: Callable | None = None
    scrub: tuple[str, ...] = ()
    # Lower runs first on closing (files last: they stay if a kept record uses them).
    order: int = 0

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def rows(self, user) -> models.QuerySet:
        return self.model_class._default_manager.filter(**{self.person: user})


_REGISTER: list[Holding] = []


def register(*holdings: Holding) -> None:
    for holding in holdings:
        if holding.on_close == OnClose.KEEP and not holding.reason:
            raise ValueError(f"{holding.model}: a kept record needs its legal reason")
        _REGISTER.append(holding)
    _REGISTER.sort(key=lambda h: h.order)


def holdings() -> list[Holding]:
    return list(_REGISTER)


def is_about_a_person(model: type[models.Model]) -> bool:
    """True for the account model and every model in the register."""
    label = model._meta.label_lower
    return model._meta.concrete_model is apps.get_model(
        settings.AUTH_USER_MODEL
    ) or any(h.model.lower() == label for h in _REGISTER)


def kept_with_reasons() -> list[Holding]:
    return [h for h in _REGISTER if h.on_close == OnClose.KEEP]


# ---------------------------------------------------------------- export


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "hex") and not isinstance(value, str | bytes | float):
        return str(value)
    if isinstance(value, int | float | bool | str | list | dict) or value is None:
        return value
    return str(value)


def _export_fields(holding: Holding) -> list[models.Field]:
    model = holding.model_class
    skip = {holding.person, *holding.other_people, "id"}
    # A generated column (a queue's sort key) is worked out from the others.
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name not in skip
        and not isinstance(f, models.FileField)
        and not f.generated
    ]
    if holding.export is not None:
        fields = [f for f in fields if f.name in holding.export]
    return fields


def export_for(user) -> dict[str, dict]:
    """Every registered record about `user`, one query per kind of record."""
    result = {}
    for holding in _REGISTER:
        fields = _export_fields(holding)
        related = [f.name for f in fields if f.is_relation and f.many_to_one]
        many = [
            f.name
            for f in holding.model_class._meta.many_to_many
            if f.related_model is not user.__class__
            and (holding.export is None or f.name in holding.export)
        ]
        rows = holding.rows(user).select_related(*related).prefetch_related(*many)
        items = [
            {
                **{f.name: _plain(getattr(row, f.name)) for f in fields},
                **{name: [str(o) for o in getattr(row, name).all()] for name in many},
            }
            for row in rows
        ]
        if not items:
            continue
        meta = holding.model_class._meta
        key = f"{meta.label_lower}:{holding.person}"
        result[key] = {
            "what": holding.what,
            "on_closing_your_account": str(holding.on_close),
            "why_kept": holding.reason,
            "records": items,
        }
    return result


# ---------------------------------------------------------------- closing


def identifiers_of(user) -> list[str]:
    """Text that identifies `user` (read before closing, to scrub free text)."""
    found = {user.email, user.get_full_name()}
    prefs = getattr(user, "contact_preferences", None)
    if prefs is not None:
        found.add(prefs.phone)
    profile = getattr(user, "resident_profile", None)
    if profile is not None and profile.home_id:
        found.add(str(profile.home))
        found.add(profile.tenancy_reference)
    for holding in _REGISTER:
        for extra in getattr(holding.model_class, "personal_identifiers", lambda: ())():
            found.update(extra(user))
    return sorted((s.strip() for s in found if s and len(s.strip()) >= 4), key=len)[
        ::-1
    ]


def _anonymise(holding: Holding, queryset: models.QuerySet, unlink=True) -> int:
    values = dict(holding.blank)
    person_field = holding.model_class._meta.get_field(holding.person)
    if unlink and person_field.null and holding.person not in values:
        values[holding.person] = None
    return queryset.update(**values)


def scrub_text(identifiers: list[str]) -> None:
    """Replace `identifiers` with FORMER_RESIDENT in every declared free-text field."""
    if not identifiers:
        return
    for holding in _REGISTER:
        if not holding.scrub:
            continue
        model = holding.model_class
        for name in holding.scrub:
            query = models.Q()
            for text in identifiers:
                query |= models.Q(**{f"{name}__icontains": text})
            for row in model._default_manager.filter(query).only("pk", name):
                value = getattr(row, name)
                new = _replace_all(value, identifiers)
                if new != value:
                    model._default_manager.filter(pk=row.pk).update(**{name: new})


def _replace_all(value, identifiers):
    import re

    if isinstance(value, str):
        for text in identifiers:
            value = re.sub(re.escape(text), FORMER_RESIDENT, value, flags=re.I)
        return value
    if isinstance(value, list):
        return [_replace_all(v, identifiers) for v in value]
    if isinstance(value, dict):
        return {k: _replace_all(v, identifiers) for k, v in value.items()}
    return value


def close_for(user) -> None:
    """Apply every registered closing action to `user`'s records (call inside the
    account-closing transaction, before the account row itself is blanked)."""
    identifiers = identifiers_of(user)
    for holding in _REGISTER:
        rows = holding.rows(user)
        if holding.close is not None:
            holding.close(user=user, holding=holding, rows=rows)
        elif holding.on_close == OnClose.DELETE:
            rows.delete()
        elif holding.on_close == OnClose.ANONYMISE:
            _anonymise(holding, rows)
    scrub_text(identifiers)


# ---------------------------------------------------------------- retention


def retention_cutoff(holding: Holding, now=None) -> datetime.datetime | None:
    if not holding.retention_setting:
        return None
    years = int(getattr(settings, holding.retention_setting))
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def purge_expired(now=None) -> dict[str, int]:
    """Blank kept records of closed accounts once their retention has passed."""
    done = {}
    for holding in kept_with_reasons():
        cutoff = retention_cutoff(holding, now)
        if cutoff is None:
            continue
        rows = holding.model_class._default_manager.filter(
            **{
                f"{holding.person}__is_active": False,
                f"{holding.person}__email__startswith": "closed-account-",
                f"{holding.retain_from}__lt": cutoff,
            }
        )
        # The record stays linked to the (blank) closed account: a payment is
        # still a payment to someone.
        done[holding.model] = _anonymise(holding, rows, unlink=False)
    return done


# ---------------------------------------------------------------- the check


def _project_models():
    root = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if str(config.path).startswith(root) and "site-packages" not in config.path:
            yield from config.get_models()


@checks.register()
def every_link_to_a_person_is_registered(app_configs=None, **kwargs):
    """A project model with a link to a user account must say what closing that
    account does to it (a Holding for it, naming the link)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    declared: dict[str, set[str]] = {}
    for holding in _REGISTER:
        names = declared.setdefault(holding.model.lower(), set())
        names.add(holding.person)
        names.update(holding.other_people)
    errors = []
    for model in _project_models():
        if model._meta.proxy or model is user_model:
            continue
        if any(issubclass(model, parent) for parent in _ignored_bases()):
            continue
        links = [
            f.name
            for f in [*model._meta.local_fields, *model._meta.local_many_to_many]
            if f.is_relation and f.related_model is user_model
        ]
        missing = set(links) - declared.get(model._meta.label_lower, set())
        if missing:
            errors.append(
                checks.Error(
                    f"{model._meta.label} links to user accounts through "
                    f"{', '.join(sorted(missing))} but the personal-data register "
                    "does not say what closing an account does to it.",
                    hint="Register a portal.core.personal_data.Holding for it in "
                    "the app's AppConfig.ready().",
                    obj=model,
                    id="involve.E001",
                )
            )
    return errors


def _ignored_bases():
    # Wagtail pages link to their editors (owner, locked_by), who are staff:
    # staff accounts are not closed by this route.
    from wagtail.models import Page

    return (Page,)
