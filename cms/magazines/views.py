"""A competition page: read the question, enter once when signed in."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CompetitionDraw, CompetitionEntry
from .services import competition_enter, competition_source


class EntryForm(forms.Form):
    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        label = competition.question
        required = {"required": gettext_lazy("Give your answer.")}
        if competition.choice_list:
            self.fields["answer"] = forms.ChoiceField(
                label=label,
                choices=[(c, c) for c in competition.choice_list],
                widget=forms.RadioSelect,
                error_messages={**required, "invalid_choice": required["required"]},
            )
        else:
            self.fields["answer"] = forms.CharField(
                label=label, max_length=300, error_messages=required
            )


def competition(request, page):
    source = competition_source(page)
    entry = None
    if request.user.is_authenticated:
        entry = CompetitionEntry.objects.filter(
            competition=source, entrant=request.user
        ).first()
    data = request.POST if request.method == "POST" else None
    form = EntryForm(data, competition=page)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(page.url)
        if form.is_valid():
            try:
                competition_enter(
                    competition=page,
                    user=request.user,
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Thank you: you are in the draw. Good luck!")
                )
                return redirect(page.url)
    drawn = CompetitionDraw.objects.filter(competition=source).exists()
    return TemplateResponse(
        request,
        "magazines/competition_page.html",
        {"page": page, "self": page, "form": form, "entry": entry, "drawn": drawn},
    )
