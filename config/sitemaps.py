"""`/sitemap.xml`: every live public page in every language, plus the public
listings that are Django views (groups directory, grants awarded)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class AllLanguagesPageSitemap(WagtailSitemap):
    """Wagtail's sitemap covers one language's tree; this one covers the site's
    home page and each of its translations."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for home in Page.objects.filter(translation_key=root.translation_key):
            trees |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(trees)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


class ListingSitemap(Sitemap):
    """Public pages that are views, in each language."""

    names = ("group_directory", "grant_awards")

    def items(self):
        from django.conf import settings

        return [
            (name, code) for code, _label in settings.LANGUAGES for name in self.names
        ]

    def location(self, item):
        name, code = item
        with translation.override(code):
            return reverse(name)


def robots_txt(request):
    """Crawlers may read the public site, not accounts, the portal or the admin."""
    from django.http import HttpResponse

    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /portal/",
        "Disallow: /*/accounts/",
        "Disallow: /*/portal/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico; send them to the (hashed) SVG icon.

    Resolved per request, not at import, so production's manifest storage is only
    consulted once collectstatic has run.
    """
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
