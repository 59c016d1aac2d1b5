"""Portal pages for a group's officers (and the public directory).

Every officer page looks the group up through the signed-in person's offices,
so an officer of one group gets 404 for any other group.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from cms.core.pagecache import next_midnight, public_cache
from portal.accounts.models import ResidentProfile
from portal.core.decisions import add_service_errors

from .forms import ActivityForm, DocumentForm, InviteOfficerForm, OfficerForm
from .hooks import evidence_summary
from .models import Activity, Group, Officer, OfficerInvitation, RecognitionRules
from .selectors import (
    Status,
    activity_progress,
    current_documents,
    directory_groups,
    group_status,
    groups_covering,
    groups_run_by,
    groups_with_status_fields,
    next_public_meetings,
    officer_groups,
    public_group,
    recognition_checklist,
    recognition_rules_for,
    supported_by,
)
from .services import (
    activity_record,
    document_upload,
    invitation_accept,
    officer_invite,
    officer_remove,
    officer_update,
    recognition_apply,
)
from .tables import OfficerTable


def officer_group_or_404(request, pk: int) -> Group:
    """The group, only if the signed-in person is one of its officers."""
    return get_object_or_404(officer_groups(request.user), pk=pk)


@login_required
def my_groups(request):
    """Groups I help run, and groups in my area I can support (each group read
    with whether I support it)."""
    rules = recognition_rules_for(request)
    mine = list(groups_run_by(request.user))
    profile = (
        ResidentProfile.objects.filter(
            user=request.user, status=ResidentProfile.Status.VERIFIED
        )
        .select_related("home")
        .first()
    )
    local = []
    if profile:
        local = list(
            groups_with_status_fields(groups_covering(profile.home)).annotate(
                supported=supported_by(request.user)
            )
        )
    for group in [*mine, *local]:
        group.status_label = Status.LABELS[group_status(group, rules=rules)]
    return render(
        request,
        "groups/my_groups.html",
        {"mine": mine, "local": local, "profile": profile},
    )


@login_required
def group_overview(request, pk):
    group = officer_group_or_404(request, pk)
    rules = RecognitionRules.load()
    status = group_status(group, rules=rules)
    # Counted once each, for the checklist and for the panels that show them.
    evidence = evidence_summary(group, rules=rules)
    progress = activity_progress(group, rules=rules)
    checklist = recognition_checklist(
        group, rules=rules, evidence=evidence, progress=progress
    )
    return render(
        request,
        "groups/group_overview.html",
        {
            "group": group,
            "status": status,
            "status_label": Status.LABELS[status],
            "checklist": checklist,
            "evidence": evidence,
            "progress": progress.values(),
            "pending_application": group.applications.filter(status="pending").first(),
            "last_decision": group.applications.exclude(status="pending")
            .order_by("-decided_at")
            .first(),
        },
    )


@login_required
@require_POST
def group_apply(request, pk):
    group = officer_group_or_404(request, pk)
    try:
        recognition_apply(group=group, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Thank you. We have your application and will decide within "
                "10 working days."
            ),
        )
    return redirect("groups:overview", pk=group.pk)


def _officer_table(request, group) -> OfficerTable:
    table = OfficerTable(group.officers.select_related("user"))
    RequestConfig(request).configure(table)
    return table


@login_required
def group_officers(request, pk):
    group = officer_group_or_404(request, pk)
    form = InviteOfficerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = officer_invite(
                group=group, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("We have emailed an invitation to %(email)s.")
                % {"email": invitation.email},
            )
            return redirect("groups:officers", pk=group.pk)
    return render(
        request,
        "groups/officers.html",
        {
            "group": group,
            "table": _officer_table(request, group),
            "invitations": group.invitations.filter(accepted_at__isnull=True),
            "form": form,
        },
    )


@login_required
def officer_edit(request, pk, officer_pk):
    group = officer_group_or_404(request, pk)
    officer = get_object_or_404(
        Officer.objects.select_related("user"), group=group, pk=officer_pk
    )
    form = OfficerForm(request.POST or None, instance=officer)
    if request.method == "POST" and "remove" in request.POST:
        try:
            officer_remove(officer=officer, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("groups:officer_edit", pk=group.pk, officer_pk=officer.pk)
        else:
            messages.success(
                request, _("%(name)s is no longer an officer.") % {"name": officer.user}
            )
            if officer.user_id == request.user.pk:
                return redirect("groups:mine")
            return redirect("groups:officers", pk=group.pk)
    elif request.method == "POST" and form.is_valid():
        officer_update(officer=officer, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("groups:officers", pk=group.pk)
    return render(
        request,
        "groups/officer_edit.html",
        {"group": group, "officer": officer, "form": form},
    )


@login_required
def invitation(request, token):
    invite = get_object_or_404(
        OfficerInvitation.objects.select_related("group"), token=token
    )
    if request.method == "POST":
        try:
            invitation_accept(invitation=invite, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("You are now an officer of %(group)s.") % {"group": invite.group},
            )
            return redirect("groups:overview", pk=invite.group_id)
    return render(request, "groups/invitation.html", {"invitation": invite})


@login_required
def group_documents(request, pk):
    group = officer_group_or_404(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        document_upload(
            group=group,
            actor=request.user,
            upload=upload,
            content_type=form.upload_type,
            **data,
        )
        messages.success(request, _("The document is in your locker."))
        return redirect("groups:documents", pk=group.pk)
    rules = RecognitionRules.load()
    documents = list(group.documents.select_related("file"))
    for document in documents:
        document.expiry = document.expires_on(rules)
    return render(
        request,
        "groups/documents.html",
        {
            "group": group,
            "form": form,
            "documents": documents,
            "current": current_documents(group),
        },
    )


@login_required
def group_activity(request, pk):
    group = officer_group_or_404(request, pk)
    form = ActivityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        minutes = data.pop("minutes_file")
        activity_record(
            group=group,
            actor=request.user,
            minutes_upload=minutes,
            minutes_type=getattr(form, "upload_type", ""),
            **data,
        )
        messages.success(request, _("Recorded."))
        return redirect("groups:activity", pk=group.pk)
    page = Paginator(
        Activity.objects.filter(group=group).select_related("minutes"), 25
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/activity.html",
        {
            "group": group,
            "form": form,
            "page_obj": page,
            "progress": activity_progress(group).values(),
        },
    )


@public_cache("groups", "type:meetings.meetingpage", expires=next_midnight)
def directory(request):
    """Public: recognised groups by area, how to contact them, next meetings."""
    by_area: dict[str, list[Group]] = {}
    for group in directory_groups():
        areas = sorted(
            {estate.area.name for estate in group.estates.all()}
            | {street.estate.area.name for street in group.streets.all()}
        ) or [_("Other areas")]
        group.covers = [estate.name for estate in group.estates.all()] + [
            street.name for street in group.streets.all()
        ]
        group.next_meetings = next_public_meetings(group)
        for area in areas:
            by_area.setdefault(area, []).append(group)
    return render(
        request,
        "groups/directory.html",
        {"by_area": sorted(by_area.items())},
    )


CONTACTS_PER_HOUR = 5


def group_page(request, slug: str):
    """Public: one recognised group's page (area, named officers, next public
    meetings, newsletters) with a form that reaches its officers without
    publishing their addresses."""
    from django.http import Http404

    from portal.core.ratelimit import allow

    from .forms import GroupContactForm
    from .services import group_contact_send

    group = public_group(slug)
    if group is None:
        raise Http404
    form = GroupContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow(
            request,
            action=f"group-contact-{group.pk}",
            limit=CONTACTS_PER_HOUR,
            seconds=3600,
        ):
            form.add_error(
                None,
                _(
                    "We have had a lot of messages from this internet connection. "
                    "Please try again in an hour."
                ),
            )
        else:
            group_contact_send(
                group=group,
                sender_name=form.cleaned_data["name"],
                sender_email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
            )
            messages.success(
                request,
                _("Your message has gone to the officers of %(group)s.")
                % {"group": group.name},
            )
            return redirect(request.path)
    group.covers = [estate.name for estate in group.estates.all()] + [
        street.name for street in group.streets.all()
    ]
    newsletters = group.activities.filter(kind=Activity.Kind.NEWSLETTER).order_by(
        "-date"
    )[:6]
    return render(
        request,
        "groups/group_page.html",
        {
            "group": group,
            "meetings": next_public_meetings(group),
            "newsletters": newsletters,
            "form": form,
        },
    )
