"""Database check constraints for numbers and dates whose domain is known, so a
value outside it cannot be stored by any path (a form, a service, the shell or a
bulk `update()`), and the migration step that adds them.

Each helper lets an empty (NULL) value through: whether a field may be empty is
the column's business, not the range's. The forms and model validators say the
same limits in words beside the field; these are the backstop.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, migrations, models
from django.db.models.constants import LOOKUP_SEP
from django.utils.functional import lazy
from django.utils.translation import gettext

from .params import EARLIEST_DATE, LATEST_DATE, WINDOW_END, WINDOW_START

# The most one grant, award, claim or pre-approval may be: no community grant
# comes near a million pounds (the grant forms say so beside the field).
MOST_POUNDS = Decimal("999999.99")
# The most a scheme's budget for a year may be.
MOST_BUDGET = Decimal("99999999.99")


class FieldCheckConstraint(models.CheckConstraint):
    """A check on one field whose refusal a model form shows beside that field
    (and in the error summary), not at the top of the form as Django does for
    any check constraint. The field is the one the condition's first term names
    (`<field>__isnull`, as `within` and `date_window` write it), so nothing new
    is stored: migrations see the same constraint as before."""

    @property
    def field_name(self) -> str:
        lookup, _value = self.condition.children[0]
        return lookup.split(LOOKUP_SEP)[0]

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.field_name: error}) from error


def within(
    field: str, low=None, high=None, *, name: str, message
) -> models.CheckConstraint:
    """`field` between `low` and `high` (inclusive; either may be left open)."""
    bounds = {}
    if low is not None:
        bounds[f"{field}__gte"] = low
    if high is not None:
        bounds[f"{field}__lte"] = high
    return FieldCheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**bounds),
        name=name,
        violation_error_message=message,
    )


def not_before(
    later: str, earlier: str, *, name: str, message, strictly: bool = False
) -> models.CheckConstraint:
    """`later` on or after `earlier` (after it, if `strictly`)."""
    lookup = "gt" if strictly else "gte"
    return models.CheckConstraint(
        condition=models.Q(**{f"{earlier}__isnull": True})
        | models.Q(**{f"{later}__isnull": True})
        | models.Q(**{f"{later}__{lookup}": models.F(earlier)}),
        name=name,
        violation_error_message=message,
    )


def _date_window_message() -> str:
    return gettext("Enter a date between %(earliest)s and %(latest)s.") % {
        "earliest": EARLIEST_DATE.year,
        "latest": LATEST_DATE.year,
    }


# "Enter a date between 1900 and 2100.", in the language of whoever reads it
# (the same words as `validate_date_in_window`, already translated).
DATE_WINDOW_MESSAGE = lazy(_date_window_message, str)()


def date_window(field: str, *, time: bool = False, name: str | None = None):
    """`field` within the sane window, 1 January 1900 to 31 December 2100: every
    date and date-time column of the project's own models carries one of these
    (`tests/portal/core/test_date_window.py` walks the models to make sure).

    `time=True` for a `DateTimeField`: then the bounds are instants, from
    1900-01-01 00:00 UTC up to (not including) 2101-01-01 00:00 UTC. The name
    defaults to `<app>_<model>_<field>_window`, filled in by Django per model.
    """
    if time:
        bounds = {f"{field}__gte": WINDOW_START, f"{field}__lt": WINDOW_END}
    else:
        bounds = {f"{field}__gte": EARLIEST_DATE, f"{field}__lte": LATEST_DATE}
    return FieldCheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**bounds),
        name=name or f"%(app_label)s_%(class)s_{field}_window",
        violation_error_message=DATE_WINDOW_MESSAGE,
    )


def rows_breaking(model, constraint: models.CheckConstraint, using="default"):
    """The primary keys of stored rows the constraint would refuse."""
    return list(
        model._base_manager.using(using)
        .exclude(constraint.condition)
        .values_list("pk", flat=True)[:10]
    )


class AddConstraintAfterCheckingRows(migrations.AddConstraint):
    """`AddConstraint` that first looks for stored rows the constraint refuses and
    stops the migration naming the table, the rule and the rows, instead of the
    database's bare error (or, on SQLite, a failed table copy)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        alias = schema_editor.connection.alias
        if self.allow_migrate_model(alias, model):
            breaking = rows_breaking(model, self.constraint, using=alias)
            if breaking:
                raise ValueError(
                    f"{model._meta.db_table}: rows {breaking} break "
                    f"{self.constraint.name}; correct them, then migrate again."
                )
        super().database_forwards(app_label, schema_editor, from_state, to_state)
