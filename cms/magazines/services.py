"""Writes for the magazine: entering a competition and drawing its winner."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.core.pagecache import purge_page
from portal.core.draws import draw_index, draw_seed
from portal.core.services import audit_record, notify

from .models import CompetitionDraw, CompetitionEntry, CompetitionPage


def competition_source(competition: CompetitionPage) -> CompetitionPage:
    """The competition in the site's main language, where every entry is kept."""
    return competition.get_translation_or_none(Locale.get_default()) or competition


def competition_enter(
    *, competition: CompetitionPage, user, answer: str
) -> CompetitionEntry:
    """One entry per person while the competition is open."""
    competition = competition_source(competition)
    if not competition.is_open:
        raise ValidationError(
            _("This competition closed on %(date)s.")
            % {"date": date_format(localtime(competition.closes_at), "j F Y")}
        )
    already = _("You have already entered this competition. Everyone can enter once.")
    if CompetitionEntry.objects.filter(competition=competition, entrant=user).exists():
        raise ValidationError(already)
    try:
        with transaction.atomic():
            return CompetitionEntry.objects.create(
                competition=competition, entrant=user, answer=answer
            )
    except IntegrityError:  # the same person sending twice at the same moment
        raise ValidationError(already) from None


@transaction.atomic
def competition_draw(
    *, competition: CompetitionPage, actor, seed: str | None = None
) -> CompetitionDraw:
    """Pick one entry at random once the competition has closed; only once. The
    seed (fresh and unpredictable unless a test gives one) and the entries are
    kept, so `competition_draw_replay` gets the same winner from them."""
    if not actor.has_perm("magazines.draw_competition"):
        raise ValidationError(_("You do not have permission to draw winners."))
    competition = CompetitionPage.objects.select_for_update().get(
        pk=competition_source(competition).pk
    )
    if competition.is_open:
        raise ValidationError(
            _("The competition is still open: draw it after it closes.")
        )
    if CompetitionDraw.objects.filter(competition=competition).exists():
        raise ValidationError(_("The winner of this competition was already drawn."))
    entries = list(competition.entries.select_related("entrant").order_by("pk"))
    if not entries:
        raise ValidationError(
            _("Nobody entered this competition, so there is no winner.")
        )
    seed = seed or draw_seed()
    winner = entries[draw_index(seed, len(entries))]
    draw = CompetitionDraw.objects.create(
        competition=competition,
        winner=winner,
        entries_count=len(entries),
        seed=seed,
        eligible=[entry.pk for entry in entries],
        drawn_by=actor,
    )
    purge_page(competition)  # the page says the winner has been drawn
    audit_record(
        actor=actor,
        action="competition.drawn",
        target=competition,
        to_state="drawn",
        details={"entries": len(entries), "winning_entry": winner.pk, "seed": seed},
    )
    notify(
        recipient=winner.entrant,
        key=f"competition-{competition.pk}-won",
        subject=_("You won our magazine competition"),
        body=_("Congratulations! You won “%(title)s”: %(prize)s. We will be in touch.")
        % {"title": competition.title, "prize": competition.prize},
    )
    return draw


def competition_draw_replay(draw: CompetitionDraw) -> int:
    """Re-run a draw from what was kept: the winning entry's id."""
    return draw.eligible[draw_index(draw.seed, len(draw.eligible))]


def competition_entries_release(*, user, holding, rows) -> None:
    """On closing an account: entries go, except a drawn winner, which the draw
    record needs (kept without an answer; the account itself is anonymised)."""
    from .models import CompetitionDraw

    winners = CompetitionDraw.objects.values("winner")
    rows.exclude(pk__in=winners).delete()
    rows.filter(pk__in=winners).update(answer="")
