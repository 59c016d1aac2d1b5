"""Wagtail's choosers treat an id that is not an id ("abc", "²") like one that
names no record: a 404 from the modal, "nothing chosen" in a form, never a crash.

Wagtail looks the chosen id up with `objects.get(pk=…)` in three places and turns
only `DoesNotExist` into "no such record": a text id for a model with numeric keys
raises `ValueError` instead, a 500 (found by `tests/test_robustness.py`):

- the modal's "chosen" address, `…/chosen/<str:pk>/` (`ChosenViewMixin`), and
  its "chosen several" one, `…/chosen-multiple/?id=…` (`ChosenMultipleViewMixin`:
  a 400, as for any malformed query string);
- the chooser widget drawing a refused form again with the posted id
  (`BaseChooser.get_instance`: every snippet, page, image, document and
  `ChooserViewSet` chooser in every admin form, Wagtail's own included);
- a chooser block in a page body reading the posted id (`ChooserBlock`).

The form field itself already says "Select a valid choice" for such an id.
Patching the one method each kind shares covers every chooser, Wagtail's
included, without a copy of each; called once from `PortalCoreConfig.ready`.
"""

from django.core.exceptions import BadRequest, ObjectDoesNotExist, ValidationError
from wagtail.admin.views.generic.chooser import (
    ChosenMultipleViewMixin,
    ChosenViewMixin,
)
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.blocks import ChooserBlock

MALFORMED_ID = (ValueError, TypeError, ValidationError)


def refuse_malformed_chooser_ids() -> None:
    if getattr(ChosenViewMixin.get_object, "refuses_malformed_ids", False):
        return
    _patch(ChosenViewMixin, "get_object", _not_found)
    _patch(ChosenMultipleViewMixin, "get", _bad_request)
    _patch(BaseChooser, "get_instance", lambda error: None)
    _patch(ChooserBlock, "value_from_form", lambda error: None)


def _not_found(error):
    raise ObjectDoesNotExist(str(error)) from error


def _bad_request(error):
    raise BadRequest(str(error)) from error


def _patch(cls, name, on_malformed_id) -> None:
    """Make `cls.name` answer a malformed id as `on_malformed_id(error)` does."""
    original = getattr(cls, name)

    def method(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        except MALFORMED_ID as error:
            return on_malformed_id(error)

    method.refuses_malformed_ids = True
    setattr(cls, name, method)
