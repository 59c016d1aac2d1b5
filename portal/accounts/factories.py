"""Factories for people: used by the tests and by the demo data alike."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import User

DEMO_PASSWORD = "Involve-demo-2026"  # noqa: S105 (demo and tests only)


class UserFactory(factory.django.DjangoModelFactory):
    """A user who has verified their email address and can sign in."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password(DEMO_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=self,
                email=self.email,
                defaults={"verified": True, "primary": True},
            )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
