"""Reads of the property register: household counts are the denominators for
sign-up evidence coverage and consultation response rates."""

from django.db.models import Count, Q

from .models import Estate, Property, Tenure


def households(*, estates=None, streets=None, properties=None):
    """Properties (one household each) in any of the given estates, streets or ids."""
    where = Q(pk__in=[])
    if estates:
        where |= Q(estate__in=estates)
    if streets:
        where |= Q(street__in=streets)
    if properties:
        where |= Q(pk__in=properties)
    return Property.objects.filter(where)


def household_counts(queryset) -> dict[str, int]:
    """Total households and landlord-customer households, in one query."""
    return queryset.aggregate(
        total=Count("pk"),
        landlord_customers=Count(
            "pk", filter=Q(tenure__in=Tenure.landlord_customers())
        ),
    )


def estates_with_household_counts():
    return Estate.objects.select_related("area").annotate(
        households=Count("properties"),
        landlord_customers=Count(
            "properties", filter=Q(properties__tenure__in=Tenure.landlord_customers())
        ),
    )
