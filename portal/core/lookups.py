"""A record number too big for the database matches no record, on every path.

Django already answers "nothing" for an out-of-range number on an integer column
(`IntegerFieldOverflow`), but not through a foreign key or a page's parent link:
`Session(meeting=10**40)` from a form, or `ConsultationPage.objects.get(pk=10**40)`
from an address. PostgreSQL compares such a number happily; SQLite's driver
raises OverflowError, a 500. This `exact` lookup gives keys the same check.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact
from django.db.models.lookups import In


class RelatedExactInRange(RelatedExact):
    def process_rhs(self, compiler, connection):
        target = getattr(self.lhs.output_field, "target_field", None)
        if isinstance(self.rhs, int) and target is not None:
            try:
                low, high = connection.ops.integer_field_range(
                    target.get_internal_type()
                )
            except KeyError:  # not an integer key
                low = high = None
            if (low is not None and self.rhs < low) or (
                high is not None and self.rhs > high
            ):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class InDroppingOutOfRange(In):
    """`pk__in=[10**40]` (a form's multiple choice) leaves out numbers no row
    can have, so SQLite's driver never sees them; none left matches nothing."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def bound_related_lookups():
    ForeignObject.register_lookup(RelatedExactInRange, lookup_name="exact")
    IntegerField.register_lookup(InDroppingOutOfRange, lookup_name="in")
