"""Wagtail's chooser modals answer a malformed id with a 404, not a crash.

Every chooser (images, documents, snippets, our own `ChooserViewSet`s) has a
"chosen" address, `…/chosen/<str:pk>/`, whose view looks the id up and turns only
`DoesNotExist` into a 404: a text id for a model with numeric keys raises
`ValueError` and answers 500 (found by `tests/test_robustness.py`). Patching the
one mixin they all share covers every chooser, Wagtail's included, without a
copy of each viewset; called once from `PortalCoreConfig.ready`.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from wagtail.admin.views.generic.chooser import ChosenViewMixin


def refuse_malformed_chooser_ids() -> None:
    original = ChosenViewMixin.get_object
    if getattr(original, "refuses_malformed_ids", False):
        return

    def get_object(self, pk):
        try:
            return original(self, pk)
        except (ValueError, TypeError, ValidationError) as error:
            raise ObjectDoesNotExist(str(error)) from error

    get_object.refuses_malformed_ids = True
    ChosenViewMixin.get_object = get_object
