"""A scheme's scoring panel: each member declares any conflict of interest,
then scores the application against the scheme's criteria until it is decided."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.services import audit_record
from portal.core.transitions import ensure

from ..models import PanelReview
from ..selectors import is_own, is_panel_member


def _check_panel_member(application, member) -> None:
    """A member of the scheme's panel, not judging their own, while the
    application is still open to scoring (the lifecycle's `score` edit: the row
    is locked, so a decision made meanwhile refuses a stale copy)."""
    if not is_panel_member(member, application.scheme):
        raise PermissionDenied(_("You are not on this scheme’s panel."))
    if is_own(member, application):
        raise PermissionDenied(
            _("You cannot score an application from yourself or your own group.")
        )
    ensure(application, "score")


@transaction.atomic
def panel_declare(
    *, application, member, conflict: bool, reason: str = ""
) -> PanelReview:
    """A panel member's conflict-of-interest declaration, made once, before they
    may read or score the application. A conflict means they do not score it."""
    _check_panel_member(application, member)
    if conflict and not reason.strip():
        raise ValidationError(
            {"conflict_reason": _("Say what the conflict of interest is.")}
        )
    if PanelReview.objects.filter(application=application, member=member).exists():
        raise ValidationError(_("You have already made your declaration for this."))
    review = PanelReview.objects.create(
        application=application,
        member=member,
        conflict=conflict,
        conflict_reason=reason.strip() if conflict else "",
    )
    audit_record(
        actor=member,
        action="grant.panel_declared",
        target=application,
        to_state="conflict" if conflict else "no_conflict",
        reason=review.conflict_reason,
    )
    return review


SCORE_RANGE = range(1, 6)


@transaction.atomic
def panel_score(
    *, application, member, scores: list[int | None], comment: str
) -> PanelReview:
    """Score each of the scheme's criteria from 1 to 5, with a comment. A member
    may change their scores until the application is decided."""
    _check_panel_member(application, member)
    review = (
        PanelReview.objects.select_for_update()
        .filter(application=application, member=member)
        .first()
    )
    if review is None:
        raise ValidationError(_("Declare any conflict of interest before you score."))
    if review.conflict:
        raise PermissionDenied(
            _("You declared a conflict of interest, so you cannot score this one.")
        )
    criteria = application.scheme.criteria
    errors = {
        f"score_{n}": _("Give a score from 1 to 5 for ‘%(criterion)s’.")
        % {"criterion": criterion}
        for n, criterion in enumerate(criteria)
        if n >= len(scores) or scores[n] not in SCORE_RANGE
    }
    if not comment.strip():
        errors["comment"] = _("Add a comment to explain your scores.")
    if errors:
        raise ValidationError(errors)
    review.scores = [
        {"criterion": criterion, "score": scores[n]}
        for n, criterion in enumerate(criteria)
    ]
    review.comment = comment.strip()
    review.scored_at = timezone.now()
    review.save()
    audit_record(
        actor=member,
        action="grant.panel_scored",
        target=application,
        details={"scores": review.scores, "total": review.total},
    )
    return review


def panel_membership_end(*, user, holding, rows) -> None:
    """On closing an account: the person leaves every grant panel."""
    for scheme in rows:
        scheme.panel_members.remove(user)
