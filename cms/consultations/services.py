"""Writes: save a response (one per resident), publish results and the outcome."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.pagecache import purge, purge_page
from portal.accounts.models import User
from portal.core.services import audit_record, notify

from .models import Answer, Channel, ConsultationPage, Response
from .selectors import eligibility


def answers_from_form(consultation: ConsultationPage, data: dict) -> list[Answer]:
    """Turn cleaned form data (see forms.ResponseForm) into unsaved Answer rows."""
    rows = []
    for block in consultation.questions:
        key = f"q_{block.id}"
        kind = block.block_type
        if kind == "single_choice" and data.get(key):
            rows.append(Answer(question_id=block.id, value=data[key]))
        elif kind == "multiple_choice":
            rows += [Answer(question_id=block.id, value=v) for v in data.get(key, [])]
        elif kind == "scale" and data.get(key):
            rows.append(
                Answer(question_id=block.id, value=data[key], number=int(data[key]))
            )
        elif kind == "ranking":
            for index, option in enumerate(block.value["options"]):
                rank = data.get(f"{key}_{index}")
                if rank:
                    rows.append(
                        Answer(question_id=block.id, value=option, number=int(rank))
                    )
        elif kind == "free_text" and (data.get(key) or "").strip():
            rows.append(
                Answer(
                    question_id=block.id,
                    text=data[key].strip(),
                    moderation=Answer.Moderation.PENDING,
                )
            )
    return rows


def response_save(
    *,
    consultation: ConsultationPage,
    respondent,
    data: dict,
    submit: bool,
    channel: str = Channel.ONLINE,
    entered_by=None,
    home=None,
    draw_contact: dict | None = None,
) -> Response:
    """Save a resident's answers: the first call creates their one response, any
    later call (until the close) replaces its answers. Two requests at once
    cannot make two responses: the database refuses the second, which then
    edits the first.

    Staff entering a paper or phone response give the `home` (the household
    that answered); otherwise it is the respondent's checked home. A tenant
    satisfaction survey takes one response from each household.

    `draw_contact` (answering without an account only): the name, email and
    language given to enter the prize draw."""
    if channel == Channel.ANONYMOUS:
        if not (consultation.anonymous_allowed and consultation.is_open):
            raise PermissionDenied(_("Sign in to answer this consultation."))
    elif entered_by is None:
        ok, reason = eligibility(consultation, respondent)
        if not ok:
            raise PermissionDenied(reason)
    elif not entered_by.has_perm("consultations.enter_response"):
        raise PermissionDenied(_("You may not enter responses for residents."))
    elif consultation.status() in ("upcoming",):
        raise ValidationError(_("This consultation has not opened yet."))
    profile = getattr(respondent, "resident_profile", None) if respondent else None
    if home is None:
        home = profile.home if profile else None
    if entered_by is not None:
        _check_household(consultation, respondent, profile, home)
    fields = {
        "channel": channel,
        "entered_by": entered_by,
        "estate_id": home.estate_id if home else None,
        "tenure": home.tenure if home else "",
        "home": home,
        "questions_snapshot": consultation.questions.get_prep_value(),
    }
    if channel == Channel.ANONYMOUS and consultation.prize_draw and draw_contact:
        fields.update(draw_contact)
    with transaction.atomic():
        response = None
        if respondent is not None:
            response = (
                Response.objects.select_for_update()
                .filter(consultation=consultation, respondent=respondent)
                .first()
            )
        if response is None:
            try:
                with transaction.atomic():
                    response = Response.objects.create(
                        consultation=consultation,
                        respondent=respondent,
                        submitted=submit,
                        **fields,
                    )
            except IntegrityError:
                # Another request created it a moment ago: edit that one.
                response = Response.objects.select_for_update().get(
                    consultation=consultation, respondent=respondent
                )
        if consultation.is_tsm and home is not None:
            others = Response.objects.filter(
                consultation=consultation, home=home, submitted=True
            ).exclude(pk=response.pk)
            if others.exists():
                raise ValidationError(
                    {
                        "uprn": _(
                            "Someone from this household has already answered "
                            "this survey. Each household answers once."
                        )
                    }
                )
        if response.submitted and not submit:
            submit = True  # saving again never withdraws a sent response
        for name, value in fields.items():
            setattr(response, name, value)
        response.submitted = submit
        response.save()
        response.answers.all().delete()
        answers = answers_from_form(consultation, data)
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(answers)
        if submit:
            purge(f"p:{consultation.path}")  # its results count responses
        if entered_by is not None:
            audit_record(
                actor=entered_by,
                action="consultation.response_entered",
                target=response,
                to_state=channel,
                acting_for=respondent,
            )
    return response


def _check_household(consultation, respondent, profile, home) -> None:
    """Staff entering answers for a household: the home must be one the
    consultation asks, and a named resident must live there (checked)."""
    from .selectors import audience_households

    if home is None:
        raise ValidationError(
            {"uprn": _("Give the UPRN of the home the answers came from.")}
        )
    if not audience_households(consultation).filter(pk=home.pk).exists():
        raise ValidationError(
            {"uprn": _("This consultation does not ask the household at this home.")}
        )
    if respondent is not None and not (
        profile is not None and profile.is_verified and profile.home_id == home.pk
    ):
        raise ValidationError(
            {
                "resident": _(
                    "This resident's checked home is not the home with this UPRN. "
                    "Choose the resident who lives there, or leave it empty."
                )
            }
        )


def _require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied(_("You may not do this."))


def results_publish(*, consultation: ConsultationPage, actor) -> None:
    _require(actor, "consultations.conclude_consultationpage")
    if consultation.is_open or consultation.status() == "upcoming":
        raise ValidationError(
            _("Results can be published once the consultation closes.")
        )
    with transaction.atomic():
        ConsultationPage.objects.filter(pk=consultation.pk).update(
            results_published_at=timezone.now()
        )
        consultation.results_published_at = timezone.now()
        audit_record(
            actor=actor, action="consultation.results_published", target=consultation
        )
        purge_page(consultation)


def outcome_publish(*, consultation: ConsultationPage, actor, url: str = "") -> int:
    """Publish "You said, we did": record the date (and so the days from close)
    and tell every respondent who answered online or gave an account."""
    _require(actor, "consultations.conclude_consultationpage")
    if consultation.outcome_published_at:
        raise ValidationError(_("The outcome is already published."))
    if consultation.status() != "awaiting_outcome":
        raise ValidationError(_("The outcome can be published once it has closed."))
    missing = [
        label
        for field, label in (
            ("you_said", _("what we heard")),
            ("we_did", _("what we decided")),
            ("what_changes", _("what changes and when")),
        )
        if not getattr(consultation, field).strip()
    ]
    if missing:
        raise ValidationError(
            _("Write %(missing)s on the page and publish it first.")
            % {"missing": ", ".join(missing)}
        )
    now = timezone.now()
    with transaction.atomic():
        ConsultationPage.objects.filter(pk=consultation.pk).update(
            outcome_published_at=now,
            results_published_at=consultation.results_published_at or now,
        )
        consultation.outcome_published_at = now
        consultation.results_published_at = consultation.results_published_at or now
        audit_record(
            actor=actor,
            action="consultation.outcome_published",
            target=consultation,
            from_state="awaiting_outcome",
            to_state="outcome_published",
            details={"days_from_close": consultation.days_to_outcome},
        )
        purge_page(consultation)
        respondents = (
            Response.objects.filter(
                consultation=consultation, submitted=True, respondent__isnull=False
            )
            .select_related("respondent__contact_preferences")
            .order_by("pk")
        )
        # Respondents, and people following its topics (the same message, once).
        people = [response.respondent for response in respondents]
        answered = {person.pk for person in people}
        people += [
            person
            for person in User.objects.filter(
                is_active=True,
                pk__in=User.objects.filter(
                    contact_preferences__topics__in=consultation.topics.values("pk")
                ).values("pk"),
            )
            .select_related("contact_preferences")
            .order_by("pk")
            if person.pk not in answered
        ]
        sent = 0

        def thanks():
            return _(
                "Thank you for answering “%(title)s”. We have published "
                "what we heard and what we decided: %(url)s"
            ) % {"title": consultation.title, "url": url}

        def news():
            return _(
                "We have published what residents told us about “%(title)s” "
                "and what we decided: %(url)s"
            ) % {"title": consultation.title, "url": url}

        for person in people:
            notify(
                recipient=person,
                key=f"consultation-outcome-{consultation.pk}",
                subject=lambda: (
                    _("You said, we did: %(title)s") % {"title": consultation.title}
                ),
                body=thanks if person.pk in answered else news,
                digestible=True,
            )
            sent += 1
    return sent


def answer_moderate(*, answer: Answer, actor, approve: bool) -> None:
    _require(actor, "consultations.moderate_answer")
    with transaction.atomic():
        before = answer.moderation
        answer.moderation = (
            Answer.Moderation.APPROVED if approve else Answer.Moderation.REJECTED
        )
        answer.save(update_fields=["moderation"])
        audit_record(
            actor=actor,
            action="consultation.answer_moderated",
            target=answer.response,
            from_state=before,
            to_state=answer.moderation,
        )
        purge_page(answer.response.consultation)


def responses_release(*, user, holding, rows) -> None:
    """On closing an account: the response stays in the totals (choices, estate,
    tenure) without the person or anything they wrote in their own words."""
    consultations = set(ConsultationPage.objects.filter(responses__in=rows).distinct())
    Answer.objects.filter(response__in=rows).update(text="")
    rows.update(respondent=None, home=None)
    for consultation in consultations:
        purge_page(consultation)  # the cached results no longer show their words
