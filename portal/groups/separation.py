"""Who a recognition application belongs to (for portal.core.separation)."""

from portal.core.separation import belongs_to, parties

from .models import RecognitionApplication


@belongs_to(RecognitionApplication)
def _recognition(application):
    return parties(people=[application.applied_by_id], groups=[application.group_id])
