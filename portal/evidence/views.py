"""Officers' sign-up evidence pages: the live computation, signatures and
paper sheets. Reached only through the officer's own group (404 otherwise).
And a resident supporting a group (or withdrawing their support). Served under
/portal/groups/ (registered with `portal.groups.hooks`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from portal.core.dates import london_today
from portal.core.decisions import add_service_errors
from portal.groups.models import Group, RecognitionRules
from portal.groups.views import officer_group_or_404

from .forms import PaperRowForm, PaperSheetForm
from .models import PaperSheet
from .selectors import evidence_summary, signature_rows
from .services import (
    paper_row_add,
    paper_sheet_upload,
    signature_support,
    signature_withdraw,
)
from .tables import PaperRowTable, SignatureTable


@login_required
def group_evidence(request, pk):
    group = officer_group_or_404(request, pk)
    form = PaperSheetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        sheet = paper_sheet_upload(
            group=group,
            actor=request.user,
            upload=form.cleaned_data["scan"],
            content_type=form.upload_type,
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("Sheet uploaded. Now type in its rows."))
        return redirect("groups:sheet", pk=group.pk, sheet_pk=sheet.pk)
    rules = RecognitionRules.load()
    today = london_today()
    table = SignatureTable(signature_rows(group), today=today, rules=rules)
    RequestConfig(request).configure(table)
    return render(
        request,
        "evidence/group_evidence.html",
        {
            "group": group,
            "summary": evidence_summary(group, on=today, rules=rules),
            "table": table,
            "sheets": group.paper_sheets.all(),
            "form": form,
        },
    )


def _paper_row_table(request, sheet) -> PaperRowTable:
    table = PaperRowTable(sheet.rows.select_related("home"))
    RequestConfig(request).configure(table)
    return table


@login_required
def paper_sheet(request, pk, sheet_pk):
    group = officer_group_or_404(request, pk)
    sheet = get_object_or_404(
        PaperSheet.objects.select_related("scan"), group=group, pk=sheet_pk
    )
    form = PaperRowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            paper_row_add(sheet=sheet, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Row added. Add the next one."))
            return redirect("groups:sheet", pk=group.pk, sheet_pk=sheet.pk)
    return render(
        request,
        "evidence/paper_sheet.html",
        {
            "group": group,
            "sheet": sheet,
            "table": _paper_row_table(request, sheet),
            "form": form,
        },
    )


@login_required
@require_POST
def group_support(request, pk):
    """A verified resident of the area supports a group, or withdraws support."""
    group = get_object_or_404(Group, pk=pk)
    try:
        with transaction.atomic():
            if request.POST.get("action") == "withdraw":
                signature_withdraw(group=group, user=request.user)
                messages.success(
                    request,
                    _("You no longer support %(group)s.") % {"group": group},
                )
            else:
                signature_support(group=group, user=request.user)
                messages.success(
                    request,
                    _("Thank you for supporting %(group)s.") % {"group": group},
                )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("groups:mine")
