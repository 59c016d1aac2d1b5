"""People taking part: distinct residents across every registered participation
source (meetings attended, feedback, consultation responses...), and how many
took part for the first time in the period. Two queries per source."""

from django.utils.translation import gettext
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
    register_records,
    yes_no,
)
from .scopes import NotRecorded

# Records name residents by account number only: the pack may leave the landlord.


def _ways(found) -> dict[int, list[str]]:
    """{person id: the ways they took part} from `_people`'s answer."""
    labels = {s.key: str(s.label) for s in participation_sources()}
    ways: dict[int, list[str]] = {}
    for key, ids in found.items():
        for person in ids:
            ways.setdefault(person, []).append(labels[key])
    return ways


def _people_records(ways, people):
    yield [gettext("Resident (account number)"), gettext("Took part by")]
    for person in sorted(people):
        yield [person, "; ".join(ways[person])]


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


@register_records("people_taking_part")
def people_taking_part_records(period, scope):
    ways = _ways(_people(period, scope))
    return _people_records(ways, ways)


def _new(period, scope):
    """The ways each resident took part, and those taking part for the first
    time."""
    ways = _ways(_people(period, scope))
    before = set().union(set(), *_people(period, scope, before=True).values())
    return ways, set(ways) - before


@register_records("people_new")
def people_new_records(period, scope):
    ways, new = _new(period, scope)
    return _people_records(ways, new)


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
    ways, new = _new(period, scope)
    return Figure(value=len(new), count=len(new), of=len(ways))


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
    by_channel = _by_channel(period, scope)
    everyone = set().union(*by_channel.values())
    offline = set().union(*(ids for code, ids in by_channel.items() if code != ONLINE))
    return ratio_figure(
        len(offline),
        len(everyone),
        bars=[Bar(str(name), len(by_channel[code])) for code, name in CHANNELS.items()],
    )


@register_records("people_by_channel")
def people_by_channel_records(period, scope):
    by_channel = _by_channel(period, scope)
    yield [
        gettext("Resident (account number)"),
        gettext("Channels"),
        gettext("Other than online"),
    ]
    channels: dict[int, list[str]] = {}
    for code, ids in by_channel.items():
        for person in ids:
            channels.setdefault(person, []).append(code)
    for person in sorted(channels):
        codes = channels[person]
        yield [
            person,
            "; ".join(str(CHANNELS.get(code, code)) for code in codes),
            yes_no(any(code != ONLINE for code in codes)),
        ]


def _by_channel(period, scope) -> dict[str, set]:
    """{channel code: the residents who took part that way in the period}."""
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
    return by_channel
