"""People taking part: distinct residents across every registered participation
source (meetings attended, feedback, consultation responses...), and how many
took part for the first time in the period. Two queries per source."""

from django.utils.translation import gettext_lazy as _

from .registry import (
    CHANNELS,
    COUNT,
    ONLINE,
    PEOPLE,
    PERCENT,
    Bar,
    Figure,
    participation_sources,
    ratio_figure,
    register_measure,
)
from .scopes import NotRecorded


def _records(source, period, scope, *, before=False):
    """The source's records of named people in the place, in (or before) the
    period; `None` when the source cannot say where people lived."""
    try:
        place = scope.q(
            area=f"{source.estate}__area" if source.estate else None,
            estate=source.estate,
        )
    except NotRecorded:
        return None
    rows = source.queryset().filter(place, **{f"{source.person}__isnull": False})
    if before:
        return rows.filter(**{f"{source.moment}__lt": period.start_at})
    return rows.filter(
        **{
            f"{source.moment}__gte": period.start_at,
            f"{source.moment}__lt": period.end_at,
        }
    )


def _people(period, scope, *, before=False):
    """{source key: set of person ids} for records in (or before) the period."""
    found = {}
    for source in participation_sources():
        rows = _records(source, period, scope, before=before)
        if rows is not None:
            found[source.key] = set(
                rows.values_list(source.person, flat=True).distinct().order_by()
            )
    return found


@register_measure(
    key="people_taking_part",
    section=PEOPLE,
    label=_("Residents taking part"),
    definition=_(
        "Different residents who took part in the period in any way the system "
        "records (attending a meeting, giving feedback, answering a "
        "consultation), each counted once. In an area or estate, residents whose "
        "checked home is there. Bars: residents by way of taking part."
    ),
    unit=COUNT,
    order=10,
)
def people_taking_part(period, scope):
    found = _people(period, scope)
    labels = {s.key: s.label for s in participation_sources()}
    everyone = set().union(*found.values()) if found else set()
    return Figure(
        value=len(everyone),
        bars=[Bar(str(labels[key]), len(ids)) for key, ids in found.items()],
    )


@register_measure(
    key="people_new",
    section=PEOPLE,
    label=_("Residents taking part for the first time"),
    definition=_(
        "Of the residents taking part in the period, how many had not taken part "
        "in any recorded way before it began."
    ),
    unit=COUNT,
    order=20,
)
def people_new(period, scope):
    now = set().union(*_people(period, scope).values())
    before = set().union(set(), *_people(period, scope, before=True).values())
    return Figure(value=len(now - before), count=len(now - before), of=len(now))


@register_measure(
    key="people_by_channel",
    section=PEOPLE,
    label=_("Residents taking part other than online"),
    definition=_(
        "Of the residents taking part in the period, how many took part at least "
        "once in person, on paper or by phone: involvement that does not depend "
        "on being online. Bars: residents by channel (a resident who used two "
        "channels is in both bars)."
    ),
    unit=PERCENT,
    bar_unit=COUNT,
    order=30,
)
def people_by_channel(period, scope):
    by_channel = {code: set() for code in CHANNELS}
    for source in participation_sources():
        rows = _records(source, period, scope)
        if rows is None:
            continue
        if source.channel:
            pairs = rows.values_list(source.person, source.channel).distinct()
            for person, channel in pairs.order_by():
                by_channel.setdefault(channel, set()).add(person)
        else:
            people = rows.values_list(source.person, flat=True).distinct()
            by_channel[source.fixed_channel or ONLINE].update(people.order_by())
    everyone = set().union(*by_channel.values())
    offline = set().union(*(ids for code, ids in by_channel.items() if code != ONLINE))
    return ratio_figure(
        len(offline),
        len(everyone),
        bars=[Bar(str(name), len(by_channel[code])) for code, name in CHANNELS.items()],
    )
