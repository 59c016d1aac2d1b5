"""Writes for residents' profiles: claiming a home and staff checking the claim."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.files import private_files_release
from portal.core.models import PrivateFile
from portal.core.services import audit_record, notify
from portal.housing.models import Property

from .models import (
    AccessNeeds,
    Advocacy,
    ContactPreferences,
    EqualityMonitoring,
    ResidentProfile,
    User,
)


@transaction.atomic
def resident_home_claim(
    *,
    user: User,
    home: Property,
    tenancy_reference: str,
    evidence: PrivateFile | None = None,
) -> ResidentProfile:
    """Record (or change) where a resident says they live; staff then check it.

    A changed claim goes back to the queue, because what staff verified was the
    old address.
    """
    profile = ResidentProfile.objects.select_for_update().filter(user=user).first()
    previous = profile.status if profile else ""
    if profile is None:
        profile = ResidentProfile(user=user)
    profile.home = home
    profile.tenancy_reference = tenancy_reference.strip()
    profile.evidence = evidence
    profile.status = ResidentProfile.Status.PENDING
    profile.decided_at = profile.decided_by = None
    profile.rejection_reason = ""
    profile.save()
    audit_record(
        actor=user,
        action="resident.home_claimed",
        target=profile,
        from_state=previous,
        to_state=profile.status,
        details={"property": home.pk},
    )
    return profile


@transaction.atomic
def resident_profile_decide(
    *, profile: ResidentProfile, officer: User, verified: bool, reason: str = ""
) -> ResidentProfile:
    """Verify a resident's claim, or reject it with a reason they will see."""
    if not officer.has_perm("accounts.verify_residentprofile"):
        raise PermissionDenied(_("You do not have permission to verify residents."))
    if officer.pk == profile.user_id:
        raise PermissionDenied(_("You cannot verify your own home."))
    profile = ResidentProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status != ResidentProfile.Status.PENDING:
        raise ValidationError(
            _("This claim has already been decided (%(status)s).")
            % {"status": profile.get_status_display()}
        )
    if not verified and not reason.strip():
        raise ValidationError(
            {"reason": _("Say why, so the resident knows what to do next.")}
        )
    previous = profile.status
    profile.status = (
        ResidentProfile.Status.VERIFIED if verified else ResidentProfile.Status.REJECTED
    )
    profile.rejection_reason = "" if verified else reason.strip()
    profile.decided_at = timezone.now()
    profile.decided_by = officer
    profile.save()
    audit_record(
        actor=officer,
        action="resident.verified" if verified else "resident.rejected",
        target=profile,
        from_state=previous,
        to_state=profile.status,
        reason=reason.strip(),
    )
    _notify_decision(profile)
    return profile


def _notify_decision(profile: ResidentProfile) -> None:
    if profile.is_verified:
        subject = _("Your address is verified")
        body = _(
            "We have checked your details: you live at %(address)s. You can now take "
            "part in everything for residents of your area."
        ) % {"address": profile.home}
    else:
        subject = _("We could not verify your address")
        body = _(
            "We could not match you to %(address)s. Why: %(reason)s\n\nYou can check "
            "your details and try again from “My account”, or contact us."
        ) % {"address": profile.home, "reason": profile.rejection_reason}
    notify(
        recipient=profile.user,
        key=f"resident.decision:{profile.pk}:{profile.decided_at.isoformat()}",
        subject=subject,
        body=body,
    )


class AccountCannotClose(Exception):
    """Closing this account needs a person, not a button (e.g. staff accounts)."""


@transaction.atomic
def account_close(*, user: User) -> None:
    """Close a resident's account: remove or anonymise their personal data.

    Kept, with the reason: audit entries of decisions they took part in (the
    landlord must be able to show how decisions were made), now pointing at an
    anonymous closed account; files that a group's or the landlord's records
    still use (locker documents, minutes, receipts), no longer linked to them.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from portal.core.models import Notification

    if user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        raise AccountCannotClose(
            _("Staff accounts are closed by an administrator. Please ask one.")
        )
    for model in (ContactPreferences, AccessNeeds, EqualityMonitoring, ResidentProfile):
        model.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    private_files_release(user=user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"closed-account-{user.pk}@invalid.example"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=None,
        action="account.closed",
        target=user,
        reason="Closed at the person's request; decision records kept anonymised.",
    )


@transaction.atomic
def resident_assisted_register(
    *,
    officer: User,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    home: Property,
    tenancy_reference: str,
    channel: str,
    checked: bool,
) -> ResidentProfile:
    """Set up a resident who contacted us by phone, paper form or in person.

    Recorded as assisted (who, how) in the profile and the audit log. If the
    officer checked the tenancy reference while talking to them, the home is
    verified at once (by that officer); otherwise it waits in the queue.
    """
    if not officer.has_perm("accounts.verify_residentprofile"):
        raise PermissionDenied(_("You do not have permission to set up residents."))
    email = email.strip().lower()
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Someone already has an account with this email address.")}
        )
    user = User(first_name=first_name.strip(), last_name=last_name.strip())
    user.set_unusable_password()  # they can set one with "Forgot your password?"
    user.save()
    # People without email still need a unique sign-in identifier.
    user.email = email or f"no-email-{user.pk}@invalid.example"
    user.save(update_fields=["email"])
    ContactPreferences.objects.create(
        user=user,
        by_email=bool(email),
        by_phone=bool(phone),
        by_post=not email and not phone,
        phone=phone.strip(),
    )
    profile = ResidentProfile.objects.create(
        user=user,
        home=home,
        tenancy_reference=tenancy_reference.strip(),
        assisted_by=officer,
        assisted_channel=channel,
    )
    audit_record(
        actor=officer,
        acting_for=user,
        action="resident.assisted_registration",
        target=profile,
        to_state=profile.status,
        details={"channel": channel},
    )
    if checked:
        profile = resident_profile_decide(
            profile=profile, officer=officer, verified=True
        )
    return profile


@transaction.atomic
def advocate_add(*, resident: User, advocate_email: str) -> Advocacy:
    """Let someone with an account act for this resident."""
    advocate = User.objects.filter(
        email__iexact=advocate_email.strip(), is_active=True
    ).first()
    if advocate is None:
        raise ValidationError(
            {
                "email": _(
                    "Nobody has an account with this email address. Ask them to "
                    "create one first."
                )
            }
        )
    if advocate == resident:
        raise ValidationError({"email": _("You cannot be your own advocate.")})
    advocacy, created = Advocacy.objects.get_or_create(
        resident=resident, advocate=advocate
    )
    if created:
        audit_record(actor=resident, action="advocate.added", target=advocacy)
        notify(
            recipient=advocate,
            key=f"advocate.added:{advocacy.pk}",
            subject=_("%(resident)s has asked you to act for them")
            % {"resident": resident},
            body=_(
                "%(resident)s has named you as their advocate. You can now update "
                "their contact preferences and access needs from “My account”."
            )
            % {"resident": resident},
        )
    return advocacy


@transaction.atomic
def advocate_remove(*, resident: User, advocacy_id: int) -> None:
    advocacy = Advocacy.objects.filter(resident=resident, pk=advocacy_id).first()
    if advocacy is not None:
        audit_record(actor=resident, action="advocate.removed", target=advocacy)
        advocacy.delete()
