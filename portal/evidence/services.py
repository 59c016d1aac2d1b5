"""Writes for sign-up evidence: online support, paper sheets and staff checks."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.eligibility import home_not_checked_reason
from portal.accounts.models import ResidentProfile, User
from portal.core.dates import london_today
from portal.core.files import private_file_store
from portal.core.separation import check_separation
from portal.core.services import audit_record
from portal.core.transitions import transition
from portal.groups.models import Group, RecognitionRules
from portal.groups.selectors import group_households, is_officer
from portal.housing.models import Property

from .models import PaperSheet, Signature

CHECK_PERMISSION = "evidence.check_signature"


def _require_officer_or_staff(user: User, group: Group) -> None:
    if not (is_officer(user, group) or user.has_perm(CHECK_PERMISSION)):
        raise PermissionDenied(_("Only the group’s officers can do this."))


@transaction.atomic
def signature_support(*, group: Group, user: User) -> Signature:
    """A verified resident of the area says "I support this group"."""
    reason = home_not_checked_reason(user)
    if reason:
        raise ValidationError(reason)
    profile = ResidentProfile.objects.get(user=user)
    if not group_households(group).filter(pk=profile.home_id).exists():
        raise ValidationError(_("Your home is not in the area this group covers."))
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                group=group,
                home_id=profile.home_id,
                source=Signature.Source.ONLINE,
                signer=user,
                name=user.get_full_name(),
                signed_on=london_today(),
                status=Signature.Status.ACCEPTED,
            )
    except IntegrityError:
        raise ValidationError(_("You already support this group.")) from None
    audit_record(
        actor=user, action="evidence.signed", target=signature, to_state="online"
    )
    return signature


@transaction.atomic
def signature_withdraw(*, group: Group, user: User) -> None:
    signature = (
        Signature.objects.select_for_update()
        .filter(group=group, signer=user, withdrawn_at__isnull=True)
        .first()
    )
    if signature is None:
        raise ValidationError(_("You do not support this group at the moment."))
    signature.withdrawn_at = timezone.now()
    signature.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=user, action="evidence.withdrawn", target=signature, to_state="withdrawn"
    )


@transaction.atomic
def paper_sheet_upload(
    *, group: Group, actor: User, upload, content_type: str, description: str = ""
) -> PaperSheet:
    _require_officer_or_staff(actor, group)
    sheet = PaperSheet.objects.create(
        group=group,
        scan=private_file_store(
            upload=upload, uploaded_by=actor, content_type=content_type
        ),
        description=description.strip(),
        uploaded_by=actor,
    )
    audit_record(actor=actor, action="evidence.sheet_uploaded", target=sheet)
    return sheet


def match_address(*, postcode: str, address: str) -> Property:
    """Find the register's home for a typed address: postcode plus first line."""
    homes = Property.objects.filter(postcode=postcode)
    typed = " ".join(address.lower().replace(",", " ").split())
    for home in homes:
        if " ".join(home.address_line_1.lower().replace(",", " ").split()) == typed:
            return home
    raise ValidationError(
        {
            "address": _(
                "We cannot find “%(address)s” at %(postcode)s in our property "
                "register. Type the first line as it is on the sheet, for example "
                "“Flat 12, Anchor House”."
            )
            % {"address": address, "postcode": postcode}
        }
    )


@transaction.atomic
def paper_row_add(
    *,
    sheet: PaperSheet,
    actor: User,
    name: str,
    postcode: str,
    address: str,
    signed_on: datetime.date,
    has_signature: bool,
) -> Signature:
    """An officer types one row of a paper sheet; staff check it later."""
    _require_officer_or_staff(actor, sheet.group)
    if signed_on > london_today():
        raise ValidationError({"signed_on": _("The date cannot be in the future.")})
    home = match_address(postcode=postcode, address=address)
    signature = Signature.objects.create(
        group=sheet.group,
        home=home,
        source=Signature.Source.PAPER,
        name=name.strip(),
        signed_on=signed_on,
        has_signature=has_signature,
        sheet=sheet,
        status=Signature.Status.PENDING,
        entered_by=actor,
    )
    audit_record(
        actor=actor, action="evidence.row_entered", target=signature, to_state="pending"
    )
    return signature


@transaction.atomic
def signature_check(
    *, signature: Signature, officer: User, accept: bool, reason: str = ""
) -> Signature:
    """Staff compare a typed row with the scan: accept it, or reject with a reason."""
    if not officer.has_perm(CHECK_PERMISSION):
        raise PermissionDenied(_("You do not have permission to check signatures."))

    def check(locked):
        check_separation(actor=officer, record=locked)
        pending = locked.status == Signature.Status.PENDING
        if accept and pending and not locked.has_signature:
            raise ValidationError(
                _(
                    "The sheet shows no signature for this row, so it cannot "
                    "be accepted."
                )
            )

    return transition(
        signature,
        "accept" if accept else "reject",
        actor=officer,
        reason=reason.strip(),
        check=check,
        changes={
            "decision_reason": "" if accept else reason.strip(),
            "decided_by": officer,
            "decided_at": timezone.now(),
        },
    )


@transaction.atomic
def signatures_purge(*, on: datetime.date | None = None) -> int:
    """Delete signers' details a set time after their signature expired.

    Run it daily (`manage.py purge_signatures`); it only ever deletes rows past
    the time limit, so running it twice is harmless.
    """
    on = on or london_today()
    rules = RecognitionRules.load()
    cutoff = on - relativedelta(months=rules.renewal_months + rules.purge_months)
    expired = Signature.objects.filter(signed_on__lte=cutoff)
    count = expired.count()
    if count:
        expired.delete()
        audit_record(
            actor=None,
            action="evidence.purged",
            target=rules,
            reason=_("Signatures older than %(date)s deleted.") % {"date": cutoff},
            details={"rows": count},
        )
    return count
