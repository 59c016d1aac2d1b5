"""Reads: who may answer, the finder, results and response rates.

Results are counted in the database (GROUP BY over answers), so the number of
queries stays the same however many people respond."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.core.selectors import public_pages
from portal.accounts.eligibility import take_part
from portal.housing.models import Property, Tenure

from .models import CLOSING_SOON_DAYS, Answer, ConsultationPage, Response, Status

FREE_TEXT_SHOWN = 50


def eligibility(consultation: ConsultationPage, user) -> tuple[bool, str]:
    """Whether this person may answer online, and if not, why in plain words."""
    status = consultation.status()
    if status == Status.UPCOMING:
        return False, _("This consultation has not opened yet.")
    if status not in (Status.OPEN, Status.CLOSING_SOON):
        return False, _("This consultation has closed.")
    open_to_everyone = consultation.anonymous_allowed and not _targeted(consultation)
    # Open to everyone, even without an account: being signed in (with or
    # without a checked home) never takes that away.
    allowed, reason = take_part(user, needs_checked_home=not open_to_everyone)
    if not allowed or open_to_everyone:
        return allowed, reason
    if not audience_households(consultation).filter(residents__user=user).exists():
        return False, _(
            "This consultation is only for residents of %(audience)s. "
            "Your home is not included."
        ) % {"audience": audience_description(consultation)}
    return True, ""


def _targeted(consultation: ConsultationPage) -> bool:
    return bool(
        consultation.tenure_list
        or consultation.areas.all()
        or consultation.estates.all()
    )


def audience_description(consultation: ConsultationPage) -> str:
    places = [str(a) for a in consultation.areas.all()] + [
        str(e) for e in consultation.estates.all()
    ]
    parts = []
    if places:
        parts.append(", ".join(places))
    tenures = consultation.tenure_labels()
    if tenures:
        parts.append(", ".join(tenures).lower())
    return "; ".join(parts) or _("everyone")


def audience_households(consultation: ConsultationPage):
    """The eligible households (the denominator of the response rate)."""
    homes = Property.objects.all()
    area_ids = [a.pk for a in consultation.areas.all()]
    estate_ids = [e.pk for e in consultation.estates.all()]
    if area_ids or estate_ids:
        homes = homes.filter(Q(estate__area__in=area_ids) | Q(estate__in=estate_ids))
    if consultation.tenure_list:
        homes = homes.filter(tenure__in=consultation.tenure_list)
    return homes


def finder_sections(index, *, topic=None, area=None) -> dict[str, list]:
    """Live consultations under the finder, sorted into the finder's sections."""
    pages = (
        public_pages(ConsultationPage.objects.live())
        .descendant_of(index)
        .filter(locale=index.locale)
        .prefetch_related("topics")
        .order_by("closes_at")
    )
    if topic:
        pages = pages.filter(topics=topic)
    if area:
        pages = pages.filter(Q(areas=area) | Q(estates__area=area)).distinct()
    now = timezone.now()
    sections = {
        Status.OPEN: [],
        Status.CLOSING_SOON: [],
        Status.AWAITING_OUTCOME: [],
        Status.OUTCOME_PUBLISHED: [],
    }
    for page in pages:
        status = page.status(now)
        if status in sections:
            sections[status].append(page)
    sections[Status.OUTCOME_PUBLISHED].sort(
        key=lambda p: p.outcome_published_at, reverse=True
    )
    return sections


def submitted_responses(consultation):
    return Response.objects.filter(consultation=consultation, submitted=True)


def question_results(consultation: ConsultationPage, *, moderated_only=True):
    """Per question, in page order: counts (and percentages) of each option,
    scale values and their mean, ranking mean positions, and free text."""
    answers = Answer.objects.filter(
        response__consultation=consultation, response__submitted=True
    )
    counts = {}
    for row in (
        answers.values("question_id", "value")
        .annotate(n=Count("pk"), mean=Avg("number"))
        .order_by()
    ):
        counts[(row["question_id"], row["value"])] = row
    answered = dict(
        answers.values_list("question_id")
        .annotate(n=Count("response", distinct=True))
        .order_by()
    )
    texts = answers.exclude(text="")
    if moderated_only:
        texts = texts.filter(moderation=Answer.Moderation.APPROVED)
    by_question: dict[str, list[str]] = {}
    for qid, text in texts.order_by("pk").values_list("question_id", "text"):
        shown = by_question.setdefault(qid, [])
        if len(shown) < FREE_TEXT_SHOWN:
            shown.append(text)
    results = []
    for block in consultation.questions:
        qid = block.id
        total = answered.get(qid, 0)
        item = {
            "id": qid,
            "kind": block.block_type,
            "question": block.value["question"],
            "answered": total,
        }
        if block.block_type in ("single_choice", "multiple_choice", "ranking"):
            rows = []
            for option in block.value["options"]:
                row = counts.get((qid, option), {"n": 0, "mean": None})
                rows.append(
                    {
                        "label": option,
                        "count": row["n"],
                        "percent": _percent(row["n"], total),
                        "mean_rank": _round(row["mean"])
                        if block.block_type == "ranking"
                        else None,
                    }
                )
            if block.block_type == "ranking":
                rows.sort(key=lambda r: (r["mean_rank"] is None, r["mean_rank"]))
            item["rows"] = rows
        elif block.block_type == "scale":
            top = int(block.value["maximum"])
            rows = []
            weighted = 0
            for n in range(1, top + 1):
                count = counts.get((qid, str(n)), {"n": 0})["n"]
                weighted += n * count
                rows.append(
                    {"label": str(n), "count": count, "percent": _percent(count, total)}
                )
            item["rows"] = rows
            item["mean"] = _round(weighted / total) if total else None
            item["low_label"] = block.value["low_label"]
            item["high_label"] = block.value["high_label"]
        else:
            item["texts"] = by_question.get(qid, [])
        results.append(item)
    return results


def _percent(count: int, total: int) -> Decimal:
    """`count` of `total` as a percentage, to a whole number unless rounding would
    hide the answer: then with as many decimal places as it takes (1 in 1,420 is
    0.1 %, never 0 %; 1,419 in 1,420 is 99.9 %, never 100 %). Exact, half up."""
    if not total:
        return Decimal(0)
    exact = Decimal(100 * count) / Decimal(total)
    if count in (0, total):
        return exact.quantize(Decimal(1))
    for places in (Decimal(1), Decimal("0.1"), Decimal("0.01"), Decimal("0.001")):
        shown = exact.quantize(places, rounding=ROUND_HALF_UP)
        if 0 < shown < 100:
            return shown
    return min(max(shown, places), 100 - places)  # 1 in millions: "0.001"


def _round(value):
    return None if value is None else round(value, 1)


def response_rates(consultation: ConsultationPage) -> dict[str, list[dict]]:
    """Responses against eligible households, by area and by tenure (4 queries)."""
    homes = audience_households(consultation)
    responses = submitted_responses(consultation)
    tenure_labels = dict(Tenure.choices)

    def rows(eligible, answered, label=lambda k: k):
        out = []
        for key, households in sorted(eligible.items(), key=lambda kv: str(kv[0])):
            n = answered.get(key, 0)
            out.append(
                {
                    "label": label(key),
                    "households": households,
                    "responses": n,
                    "percent": _percent(n, households),
                }
            )
        return out

    def grouped(qs, field):
        return dict(qs.values_list(field).annotate(n=Count("pk")).order_by())

    return {
        "by_area": rows(
            grouped(homes, "estate__area__name"),
            grouped(responses, "estate__area__name"),
        ),
        "by_tenure": rows(
            grouped(homes, "tenure"),
            grouped(responses, "tenure"),
            label=lambda k: tenure_labels.get(k, k),
        ),
    }


def open_consultations(*, limit: int):
    """Consultations open now in the visitor's language, closing soonest first
    (the home page's "Have your say")."""
    now = timezone.now()
    return list(
        public_pages(ConsultationPage.objects.live())
        .filter(locale=Locale.get_active(), opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")[:limit]
    )


def next_status_change_at():
    """When the next consultation opens, starts closing soon or closes (one query):
    cached pages that list consultations are kept no later than that."""
    now = timezone.now()
    soon = timedelta(days=CLOSING_SOON_DAYS)
    found = (
        ConsultationPage.objects.live()
        .filter(outcome_published_at__isnull=True)
        .aggregate(
            opens=Min("opens_at", filter=Q(opens_at__gt=now)),
            closes=Min("closes_at", filter=Q(closes_at__gt=now)),
            soon=Min("closes_at", filter=Q(closes_at__gt=now + soon)),
        )
    )
    times = [found["opens"], found["closes"]]
    if found["soon"] is not None:
        times.append(found["soon"] - soon)
    return min((t for t in times if t is not None), default=None)


def tsm_results(consultation: ConsultationPage) -> dict:
    """A tenant satisfaction survey's measures (cms.consultations.tsm) from the
    sent responses: the answers counted in one GROUP BY (by tenure, question,
    answer and whether the person said yes to each filter question), households
    by tenure in one more, responses by tenure group and channel in one more, so
    the number of queries stays the same however many households answer."""
    from django.db.models import Exists, OuterRef

    from . import tsm

    flags = {f"yes_{key}": key for key in tsm.FILTERS}
    answers = (
        Answer.objects.filter(
            response__consultation=consultation, response__submitted=True
        )
        .annotate(
            **{
                name: Exists(
                    Answer.objects.filter(
                        response=OuterRef("response"), question_id=key, value=tsm.YES
                    )
                )
                for name, key in flags.items()
            }
        )
        .values("response__tenure", "question_id", "value", *flags)
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies = [
        tsm.Tally(
            tenure=row["response__tenure"],
            question=row["question_id"],
            value=row["value"],
            filters=frozenset(key for name, key in flags.items() if row[name]),
            n=row["n"],
        )
        for row in answers
    ]
    populations = dict(
        audience_households(consultation)
        .values_list("tenure")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_channel: dict[str, dict[str, int]] = {}
    for tenure, channel, n in (
        submitted_responses(consultation)
        .values_list("tenure", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        group = tsm.TENURE_GROUPS.get(tenure, "")
        bucket = by_channel.setdefault(group, {})
        bucket[channel] = bucket.get(channel, 0) + n
    return {
        "results": tsm.results(tallies, populations),
        "populations": populations,
        "by_channel": by_channel,
    }
