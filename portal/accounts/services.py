"""Writes for residents' profiles: claiming a home and staff checking the claim."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.models import PrivateFile
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import transition
from portal.housing.models import Property

from .models import (
    Advocacy,
    ContactPreferences,
    EqualityMonitoring,
    ResidentProfile,
    User,
)
from .welcome import welcome_parts


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
    claim = {
        "home": home,
        "tenancy_reference": tenancy_reference.strip(),
        "evidence": evidence,
    }
    profile = ResidentProfile.objects.filter(user=user).first()
    if profile is None:
        profile = ResidentProfile.objects.create(user=user, **claim)
        audit_record(
            actor=user,
            action="resident.home_claimed",
            target=profile,
            to_state=profile.status,
            details={"property": home.pk},
        )
        return profile
    return transition(
        profile,
        "reclaim",
        actor=user,
        changes={
            **claim,
            "decided_at": None,
            "decided_by": None,
            "decision_reason": "",
        },
        details={"property": home.pk},
    )


@transaction.atomic
def resident_profile_decide(
    *, profile: ResidentProfile, officer: User, verified: bool, reason: str = ""
) -> ResidentProfile:
    """Verify a resident's claim, or reject it with a reason they will see."""
    if not officer.has_perm("accounts.verify_residentprofile"):
        raise PermissionDenied(_("You do not have permission to verify residents."))
    check_separation(
        actor=officer, record=profile, own_message=_("You cannot verify your own home.")
    )
    reason = reason.strip()
    profile = transition(
        profile,
        "verify" if verified else "reject",
        actor=officer,
        reason=reason,
        changes={
            "decision_reason": "" if verified else reason,
            "decided_at": timezone.now(),
            "decided_by": officer,
        },
    )
    _notify_decision(profile)
    return profile


def _notify_decision(profile: ResidentProfile) -> None:
    def subject():
        if profile.is_verified:
            return _("Your address is verified")
        return _("We could not verify your address")

    def body():
        if profile.is_verified:
            return _(
                "We have checked your details: you live at %(address)s. You can now "
                "take part in everything for residents of your area."
            ) % {"address": profile.home}
        return _(
            "We could not match you to %(address)s. Why: %(reason)s\n\nYou can "
            "check your details and try again from “My account”, or contact us."
        ) % {"address": profile.home, "reason": profile.decision_reason}

    notify(
        recipient=profile.user,
        key=f"resident.decision:{profile.pk}:{profile.decided_at.isoformat()}",
        subject=subject,
        body=body,
    )
    if profile.is_verified:
        _welcome(profile)


def _welcome(profile: ResidentProfile) -> None:
    """New residents are told, once, about their local group and how to take
    part ("aware … when they enter into tenancy", agreement 002). Feature apps
    add their paragraphs through `portal.accounts.welcome`.
    """
    parts = welcome_parts()

    def body(easy_read=False):
        if easy_read:
            opening = _(
                "Welcome.\nWe know where you live now.\nHere is how to take part."
            )
        else:
            opening = _(
                "Welcome. Now that we know where you live, this is how to take part."
            )
        paragraphs = [opening] + [
            part(profile.user, profile.home, easy_read=easy_read) for part in parts
        ]
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

    notify(
        recipient=profile.user,
        key=f"welcome-{profile.user_id}-{profile.home_id}",
        subject=lambda: _("Welcome: how to get involved where you live"),
        body=body,
        easy_read_body=lambda: body(easy_read=True),
    )


class AccountCannotClose(Exception):
    """Closing this account needs a person, not a button (e.g. staff accounts)."""


@transaction.atomic
def account_close(*, user: User) -> None:
    """Close a resident's account: what each app holds about them is deleted,
    anonymised or kept (with its legal reason) as the personal-data register in
    `portal.core.personal_data` says, the same register the download reads.

    The account row itself stays, blanked, so kept records (audit entries,
    payments) point at "a former resident" rather than at nobody.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from portal.core.personal_data import close_for

    if user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        raise AccountCannotClose(
            _("Staff accounts are closed by an administrator. Please ask one.")
        )
    close_for(user)
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
def advocate_add(*, resident: User, advocate_email: str) -> Advocacy | None:
    """Ask someone with an account to act for this resident; they act once they
    accept. The resident is told the same whether or not the address has an account
    (nothing here may reveal that), so an unknown address just does nothing."""
    email = advocate_email.strip()
    if email.lower() == resident.email.lower():
        raise ValidationError({"email": _("You cannot be your own advocate.")})
    advocate = User.objects.filter(email__iexact=email, is_active=True).first()
    if advocate is None:
        return None
    advocacy, created = Advocacy.objects.get_or_create(
        resident=resident, advocate=advocate
    )
    if created:
        audit_record(actor=resident, action="advocate.asked", target=advocacy)
        notify(
            recipient=advocate,
            key=f"advocate.asked:{advocacy.pk}",
            subject=_("%(resident)s has asked you to act for them")
            % {"resident": resident},
            body=_(
                "%(resident)s has named you as their advocate. Sign in and accept "
                "on your account page; you can then update their contact "
                "preferences and access needs."
            )
            % {"resident": resident},
        )
    return advocacy


@transaction.atomic
def advocate_accept(*, advocate: User, advocacy_id: int) -> Advocacy | None:
    """The person asked agrees to act for the resident (only their own request)."""
    advocacy = (
        Advocacy.objects.select_for_update()
        .filter(advocate=advocate, pk=advocacy_id, accepted_at__isnull=True)
        .first()
    )
    if advocacy is None:
        return None
    advocacy.accepted_at = timezone.now()
    advocacy.save(update_fields=["accepted_at"])
    audit_record(actor=advocate, action="advocate.added", target=advocacy)
    notify(
        recipient=advocacy.resident,
        key=f"advocate.added:{advocacy.pk}",
        subject=_("%(advocate)s can now act for you") % {"advocate": advocate},
        body=_(
            "%(advocate)s accepted. They can now update your contact preferences "
            "and access needs. You can remove them at any time."
        )
        % {"advocate": advocate},
    )
    return advocacy


@transaction.atomic
def advocate_decline(*, advocate: User, advocacy_id: int) -> None:
    """The person asked says no, or stops acting for the resident."""
    advocacy = Advocacy.objects.filter(advocate=advocate, pk=advocacy_id).first()
    if advocacy is not None:
        audit_record(actor=advocate, action="advocate.declined", target=advocacy)
        advocacy.delete()


@transaction.atomic
def advocate_remove(*, resident: User, advocacy_id: int) -> None:
    advocacy = Advocacy.objects.filter(resident=resident, pk=advocacy_id).first()
    if advocacy is not None:
        audit_record(actor=resident, action="advocate.removed", target=advocacy)
        advocacy.delete()


@transaction.atomic
def equality_answers_save(*, user: User, actor: User, answers: dict) -> None:
    """Save some or all of a person's "About you" answers (the one-page form
    sends all, each question page only its own). Agreeing or no longer agreeing
    that the answers may be used in the "who takes part" check is audited; it
    changes only when `answers` holds `use_for_representation`."""
    record = EqualityMonitoring.objects.select_for_update().filter(user=user).first()
    record = record or EqualityMonitoring(user=user)
    answers = dict(answers)
    agreed = answers.pop("use_for_representation", None)
    for name, value in answers.items():
        setattr(record, name, value)
    had_agreed = record.representation_consent_at is not None
    if agreed is not None and agreed != had_agreed:
        record.representation_consent_at = timezone.now() if agreed else None
        audit_record(
            actor=actor,
            action=(
                "equality.representation_consent_given"
                if agreed
                else "equality.representation_consent_withdrawn"
            ),
            target=user,
        )
    record.save()
