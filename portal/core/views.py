from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from portal.accounts.models import ResidentProfile


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
    return render(request, "portal/dashboard.html", {"profile": profile})
