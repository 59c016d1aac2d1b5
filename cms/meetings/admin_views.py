"""Back-office pages: making a series of meetings. (The compliance report and a
meeting's attendees are participation's: `portal.participation.admin_views`.)"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.core.params import (
    EARLIEST_DATE,
    LATEST_DATE,
    date_in_window,
)

from .models import Body, MeetingIndexPage, MeetingPage, Venue


class SeriesForm(forms.Form):
    body = forms.ModelChoiceField(
        label=gettext_lazy("Body"), queryset=Body.objects.all()
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        help_text=gettext_lazy("The date is added to each meeting's title."),
        # A page title holds 255 characters; ", 30 September 2026" takes the rest.
        max_length=200,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=MeetingPage.Kind.choices
    )
    first_start = forms.DateTimeField(
        label=gettext_lazy("First meeting starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    minutes_long = forms.IntegerField(
        label=gettext_lazy("Length in minutes"),
        min_value=15,
        max_value=600,
        initial=120,
    )
    every_weeks = forms.IntegerField(
        label=gettext_lazy("Every how many weeks"), min_value=1, max_value=26, initial=4
    )
    count = forms.IntegerField(
        label=gettext_lazy("How many meetings"), min_value=2, max_value=52, initial=6
    )
    venue = forms.ModelChoiceField(
        label=gettext_lazy("Venue"), queryset=Venue.objects.all(), required=False
    )

    def clean(self):
        data = super().clean()
        first = data.get("first_start")
        if first is None:
            return data
        last = first
        if (
            date_in_window(first.date())
            and data.get("every_weeks")
            and data.get("count")
        ):
            last = first + datetime.timedelta(
                weeks=data["every_weeks"] * (data["count"] - 1)
            )
        if not (date_in_window(first.date()) and date_in_window(last.date())):
            self.add_error(
                "first_start",
                _("Choose a date between %(earliest)s and %(latest)s.")
                % {
                    "earliest": EARLIEST_DATE.strftime("%Y"),
                    "latest": LATEST_DATE.strftime("%Y"),
                },
            )
        return data


def series_index_for(user) -> MeetingIndexPage | None:
    """The meetings index a new series goes under, if this person may add pages
    there (None otherwise). Permission to add pages elsewhere, such as reports,
    is not enough; the menu and the screen both ask here so they agree. One
    query per request (remembered on the user, as Wagtail does its permissions),
    and none for people with no page rights."""
    if not hasattr(user, "_meeting_series_index"):
        policy = PagePermissionPolicy()
        index = None
        if policy.user_has_permission(user, "add"):
            index = MeetingIndexPage.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).first()
        if index is not None and not policy.user_has_permission_for_instance(
            user, "add", index
        ):
            index = None
        user._meeting_series_index = index
    return user._meeting_series_index


class SeriesView(WagtailAdminTemplateMixin, FormView):
    """A regular body's year in one step: each meeting is its own draft page (for
    its own papers and minutes), dated when an editor publishes it."""

    form_class = SeriesForm
    template_name = "meetings/admin/series.html"
    page_title = gettext_lazy("Create a series of meetings")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        self.index = series_index_for(request.user)
        if self.index is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        length = datetime.timedelta(minutes=data["minutes_long"])
        with transaction.atomic():
            for n in range(data["count"]):
                start = data["first_start"] + datetime.timedelta(
                    weeks=data["every_weeks"] * n
                )
                meeting = MeetingPage(
                    title=f"{data['title']}, {timezone.localtime(start):%-d %B %Y}",
                    body=data["body"],
                    kind=data["kind"],
                    start=start,
                    end=start + length,
                    venue=data["venue"],
                    live=False,
                    short_notice_reason="",
                )
                self.index.add_child(instance=meeting)
                meeting.save_revision(user=self.request.user)
        messages.success(
            self.request,
            _("%(count)d draft meetings created. Add papers and publish each in time.")
            % {"count": data["count"]},
        )
        return redirect("wagtailadmin_explore", self.index.pk)
