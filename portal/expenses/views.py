from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from portal.core.decisions import add_service_errors
from portal.core.files import private_file_store
from portal.core.models import AuditEntry
from portal.core.money import format_money
from portal.groups.selectors import is_officer, officer_groups
from portal.participation.selectors import meetings_for_claims

from . import services
from .calculator import describe
from .forms import (
    AnswerForm,
    ClaimStartForm,
    LineForm,
    PreApprovalForm,
    SubmitForm,
    WithdrawForm,
)
from .models import ExpenseClaim, ExpenseLine, PreApproval
from .selectors import claim_checks, policy_on, pre_approvals_to_use
from .tables import ClaimTable, LineTable


def _claims_for(user):
    return ExpenseClaim.objects.filter(claimant=user)


@login_required
def my_claims(request):
    """My expenses claims, newest first, with their state."""
    table = ClaimTable(_claims_for(request.user).select_related("group"))
    RequestConfig(request, paginate={"per_page": 20}).configure(table)
    return render(request, "expenses/my_claims.html", {"table": table})


@login_required
def claim_new(request):
    """Start a claim: meetings the person came to are offered first."""
    form = ClaimStartForm(
        request.POST or None,
        meetings=meetings_for_claims(request.user),
        groups=officer_groups(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = services.claim_start(claimant=request.user, **data)
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, _as_validation(error))
        else:
            return redirect("expenses:detail", claim.pk)
    return render(request, "expenses/claim_new.html", {"form": form})


def _as_validation(error):
    return error if isinstance(error, ValidationError) else ValidationError(str(error))


def _claim_action(request, claim):
    """Handle one of the claim page's forms; returns the form to show again."""
    action = request.POST.get("action")
    if action == "line_kind":  # the first step without JavaScript: the kind
        form = LineForm(
            {"kind": request.POST.get("kind", "")},
            pre_approvals=pre_approvals_to_use(request.user),
        )
        form.is_valid()  # "Choose what the cost was for" if none was chosen
        return "line", form
    forms = {
        "line": LineForm(
            request.POST,
            request.FILES,
            pre_approvals=pre_approvals_to_use(request.user),
        ),
        "submit": SubmitForm(request.POST),
        "answer": AnswerForm(request.POST),
    }
    form = forms.get(action)
    if form is None or not form.is_valid():
        return action, form
    data = form.cleaned_data
    try:
        if action == "line":
            receipt = None
            if data["receipt"]:
                receipt = private_file_store(
                    upload=data["receipt"],
                    uploaded_by=request.user,
                    content_type=form.receipt_type,
                )
            services.claim_add_line(
                claim=claim,
                actor=request.user,
                kind=data["kind"],
                miles=data["miles"] or 0,
                passengers=data["passengers"] or 0,
                hours=data["hours"] or 0,
                spent=data["spent"] or 0,
                reason=data["reason"],
                receipt=receipt,
                pre_approval=data["pre_approval"],
            )
            messages.success(request, _("Cost added."))
        elif action == "submit":
            services.claim_submit(
                claim=claim,
                actor=request.user,
                declared=data["declared"],
                late_reason=data["late_reason"],
            )
            messages.success(
                request, _("Claim sent. We will tell you when it is decided.")
            )
        else:
            services.claim_answer(
                claim=claim, actor=request.user, answer=data["answer"]
            )
            messages.success(request, _("Answer sent."))
    except (ValidationError, PermissionDenied) as error:
        add_service_errors(form, _as_validation(error))
        return action, form
    return action, None


@login_required
def claim_detail(request, pk):
    """One claim: its lines with how each was worked out, any question for the
    claimant, and the status timeline. Only the claimant (or an officer of the
    group it is for) may see it."""
    claim = get_object_or_404(
        ExpenseClaim.objects.select_related("group", "meeting"), pk=pk
    )
    if claim.claimant_id != request.user.pk and not (
        claim.group_id and is_officer(request.user, claim.group)
    ):
        raise Http404
    if request.method == "POST" and claim.claimant_id == request.user.pk:
        action, form = _claim_action(request, claim)
        if form is None:
            return redirect("expenses:detail", claim.pk)
        claim.refresh_from_db()
    else:
        action, form = None, None
    editable = claim.claimant_id == request.user.pk
    can_add = editable and claim.status in {"draft", "queried"}
    policy = policy_on(claim.activity_date) if can_add else None
    rates = [(c.name, describe(c)) for c in policy.categories.all()] if policy else []
    timeline = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ExpenseClaim),
        object_id=str(claim.pk),
    ).order_by("created_at")
    return render(
        request,
        "expenses/claim_detail.html",
        {
            "claim": claim,
            "lines_table": LineTable(
                claim.lines.select_related("category"),
                can_remove=can_add,
            ),
            "timeline": timeline,
            "checks": claim_checks(claim) if editable else [],
            "line_form": form
            if action == "line"
            else LineForm(pre_approvals=pre_approvals_to_use(request.user)),
            "submit_form": form if action == "submit" else SubmitForm(),
            "answer_form": form if action == "answer" else AnswerForm(),
            "can_add": can_add,
            "policy": policy,
            "rates": rates,
            "can_submit": editable and claim.status == "draft",
            "can_answer": editable and claim.status == "queried",
            "can_withdraw": editable and claim.can_withdraw,
        },
    )


@login_required
def claim_withdraw(request, pk):
    """Withdraw my own claim before it is decided: a page that says what that
    means, then a POST (works without JavaScript). Someone else's claim is 404."""
    claim = get_object_or_404(ExpenseClaim, pk=pk, claimant=request.user)
    form = WithdrawForm(request.POST or None)
    if not claim.can_withdraw:
        messages.error(
            request,
            _("Claim %(ref)s is %(status)s, so it cannot be withdrawn.")
            % {"ref": claim.reference, "status": claim.get_status_display().lower()},
        )
        return redirect("expenses:detail", claim.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_withdraw(
                claim=claim, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("You withdrew claim %(ref)s. We will not pay it.")
                % {"ref": claim.reference},
            )
        return redirect("expenses:detail", claim.pk)
    return render(
        request, "expenses/claim_withdraw.html", {"claim": claim, "form": form}
    )


def _refused(request, error):
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


@login_required
@require_POST
def line_remove(request, pk, line_pk):
    """Take one cost off the claimant's own claim (only they may; 404 otherwise)."""
    line = get_object_or_404(
        ExpenseLine.objects.select_related("claim", "category"),
        pk=line_pk,
        claim_id=pk,
        claim__claimant=request.user,
    )
    try:
        services.claim_remove_line(line=line, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Cost removed: %(name)s, %(amount)s.")
            % {"name": line.category.name, "amount": format_money(line.amount)},
        )
    return redirect("expenses:detail", pk)


@login_required
def my_pre_approvals(request):
    """What I asked to be agreed before spending, and what was decided."""
    asked = request.user.expense_pre_approvals.order_by("-created_at", "-pk")
    page = Paginator(asked, 20).get_page(request.GET.get("page"))
    return render(request, "expenses/my_pre_approvals.html", {"page": page})


@login_required
def pre_approval_new(request):
    """Ask before spending on equipment (or a taxi, when there is time to ask)."""
    form = PreApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pre_approval_request(claimant=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Sent. We will tell you when we have decided."))
            return redirect("expenses:pre_approvals")
    return render(request, "expenses/pre_approval_new.html", {"form": form})


@login_required
@require_POST
def pre_approval_withdraw(request, pk):
    """Withdraw one of my own requests while it waits for a decision."""
    pre_approval = get_object_or_404(PreApproval, pk=pk, claimant=request.user)
    try:
        services.pre_approval_withdraw(pre_approval=pre_approval, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("You withdrew %(ref)s: %(what)s.")
            % {"ref": pre_approval.reference, "what": pre_approval.description},
        )
    return redirect("expenses:pre_approvals")
