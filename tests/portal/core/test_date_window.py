"""Every date and date-time column of the project's own models stays within the
sane window, 1 January 1900 to 31 December 2100, by any path: the database itself
refuses a bulk `update()` outside it (PostgreSQL and SQLite alike).

The walk over the models is what keeps a new date field from forgetting its
rule: declare `date_window(...)` in the model's `Meta.constraints`."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

from portal.core.constraints import DATE_WINDOW_MESSAGE, date_window

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("portal", "cms", "home", "search")

UTC = datetime.UTC
DAY_BEFORE = datetime.date(1899, 12, 31)
DAY_AFTER = datetime.date(2101, 1, 1)
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
INSTANT_BEFORE = datetime.datetime(1899, 12, 31, 23, 59, 59, tzinfo=UTC)
INSTANT_AFTER = datetime.datetime(2101, 1, 1, tzinfo=UTC)
FIRST_INSTANT = datetime.datetime(1900, 1, 1, tzinfo=UTC)
LAST_INSTANT = datetime.datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC)


def _project_date_fields():
    """(model, field) for every date or date-time column the project declares."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        config = apps.get_containing_app_config(model.__module__)
        if config is None or config.name.split(".")[0] not in PROJECT_APPS:
            continue
        if model._meta.proxy:
            continue
        # Fields a page inherits from Wagtail's own Page live in Wagtail's table.
        for field in model._meta.local_concrete_fields:
            if isinstance(field, models.DateField):
                found.append((model, field))
    return found


def _is_time(field) -> bool:
    return isinstance(field, models.DateTimeField)


def _window_of(model, field):
    """The model's window rule for the field, or None."""
    wanted = date_window(field.name, time=_is_time(field)).condition
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.CheckConstraint) and (
            constraint.condition == wanted
        ):
            return constraint
    return None


def test_every_date_column_of_the_projects_models_keeps_within_the_window():
    fields = _project_date_fields()
    assert len(fields) >= 130, "the walk found too few date fields to be real"
    missing, long_names, message, not_in_database = [], [], [], []
    with connection.cursor() as cursor:
        for model, field in fields:
            rule = _window_of(model, field)
            where = f"{model._meta.label}.{field.name}"
            if rule is None:
                missing.append(where)
                continue
            if len(rule.name) >= 63:
                long_names.append(rule.name)
            if str(rule.violation_error_message) != str(DATE_WINDOW_MESSAGE):
                message.append(where)
            table = connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
            if rule.name not in table:
                not_in_database.append(where)
    assert not missing, (
        "these date fields have no date_window(...) in their model's "
        f"Meta.constraints: {missing}"
    )
    assert not long_names, f"constraint names of 63 characters or more: {long_names}"
    assert not message, f"rules without the window's message: {message}"
    assert not not_in_database, (
        f"rules not migrated into the database: {not_in_database}"
    )


def test_the_window_rule_speaks_plain_british_english():
    assert str(DATE_WINDOW_MESSAGE) == "Enter a date between 1900 and 2100."


def _out_of_window(field):
    return (
        (INSTANT_BEFORE, INSTANT_AFTER) if _is_time(field) else (DAY_BEFORE, DAY_AFTER)
    )


def _refusal(model, pk, values) -> str | None:
    """The database's refusal of `update(**values)`, or None if it stored them."""
    try:
        with transaction.atomic():
            model._base_manager.filter(pk=pk).update(**values)
    except IntegrityError as refused:
        return str(refused)
    return None


def _moved_together(model, field, value) -> dict:
    """`value` for `field`, and the model's other columns of the same kind a day
    (or a second) apart from it in declaration order, so that rules keeping a
    start before its end hold and only the window can refuse."""
    same = [
        f for m, f in _project_date_fields() if m is model and type(f) is type(field)
    ]
    step = datetime.timedelta(seconds=1) if _is_time(field) else datetime.timedelta(1)
    at = same.index(field)
    return {f.name: value + (i - at) * step for i, f in enumerate(same)}


def test_the_database_refuses_every_date_column_outside_the_window():
    """Each column with a stored row in the demo: a day before 1900 and a day after
    2100 are refused by that column's own window rule (its name is in the error),
    not by some other rule that happens to catch the value. Where another rule
    (a start before its end) refuses first, the model's columns of that kind are
    moved beyond the window together, and a window rule must be what refuses."""
    checked, stored, left_out = 0, [], []
    for model, field in _project_date_fields():
        row = model._base_manager.order_by("pk").first()
        if row is None:
            left_out.append(f"{model._meta.label}.{field.name}")
            continue
        rule = _window_of(model, field)
        assert rule is not None, f"{model._meta.label}.{field.name} has no window"
        windows = [
            _window_of(model, other).name
            for m, other in _project_date_fields()
            if m is model
        ]
        for value in _out_of_window(field):
            refused = _refusal(model, row.pk, {field.name: value})
            if refused is not None and rule.name not in refused:
                refused = _refusal(model, row.pk, _moved_together(model, field, value))
                if refused is not None and not any(n in refused for n in windows):
                    stored.append(f"{rule.name}: refused by another rule: {refused}")
            if refused is None:
                stored.append(f"{model._meta.label}.{field.name}={value}")
        checked += 1
    assert not stored, f"stored outside the window: {stored}"
    # The demo fills most tables; the walk above checks the rest are declared.
    assert checked >= 100, f"only {checked} columns had a row; none for {left_out}"


# One date column or more from each app whose models have dates, written at the
# edges of the window with `update()` (pairs that must stay in order move together).
SAMPLE = [
    ("cms_core.FormatRequest", {"due_on": "day", "sent_at": "instant"}),
    ("meetings.MeetingPage", {"start": "instant", "end": "instant"}),
    ("consultations.ConsultationPage", {"changes_by": "day"}),
    ("involvement.Interest", {"created_at": "instant"}),
    ("magazines.MagazineIssuePage", {"publication_date": "day"}),
    (
        "accountability.PerformanceReportPage",
        {"period_first": "day", "period_last": "day"},
    ),
    ("accounts.User", {"date_joined": "instant", "last_login": "instant"}),
    ("portal_core.AuditEntry", {"created_at": "instant"}),
    ("housing.Property", {"updated_at": "instant"}),
    ("groups.Activity", {"date": "day"}),
    ("evidence.Signature", {"signed_on": "day"}),
    ("participation.Rsvp", {"created_at": "instant"}),
    ("payments.BankDetails", {"submitted_at": "instant"}),
    ("grants.GrantApplication", {"report_due_on": "day"}),
    ("expenses.ExpenseClaim", {"activity_date": "day"}),
    ("scheduler.JobRun", {"due_at": "instant"}),
    ("actions.ActionUpdate", {"written_on": "day"}),
    ("inspections.Inspection", {"held_on": "day"}),
    ("scrutiny.ScrutinyReview", {"started_on": "day"}),
    ("reach.ParticipationSnapshot", {"took_part_on": "day"}),
    ("broadcasts.Broadcast", {"created_at": "instant"}),
    ("training.SignUp", {"created_at": "instant"}),
    ("volunteering.LoggedHours", {"done_on": "day"}),
]
EDGES = {"day": (FIRST_DAY, LAST_DAY), "instant": (FIRST_INSTANT, LAST_INSTANT)}
BEYOND = {"day": (DAY_BEFORE, DAY_AFTER), "instant": (INSTANT_BEFORE, INSTANT_AFTER)}


def _a_format_request(model):
    return model.objects.create(
        page_title="Minutes",
        page_url="/",
        format=model.Format.values[0],
        name="A resident",
        delivery=model.Delivery.values[0],
        due_on=datetime.date(2026, 6, 1),
    )


def _an_interest(model):
    from cms.involvement.models import OpportunityPage
    from portal.accounts.models import User

    return model.objects.create(
        opportunity=OpportunityPage.objects.order_by("pk").first(),
        user=User.objects.get(email="resident@example.org"),
    )


# Tables the demo leaves empty get one row for the test.
MAKE = {
    "cms_core.FormatRequest": _a_format_request,
    "involvement.Interest": _an_interest,
    "scheduler.JobRun": lambda model: model.objects.create(
        job="test", due_at=datetime.datetime(2026, 6, 1, 12, tzinfo=UTC)
    ),
}


def _sample_row(label):
    model = apps.get_model(label)
    row = model._base_manager.order_by("pk").first()
    if row is None and label in MAKE:
        row = MAKE[label](model)
    assert row is not None, f"the demo has no {label} to write over"
    return row


def test_the_sample_covers_every_app_with_dates():
    with_dates = {model._meta.app_label for model, _ in _project_date_fields()}
    sampled = {label.split(".")[0] for label, _ in SAMPLE}
    assert with_dates <= sampled, f"no sample from {sorted(with_dates - sampled)}"


@pytest.mark.parametrize(("label", "kinds"), SAMPLE, ids=[s[0] for s in SAMPLE])
@pytest.mark.parametrize("side", [0, 1], ids=["before 1900", "after 2100"])
def test_a_date_beyond_the_window_is_refused(label, kinds, side):
    row = _sample_row(label)
    for name, kind in kinds.items():
        with pytest.raises(IntegrityError), transaction.atomic():
            type(row)._base_manager.filter(pk=row.pk).update(
                **{name: BEYOND[kind][side]}
            )


@pytest.mark.parametrize(("label", "kinds"), SAMPLE, ids=[s[0] for s in SAMPLE])
@pytest.mark.parametrize("side", [0, 1], ids=["1 January 1900", "31 December 2100"])
def test_the_first_and_last_days_of_the_window_are_stored(label, kinds, side):
    row = _sample_row(label)
    values = {name: EDGES[kind][side] for name, kind in kinds.items()}
    assert type(row)._base_manager.filter(pk=row.pk).update(**values) == 1
    stored = type(row)._base_manager.values(*values).get(pk=row.pk)
    assert stored == values


def test_model_validation_says_the_window_in_words():
    """What a model form runs: the rule's message, not a database error."""
    row = _sample_row("groups.Activity")
    row.date = DAY_AFTER
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "Enter a date between 1900 and 2100." in str(refused.value)
