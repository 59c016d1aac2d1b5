from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from portal.accounts.models import Advocacy, ResidentProfile
from portal.groups.selectors import groups_run_by
from portal.participation.selectors import upcoming_rsvps

from .files import can_view_private_file
from .models import PrivateFile


@never_cache
def healthz(request):
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def dashboard(request):
    """The resident's home in the portal: first, whether we know where they live."""
    profile = (
        ResidentProfile.objects.filter(user=request.user).select_related("home").first()
    )
    helping = Advocacy.objects.filter(advocate=request.user).select_related("resident")
    return render(
        request,
        "portal/dashboard.html",
        {
            "profile": profile,
            "helping": helping,
            "my_groups": groups_run_by(request.user),
            "my_meetings": upcoming_rsvps(request.user)[:5],
        },
    )


@login_required
def private_file(request, pk):
    """Serve a private upload to those allowed to see it; everyone else gets 404
    (not 403), so the existence of someone's file is not revealed."""
    private = get_object_or_404(PrivateFile, pk=pk)
    if not can_view_private_file(request.user, private):
        raise Http404
    response = FileResponse(
        private.file.open("rb"),
        as_attachment=True,
        filename=private.original_name,
        content_type=private.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
