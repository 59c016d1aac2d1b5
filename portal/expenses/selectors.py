import datetime

from .calculator import policy_in_force
from .models import ExpensePolicy


def policy_on(day: datetime.date) -> ExpensePolicy | None:
    """The policy version in force on `day`, with its categories."""
    return (
        ExpensePolicy.objects.filter(effective_from__lte=day)
        .prefetch_related("categories")
        .order_by("-effective_from")
        .first()
    )


def category_for(policy: ExpensePolicy, kind: str):
    for category in policy.categories.all():
        if category.kind == kind:
            return category
    return None


__all__ = ["category_for", "policy_in_force", "policy_on"]
