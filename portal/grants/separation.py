"""Who a grant application belongs to (for portal.core.separation)."""

from portal.core.separation import belongs_to, parties

from .models import GrantApplication


@belongs_to(GrantApplication)
def _application(application):
    return parties(people=[application.applicant_id], groups=[application.group_id])
