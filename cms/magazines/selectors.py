"""Reads for the magazine: which pages carry the Resident Approved mark, the latest
issue for the home page, and competitions for staff."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from wagtail.models import Locale, TaskState

from cms.core.selectors import public_pages

from .models import CompetitionPage, MagazineIssuePage, ReadersPanelReviewTask


def resident_approved_ids(pages) -> set[int]:
    """Ids of the pages whose live revision passed the Readers Panel review, in one
    query. A page edited and republished without review loses the mark."""
    revisions = {p.live_revision_id: p.pk for p in pages if p.live_revision_id}
    if not revisions:
        return set()
    approved = TaskState.objects.filter(
        task__content_type=ContentType.objects.get_for_model(ReadersPanelReviewTask),
        status=TaskState.STATUS_APPROVED,
        revision_id__in=revisions,
    ).values_list("revision_id", flat=True)
    return {revisions[revision_id] for revision_id in approved}


def latest_issue() -> MagazineIssuePage | None:
    """The newest live issue in the visitor's language."""
    return (
        public_pages(MagazineIssuePage.objects.live())
        .filter(locale=Locale.get_active())
        .select_related("cover")
        .order_by("-publication_date", "-issue_number")
        .first()
    )


def competitions_for_staff():
    """Competitions in the main language (where entries are kept), newest first,
    with how many entered and the draw if there was one."""
    return (
        CompetitionPage.objects.filter(locale=Locale.get_default())
        .select_related("draw__winner__entrant")
        .annotate(entry_count=Count("entries"))
        .order_by("-closes_at")
    )
