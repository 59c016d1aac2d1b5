"""Writes to the actions register. Every change is audited; a status change tells
the people following the action, its estate or the body whose meeting agreed it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.services import audit_record, notify
from portal.core.transitions import transition

from .models import Action, ActionFollow, ActionUpdate

REMINDER_LEAD_DAYS = 7


def can_manage_actions(user) -> bool:
    return bool(
        user and user.is_authenticated and user.has_perm("actions.change_action")
    )


def _check_staff(actor) -> None:
    if not can_manage_actions(actor):
        raise PermissionDenied(_("Only staff who manage actions can do this."))


@transaction.atomic
def action_create(
    *,
    actor,
    title: str,
    due_on: datetime.date,
    source: str = "",
    description: str = "",
    status: str = Action.Status.AGREED,
    **fields,
) -> Action:
    """Add an action to the register (the page editor, the admin or the demo)."""
    if status not in {Action.Status.PROPOSED, Action.Status.AGREED}:
        raise ValidationError(
            {"status": _("A new action is either proposed or agreed.")}
        )
    action = Action(
        title=title,
        due_on=due_on,
        source=source,
        description=description,
        status=status,
        **fields,
    )
    action.full_clean()
    action.save()
    audit_record(actor=actor, action="action.create", target=action, to_state=status)
    return action


@transaction.atomic
def action_created(*, action: Action, actor) -> Action:
    """Audit an action saved by a Wagtail form (the admin or the editor's chooser)."""
    audit_record(
        actor=actor, action="action.create", target=action, to_state=action.status
    )
    return action


@transaction.atomic
def action_status_change(
    *,
    action: Action,
    actor,
    to_status: str,
    reason: str = "",
    done_on: datetime.date | None = None,
    evidence: str = "",
    seen_status: str = "",
) -> Action:
    """Move an action along its lifecycle (`Action.lifecycle` through
    `transition()`: row locked, legal moves from the current state only,
    audited as "action.status", followers told once per move).

    `seen_status` is the status the person was shown (the progress screen sends
    it); without it, the status of the `action` copy passed in. If the action has
    moved since, they are told so rather than shown a puzzling refusal."""
    _check_staff(actor)
    seen = seen_status or action.status
    name = Action.move_to(to_status)
    if name is None:
        raise _cannot_become(seen, to_status)
    reason = reason.strip()
    evidence = evidence.strip()
    changes = {}
    if reason:
        changes["status_reason"] = reason

    def check(locked: Action) -> None:
        if locked.status != seen:
            raise ValidationError(
                _(
                    "Someone has already moved this action: it is now "
                    "“%(status)s”. Check it and choose again."
                )
                % {"status": locked.get_status_display()}
            )
        if locked.status not in Action.lifecycle[name].sources_set:
            raise _cannot_become(locked.status, to_status)
        if to_status == Action.Status.DONE:
            day = done_on or london_today()
            if day > london_today():
                raise ValidationError(
                    {"done_on": _("The date it was done cannot be in the future.")}
                )
            # Read by transition() after this check, on the locked row.
            changes["done_on"] = day
            if evidence:
                changes["evidence"] = evidence

    action = transition(
        action, name, actor=actor, reason=reason, changes=changes, check=check
    )
    _tell_followers(action)
    return action


def _cannot_become(from_status: str, to_status: str) -> ValidationError:
    return ValidationError(
        {
            "to_status": _("An action that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": Action.Status(from_status).label,
                "to": Action.Status(to_status).label
                if to_status in Action.Status.values
                else to_status,
            }
        }
    )


@transaction.atomic
def action_update_add(
    *,
    action: Action,
    actor,
    text: str,
    written_on: datetime.date | None = None,
    photo=None,
    document=None,
) -> ActionUpdate:
    """Add a dated progress note residents can read."""
    _check_staff(actor)
    if not text.strip():
        raise ValidationError({"text": _("Write what has happened.")})
    written_on = written_on or london_today()
    if written_on > london_today():
        raise ValidationError({"written_on": _("The date cannot be in the future.")})
    update = ActionUpdate.objects.create(
        action=action,
        text=text.strip(),
        written_on=written_on,
        photo=photo,
        document=document,
        by=actor,
    )
    audit_record(actor=actor, action="action.update", target=action)
    return update


def followers_of(action: Action):
    """Everyone who follows this action, its estate or the body that agreed it."""
    from django.contrib.auth import get_user_model

    from portal.participation.models import BodyFollow

    who = ActionFollow.objects.filter(action=action).values("person")
    if action.estate_id:
        who = who.union(
            ActionFollow.objects.filter(estate_id=action.estate_id).values("person")
        )
    if action.meeting_id and action.meeting.body_id:
        who = who.union(
            BodyFollow.objects.filter(body_id=action.meeting.body_id).values("person")
        )
    return get_user_model().objects.filter(pk__in=[row["person"] for row in who])


def _tell_followers(action: Action) -> None:
    from django.urls import reverse

    for person in followers_of(action).select_related("contact_preferences"):
        prefs = getattr(person, "contact_preferences", None)
        language = getattr(prefs, "language", "") or translation.get_language()
        with translation.override(language):
            notify(
                recipient=person,
                key=f"action-moved:{action.pk}:{action.status}",
                subject=_("Action update: %(title)s") % {"title": action.title},
                body=_("“%(title)s” is now %(status)s.\n\nSee its progress: %(url)s")
                % {
                    "title": action.title,
                    "status": action.get_status_display().lower(),
                    "url": reverse("actions:detail", args=[action.pk]),
                },
                digestible=True,
            )


@transaction.atomic
def action_follow(*, person, action: Action | None = None, estate=None) -> bool:
    """Start following; returns False if they already did."""
    if not person.is_authenticated:
        raise PermissionDenied(_("Sign in to follow actions."))
    _follow, created = ActionFollow.objects.get_or_create(
        person=person,
        action=action,
        estate=estate if action is None else None,
    )
    return created


@transaction.atomic
def action_unfollow(*, person, action: Action | None = None, estate=None) -> None:
    ActionFollow.objects.filter(
        person=person, action=action, estate=estate if action is None else None
    ).delete()


@transaction.atomic
def action_reminders_send(
    *, today: datetime.date | None = None, lead_days: int = REMINDER_LEAD_DAYS
) -> dict[str, int]:
    """Remind each owner once before the due date and once after it.

    The outbox (`notify`, keyed by action and due date) records what was sent, so
    running it again, or daily, sends nothing twice; a new due date gets new
    reminders.
    """
    from django.urls import reverse

    today = today or london_today()
    open_actions = Action.objects.exclude(status__in=Action.CLOSED).filter(
        owner__isnull=False, owner__is_active=True
    )
    sent = {"before": 0, "after": 0}
    soon = open_actions.filter(
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=lead_days)
    ).select_related("owner")
    late = open_actions.filter(due_on__lt=today).select_related("owner")
    for kind, actions in (("before", soon), ("after", late)):
        for action in actions:
            if kind == "before":
                subject = _("Action due by %(date)s: %(title)s")
                body = _(
                    "“%(title)s” is due by %(date)s. Please add progress or mark it "
                    "done: %(url)s"
                )
            else:
                subject = _("Action overdue since %(date)s: %(title)s")
                body = _(
                    "“%(title)s” was due by %(date)s and is not done. Residents can "
                    "see it is late. Please add progress or a new plan: %(url)s"
                )
            values = {
                "title": action.title,
                "date": action.due_on.strftime("%-d %B %Y"),
                "url": reverse("actions:detail", args=[action.pk]),
            }
            created = notify(
                recipient=action.owner,
                key=f"actionreminder-{kind}:{action.pk}:{action.due_on.isoformat()}",
                subject=subject % values,
                body=body % values,
            )
            if created:
                sent[kind] += 1
    return sent


def link_page_actions(*, page, source: str, field: str) -> None:
    """After a meeting or consultation is published, actions chosen on it that
    have no source yet take it as theirs, and any chosen on it that name no page
    yet (e.g. a complaint theme raised at a panel) link to it; only the first
    page to claim one does."""
    ids = [link.action_id for link in page.action_links.all()]
    if not ids:
        return
    Action.objects.filter(pk__in=ids, source="").update(source=source)
    Action.objects.filter(pk__in=ids, **{f"{field}__isnull": True}).update(
        **{f"{field}_id": page.pk}
    )
