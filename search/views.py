import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search live, public pages in the visitor's language, ten results a page."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    # Words only: quotes, brackets and operators are syntax to the full-text
    # engines (SQLite FTS5 refuses an unmatched quote) and mean nothing here.
    words = " ".join(re.sub(r"[^\w\s]", " ", query).split())
    results_page = None
    if words:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(words)
        )
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
    return render(
        request,
        "search/search.html",
        {"query": query, "results_page": results_page},
    )
