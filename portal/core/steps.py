"""One question per page (the GOV.UK pattern) for a form too long to ask at once.

A feature splits its form into `Step`s, each asking one question (or one closely
related group). Each step's page has "Continue" (saves, then the next question)
and "Save and come back later" (saves, then leaves). Every answer is saved as a
draft through the feature's own service as soon as it is given, so nothing is
lost and the service stays the one place for the rules; a service's
`ValidationError` is shown beside the question and in the error summary. After
the last question comes the feature's "Check your answers" page, whose "Change"
links open a question with `?change=1` and come back to it. Plain forms and
links: it works without JavaScript."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .decisions import add_service_errors


@dataclass(frozen=True)
class Step:
    slug: str
    fields: tuple[str, ...]
    # A group of questions needs a heading; one question is its own heading
    # unless its label is not a question (a box to tick), when it has one too.
    heading: str = ""


class Steps:
    """The questions of `form_class`, in order, one `Step` a page."""

    def __init__(self, form_class, steps: list[Step]):
        self.form_class = form_class
        self.steps = steps

    def find(self, slug: str) -> Step:
        for step in self.steps:
            if step.slug == slug:
                return step
        raise Http404

    def after(self, step: Step) -> Step | None:
        index = self.steps.index(step)
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    def before(self, step: Step) -> Step | None:
        index = self.steps.index(step)
        return self.steps[index - 1] if index else None

    def for_field(self, name: str) -> Step | None:
        return next((step for step in self.steps if name in step.fields), None)

    def form(self, step: Step, data=None, initial=None):
        """The whole form's class, asking only this step's questions."""
        form = self.form_class(data, initial=initial)
        for name in list(form.fields):
            if name not in step.fields:
                del form.fields[name]
        return form


def step_page(
    request,
    steps: Steps,
    slug: str,
    *,
    initial: dict,
    save: Callable[[dict], object],
    step_url: Callable[[str], str],
    check_url: str,
    caption: str = "",
):
    """One question's page: shows it, saves the answer with `save(answers)`
    (a service call), then goes on to the next question, back to "Check your
    answers" (after a "Change", or after the last question) or, for "Save and
    come back later", to "Check your answers" with a message saying so."""
    step = steps.find(slug)
    changing = request.GET.get("change") == "1"
    form = steps.form(step, initial=initial)
    if request.method == "POST":
        form = steps.form(step, request.POST, initial=initial)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if request.POST.get("action") == "later":
                    messages.success(
                        request, _("Saved. You can come back to it later.")
                    )
                    return redirect(check_url)
                following = steps.after(step)
                if changing or following is None:
                    return redirect(check_url)
                return redirect(step_url(following.slug))
    previous = steps.before(step)
    return render(
        request,
        "core/step.html",
        {
            "form": form,
            "step": step,
            "single": len(form.visible_fields()) == 1 and not step.heading,
            "caption": caption,
            "back_url": check_url
            if changing or previous is None
            else step_url(previous.slug),
        },
    )
