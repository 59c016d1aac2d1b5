import factory
import wagtail_factories

from .models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = factory.Faker("sentence", nb_words=12)
