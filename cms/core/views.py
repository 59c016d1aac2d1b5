"""Ask for any page in another format (linked from the foot of every page)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.core.params import parse_id
from portal.core.paths import same_site_path
from portal.core.ratelimit import allow

from .forms import FormatRequestForm
from .models import FormatRequest
from .services import format_request_due_on, format_request_make

REQUESTS_PER_HOUR = 10


def _asked_for(request):
    """The live page (by id) or site address (by path) the person came from."""
    page_id = parse_id(request.GET.get("page"))
    page = Page.objects.live().filter(pk=page_id).first() if page_id else None
    if page is not None:
        return page, page.title, page.url or ""
    return None, "", same_site_path(request.GET.get("path", ""))


def _initial(user) -> dict:
    if not user.is_authenticated:
        return {}
    profile = getattr(user, "resident_profile", None)
    home = profile.home if profile is not None else None
    address = ""
    if home is not None:
        lines = [home.address_line_1, home.address_line_2, home.town, home.postcode]
        address = "\n".join(line for line in lines if line)
    return {"name": user.get_full_name(), "email": user.email, "address": address}


def format_request(request):
    page, title, url = _asked_for(request)
    form = FormatRequestForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(request.user),
        page_known=bool(title),
    )
    if request.method == "POST" and form.is_valid():
        if not allow(
            request, action="format-request", limit=REQUESTS_PER_HOUR, seconds=3600
        ):
            form.add_error(
                None,
                _(
                    "We have had a lot of requests from this connection. Please try "
                    "again in an hour, or phone us."
                ),
            )
        else:
            details = {f: form.cleaned_data[f] for f in FormatRequestForm.Meta.fields}
            made = format_request_make(
                user=request.user,
                page=page,
                page_title=title or form.cleaned_data["what"],
                page_url=url,
                **details,
            )
            request.session["format_request_done"] = made.pk
            return redirect("format_request_done")
    return render(
        request,
        "cms_core/format_request.html",
        {
            "form": form,
            "asked_for": title,
            "back_url": url,
            "due_on": format_request_due_on(),
        },
    )


def format_request_done(request):
    made = FormatRequest.objects.filter(
        pk=request.session.get("format_request_done") or 0
    ).first()
    if made is None:
        messages.info(request, _("Tell us what you need and we will send it."))
        return redirect("format_request")
    return render(request, "cms_core/format_request_done.html", {"made": made})
