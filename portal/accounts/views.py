from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.housing.models import Property

from .forms import HomeChoiceForm, PostcodeForm
from .models import ResidentProfile
from .services import resident_home_claim


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
    homes = Property.objects.none()
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
                homes=homes.order_by("pk"),
                initial={
                    "home": profile.home_id if profile else None,
                    "tenancy_reference": profile.tenancy_reference if profile else "",
                },
            )
            if request.method == "POST" and choice_form.is_valid():
                resident_home_claim(
                    user=request.user,
                    home=choice_form.cleaned_data["home"],
                    tenancy_reference=choice_form.cleaned_data["tenancy_reference"],
                )
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
