from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from .dashboard import cards_for, primary_actions
from .files import can_view_private_file
from .health import readiness
from .models import PrivateFile


@never_cache
def healthz(request):
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: database, cache and both file stores answer (503 naming any
    that do not, so a load balancer stops sending traffic here)."""
    ok, checks = readiness()
    failed = sorted(name for name, result in checks.items() if not result["ok"])
    return JsonResponse(
        {"status": "ok" if ok else "failing", "failed": failed, "checks": checks},
        status=200 if ok else 503,
    )


@login_required
def dashboard(request):
    """The resident's home in the portal: a card from each feature app (see
    `portal.core.dashboard`) with the person's records and what to do next."""
    sections = cards_for(request)
    for cards in sections.values():
        for card in cards:
            card.html = render_to_string(card.template, card.context, request=request)
    return render(
        request,
        "portal/dashboard.html",
        {
            "sections": sections,
            "primary_actions": primary_actions(sections),
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


@login_required
def involvement(request):
    """My involvement: everything the person took part in, by financial year with
    the year's totals, read from each app's own records (`portal.core.involvement`)."""
    from .involvement import by_year, involvement_for, linked

    years = by_year(involvement_for(request.user))
    for year in years:
        year.rows = linked(year.items, request)
    return render(request, "portal_core/involvement.html", {"years": years})


@login_required
def involvement_csv(request):
    """The same record as a spreadsheet (CSV)."""
    from .exports import csv_response
    from .involvement import csv_rows, involvement_for, linked

    items = involvement_for(request.user)
    links = {
        id(item): request.build_absolute_uri(url) if url else ""
        for item, url in linked(items, request)
    }
    return csv_response(
        csv_rows(items, link=lambda item: links[id(item)]),
        filename="my-involvement.csv",
        stream=False,
    )
