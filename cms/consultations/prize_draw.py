"""The prize draw for a consultation's respondents, run like the magazine
competition's: staff draw once, after the close, at random, audited, and the
winner is told in their own language. The seed and the list of eligible
responses are kept (`PrizeDraw`), so the draw can be checked by re-running it
(`prize_draw_replay`)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.core.draws import draw_index, draw_seed
from portal.core.notifications import recipient_language, render
from portal.core.services import audit_record, notify
from portal.core.tasks import send_email

from .models import ConsultationPage, PrizeDraw, Response


def consultation_source(consultation: ConsultationPage) -> ConsultationPage:
    """The consultation in the site's main language, which keeps the draw (its
    translations are the same consultation)."""
    return consultation.get_translation_or_none(Locale.get_default()) or consultation


def _entrant_key(response: Response) -> str:
    """One entry per person: an account and an email given without one are the
    same person when the address is the same."""
    email = response.respondent.email if response.respondent else response.draw_email
    return email.strip().lower()


def prize_draw_entries(consultation: ConsultationPage) -> list[Response]:
    """Sent responses in the draw, earliest first, one per person: everyone who
    answered with an account (open), and people without one who gave an email."""
    source = consultation_source(consultation)
    responses = (
        Response.objects.filter(
            consultation__translation_key=source.translation_key, submitted=True
        )
        .filter(Q(respondent__is_active=True) | ~Q(draw_email=""))
        .select_related("respondent")
        .order_by("pk")
    )
    entries: dict[str, Response] = {}
    for response in responses:
        entries.setdefault(_entrant_key(response), response)
    return list(entries.values())


@transaction.atomic
def prize_draw_run(*, consultation: ConsultationPage, actor) -> PrizeDraw:
    """Draw the winner once the consultation has closed; only once, even when
    two people press the button together (the page row is locked first)."""
    if not actor.has_perm("consultations.draw_prizedraw"):
        raise PermissionDenied(_("You do not have permission to draw winners."))
    consultation = ConsultationPage.objects.select_for_update().get(
        pk=consultation_source(consultation).pk
    )
    if not consultation.prize_draw:
        raise ValidationError(_("This consultation has no prize draw."))
    if timezone.now() < consultation.closes_at:
        raise ValidationError(
            _("The consultation is still open: draw the prize after it closes.")
        )
    if PrizeDraw.objects.filter(consultation=consultation).exists():
        raise ValidationError(_("The prize for this consultation was already drawn."))
    entries = prize_draw_entries(consultation)
    if not entries:
        raise ValidationError(_("Nobody is in this prize draw, so there is no winner."))
    if any(response.respondent_id == actor.pk for response in entries):
        raise PermissionDenied(
            _("You answered this consultation, so someone else must draw its prize.")
        )
    seed = draw_seed()
    winner = entries[draw_index(seed, len(entries))]
    draw = PrizeDraw.objects.create(
        consultation=consultation,
        seed=seed,
        eligible=[response.pk for response in entries],
        winner=winner,
        drawn_by=actor,
    )
    audit_record(
        actor=actor,
        action="consultation.prize_drawn",
        target=consultation,
        to_state="drawn",
        details={"entries": len(entries), "winning_response": winner.pk, "seed": seed},
    )
    _tell_winner(consultation, winner)
    # Email addresses given only to enter the draw are not needed any more.
    Response.objects.filter(pk__in=draw.eligible).exclude(pk=winner.pk).update(
        draw_name="", draw_email=""
    )
    return draw


def prize_draw_replay(draw: PrizeDraw) -> int:
    """Re-run a draw from what was kept: the winning response's id."""
    return draw.eligible[draw_index(draw.seed, len(draw.eligible))]


def _in_language(consultation: ConsultationPage, language: str) -> ConsultationPage:
    locale = Locale.objects.filter(language_code=language).first()
    translated = consultation.get_translation_or_none(locale) if locale else None
    return translated or consultation


def _tell_winner(consultation: ConsultationPage, winner: Response) -> None:
    """By the winner's own channels when they have an account; otherwise by the
    email they gave, in the language they answered in."""
    person = winner.respondent
    language = (
        recipient_language(person)
        if person
        else winner.draw_language or settings.LANGUAGE_CODE
    )
    page = _in_language(consultation, language)

    def subject():
        return _("You won the prize draw: %(title)s") % {"title": page.title}

    def body():
        return _(
            "Congratulations! You won the prize draw for answering “%(title)s”: "
            "%(prize)s. We will be in touch to arrange it."
        ) % {"title": page.title, "prize": page.prize}

    if person is not None:
        notify(
            recipient=person,
            key=f"consultation-{consultation.pk}-prize-won",
            subject=subject,
            body=body,
        )
        return
    message = {
        "subject": render(subject, language),
        "body": render(body, language),
        "to": [winner.draw_email],
    }
    transaction.on_commit(lambda: send_email.enqueue(**message))
