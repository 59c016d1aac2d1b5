import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Welcome"
    intro = "Find meetings, have your say and get involved where you live."
