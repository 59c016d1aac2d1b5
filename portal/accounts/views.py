from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from cms.core.models import LandlordSettings
from portal.core.files import private_file_store
from portal.core.params import parse_id
from portal.core.services import audit_record
from portal.core.steps import step_page
from portal.housing.models import Property

from .forms import (
    EQUALITY_STEPS,
    AccessNeedsForm,
    AdvocateForm,
    CloseAccountForm,
    ContactPreferencesForm,
    EqualityMonitoringForm,
    HomeChoiceForm,
    PostcodeForm,
)
from .models import (
    AccessNeeds,
    Advocacy,
    ContactPreferences,
    EqualityMonitoring,
    ResidentProfile,
)
from .selectors import helped_by, personal_data_export
from .services import (
    AccountCannotClose,
    account_close,
    advocate_accept,
    advocate_add,
    advocate_decline,
    advocate_remove,
    equality_answers_save,
    resident_home_claim,
)


@transaction.atomic
def _save_claim(user, form: HomeChoiceForm) -> None:
    evidence = form.cleaned_data.get("evidence")
    resident_home_claim(
        user=user,
        home=form.cleaned_data["home"],
        tenancy_reference=form.cleaned_data["tenancy_reference"],
        evidence=private_file_store(
            upload=evidence, uploaded_by=user, content_type=form.evidence_type
        )
        if evidence
        else None,
    )


@login_required
def home_claim(request):
    """Tell us where you live: postcode first, then the address and a reference.

    Two plain forms on one page, so it works without JavaScript.
    """
    profile = (
        ResidentProfile.objects.filter(user=request.user).select_related("home").first()
    )
    postcode_form = PostcodeForm(
        request.GET if "postcode" in request.GET else None,
        initial={"postcode": profile.home.postcode if profile else ""},
    )
    choice_form = None
    if postcode_form.is_bound and postcode_form.is_valid():
        homes = Property.objects.filter(postcode=postcode_form.cleaned_data["postcode"])
        if not homes.exists():
            postcode_form.add_error(
                "postcode",
                _(
                    "We have no homes at that postcode in our records. Check it, "
                    "or contact us if you think this is wrong."
                ),
            )
        else:
            choice_form = HomeChoiceForm(
                request.POST if request.method == "POST" else None,
                request.FILES if request.method == "POST" else None,
                homes=homes.order_by("pk"),
                initial={
                    "home": profile.home_id if profile else None,
                    "tenancy_reference": profile.tenancy_reference if profile else "",
                },
            )
            if request.method == "POST" and choice_form.is_valid():
                _save_claim(request.user, choice_form)
                messages.success(
                    request,
                    _(
                        "Thank you. We will check your details against our records, "
                        "usually within 5 working days, and email you."
                    ),
                )
                return redirect("portal:dashboard")
    return render(
        request,
        "accounts/home_claim.html",
        {
            "postcode_form": postcode_form,
            "choice_form": choice_form,
            "profile": profile,
        },
    )


class OwnRecordFormView(LoginRequiredMixin, FormView):
    """Edit a one-per-person record (preferences, access needs, equality answers).

    Each person only ever reaches their own record: it is looked up by
    request.user, never by an id in the URL.
    """

    model = None
    success_message = ""
    delete_message = ""

    def dispatch(self, request, *args, resident_id=None, **kwargs):
        self.subject = request.user
        if resident_id is not None and request.user.is_authenticated:
            # An advocate edits the record of a resident who named them.
            self.subject = helped_by(request.user, resident_id)
            if self.subject is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def acting_for(self):
        return None if self.subject == self.request.user else self.subject

    def get_object(self):
        return self.model.objects.filter(user=self.subject).first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_object()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            record=self.get_object(), acting_for=self.acting_for, **kwargs
        )

    def post(self, request, *args, **kwargs):
        if "delete" in request.POST:
            deleted, _rows = self.model.objects.filter(user=self.subject).delete()
            if deleted:
                self.record_deleted()
                messages.success(request, self.delete_message)
            return redirect("portal:dashboard")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        with transaction.atomic():
            record = form.save(commit=False)
            record.user = self.subject
            self.before_save(record, form)
            record.save()
            form.save_m2m()
            if self.acting_for:
                audit_record(
                    actor=self.request.user,
                    acting_for=self.acting_for,
                    action=f"{self.model._meta.model_name}.updated_by_advocate",
                    target=self.acting_for,
                )
        messages.success(self.request, self.success_message)
        return redirect("portal:dashboard")

    def before_save(self, record, form):
        """Hook for records that need more than the form's fields."""

    def record_deleted(self):
        """Hook for records whose deletion must be audited."""


class ContactPreferencesView(OwnRecordFormView):
    extra_context = {"heading": gettext_lazy("How we contact you")}
    model = ContactPreferences
    form_class = ContactPreferencesForm
    template_name = "accounts/contact_preferences.html"
    success_message = gettext_lazy("Your contact preferences are saved.")


class AccessNeedsView(OwnRecordFormView):
    extra_context = {"heading": gettext_lazy("Your access needs")}
    model = AccessNeeds
    form_class = AccessNeedsForm
    template_name = "accounts/access_needs.html"
    success_message = gettext_lazy(
        "Your access needs are saved. We will use them whenever you take part."
    )
    delete_message = gettext_lazy("Your access needs have been deleted.")

    def get_form_kwargs(self):
        landlord = LandlordSettings.for_request(self.request)
        return {**super().get_form_kwargs(), "landlord_name": landlord.name}

    def before_save(self, record, form):
        if record.pk is None:
            audit_record(
                actor=self.request.user,
                acting_for=self.acting_for,
                action="access_needs.consent_given",
                target=self.subject,
            )
        record.consent_given_at = timezone.now()

    def record_deleted(self):
        audit_record(
            actor=self.request.user,
            acting_for=self.acting_for,
            action="access_needs.consent_withdrawn",
            target=self.subject,
        )


class EqualityMonitoringView(OwnRecordFormView):
    """ "About you": the answers with a "Change" link each (or a start button),
    asked one question a page by `equality_question`. A post of the whole form
    (all seven questions and the box) still saves them all at once."""

    extra_context = {"heading": gettext_lazy("About you (optional)")}
    model = EqualityMonitoring
    form_class = EqualityMonitoringForm
    template_name = "accounts/equality_monitoring.html"
    success_message = gettext_lazy("Thank you. Your answers are saved.")
    delete_message = gettext_lazy("Your equality monitoring answers have been deleted.")

    def get(self, request, *args, **kwargs):
        record = self.get_object()
        return render(
            request,
            "accounts/equality_answers.html",
            {
                **self.get_context_data(),
                "answers": _equality_answers(record) if record else [],
                "first_question": _equality_question_url(EQUALITY_STEPS.steps[0].slug),
            },
        )

    def form_valid(self, form):
        equality_answers_save(
            user=self.subject, actor=self.request.user, answers=form.cleaned_data
        )
        messages.success(self.request, self.success_message)
        return redirect("portal:dashboard")

    def record_deleted(self):
        audit_record(
            actor=self.request.user,
            acting_for=self.acting_for,
            action="equality.answers_deleted",
            target=self.subject,
        )


def _equality_question_url(slug: str) -> str:
    return reverse("portal:equality_question", args=[slug])


def _equality_initial(record) -> dict:
    if record is None:
        return {}
    answers = EqualityMonitoringForm.Meta.fields
    initial = {name: getattr(record, name) for name in answers}
    initial["use_for_representation"] = record.representation_consent_at is not None
    return initial


def _equality_answers(record) -> list[dict]:
    """Each answer as the person would read it, with the question's page."""
    form = EqualityMonitoringForm(instance=record)
    rows = []
    for step in EQUALITY_STEPS.steps:
        for name in step.fields:
            if name == "use_for_representation":
                label = step.heading
                value = _("Yes") if record.representation_consent_at else _("No")
            else:
                label = form.fields[name].label
                value = getattr(record, f"get_{name}_display")()
            url = _equality_question_url(step.slug)
            rows.append({"label": label, "value": value, "url": url})
    return rows


@login_required
def equality_question(request, step: str):
    """One "About you" question a page; each answer is saved as it is given."""
    return step_page(
        request,
        EQUALITY_STEPS,
        step,
        initial=_equality_initial(
            EqualityMonitoring.objects.filter(user=request.user).first()
        ),
        save=lambda given: equality_answers_save(
            user=request.user, actor=request.user, answers=given
        ),
        step_url=_equality_question_url,
        check_url=reverse("portal:equality_monitoring"),
        caption=_("About you (optional)"),
    )


@login_required
def my_data(request):
    """Show what we hold and let the person download it as JSON."""
    if request.GET.get("download"):
        response = JsonResponse(
            personal_data_export(request.user), json_dumps_params={"indent": 2}
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    return render(request, "accounts/my_data.html")


@login_required
def close_account(request):
    """Close my account, after re-entering the password to confirm."""
    form = CloseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_close(user=request.user)
        except AccountCannotClose as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(
                request,
                _("Your account is closed and your personal information removed."),
            )
            return redirect("wagtail_serve", "")
    return render(request, "accounts/close_account.html", {"form": form})


@login_required
def advocates(request):
    """Name someone to act for you, see who can, and remove them; accept or decline
    when someone names you."""
    form = AdvocateForm(request.POST if "email" in request.POST else None)
    if request.method == "POST":
        if "remove" in request.POST:
            advocate_remove(
                resident=request.user, advocacy_id=parse_id(request.POST["remove"])
            )
            messages.success(request, _("They can no longer act for you."))
            return redirect("portal:advocates")
        if request.POST.get("accept", "").isdigit():
            if advocate_accept(
                advocate=request.user, advocacy_id=int(request.POST["accept"])
            ):
                messages.success(request, _("You can now act for them."))
            return redirect("portal:dashboard")
        if request.POST.get("decline", "").isdigit():
            advocate_decline(
                advocate=request.user, advocacy_id=int(request.POST["decline"])
            )
            messages.success(request, _("You will not act for them."))
            return redirect("portal:dashboard")
        if form.is_valid():
            try:
                advocate_add(
                    resident=request.user, advocate_email=form.cleaned_data["email"]
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field, message)
            else:
                # The same words whether or not the address has an account.
                messages.success(
                    request,
                    _(
                        "If this email address has an account with us, we have "
                        "asked them. They can act for you once they accept."
                    ),
                )
                return redirect("portal:advocates")
    return render(
        request,
        "accounts/advocates.html",
        {
            "form": form,
            "advocacies": Advocacy.objects.filter(
                resident=request.user, accepted_at__isnull=False
            ).select_related("advocate"),
        },
    )


def admin_sign_in(request):
    """`/admin/login/`: Wagtail sends people here when they may not use the admin.

    Someone not signed in goes to the site's own sign-in (with two-factor
    authentication). Someone signed in without admin access is told so plainly,
    with a way to their portal, instead of being sent to sign in again (which
    looped between `/admin/` and the sign-in page)."""
    if request.user.is_authenticated and not request.user.has_perm(
        "wagtailadmin.access_admin"
    ):
        return render(request, "accounts/no_admin_access.html", status=403)
    query = request.META.get("QUERY_STRING", "")
    login_url = reverse("account_login")
    return redirect(f"{login_url}?{query}" if query else login_url)
