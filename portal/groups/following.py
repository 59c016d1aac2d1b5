"""Following a resident group from the preference centre (registered with
`portal.accounts.follows`): followers hear about the meetings of the group's
bodies and their minutes (`portal.participation.services`)."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.accounts.follows import Follow
from portal.core.fields import BoundedModelMultipleChoiceField

from .models import Group, GroupFollow


def groups_followed_by(person):
    return Group.objects.filter(followers__person=person)


def group_follows_set(person, groups) -> None:
    """Keep exactly `groups` as the groups `person` follows."""
    chosen = {group.pk for group in groups}
    with transaction.atomic():
        GroupFollow.objects.filter(person=person).exclude(group_id__in=chosen).delete()
        GroupFollow.objects.bulk_create(
            [GroupFollow(person=person, group_id=pk) for pk in chosen],
            ignore_conflicts=True,
        )


def _field() -> forms.Field:
    return BoundedModelMultipleChoiceField(
        queryset=Group.objects.all(),
        label=_("Resident groups you follow"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


FOLLOW_GROUPS = Follow(
    name="groups", field=_field, followed=groups_followed_by, save=group_follows_set
)
