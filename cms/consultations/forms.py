"""The response form, built from the consultation's question blocks."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Channel


class ResponseForm(forms.Form):
    """One field per question (ranking: one per option). Field names carry the
    block id, so answers stay attached to the right question."""

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.rankings = []
        for block in consultation.questions:
            value = block.value
            key = f"q_{block.id}"
            common = {
                "label": value["question"],
                "help_text": value.get("help_text") or "",
                "required": bool(value.get("required")),
            }
            kind = block.block_type
            if kind in ("single_choice", "multiple_choice"):
                choices = [(o, o) for o in value["options"]]
                if kind == "single_choice":
                    self.fields[key] = forms.ChoiceField(
                        choices=choices, widget=forms.RadioSelect, **common
                    )
                else:
                    self.fields[key] = forms.MultipleChoiceField(
                        choices=choices, widget=forms.CheckboxSelectMultiple, **common
                    )
            elif kind == "scale":
                top = int(value["maximum"])
                choices = [(str(n), str(n)) for n in range(1, top + 1)]
                choices[0] = ("1", f"1 – {value['low_label']}")
                choices[-1] = (str(top), f"{top} – {value['high_label']}")
                self.fields[key] = forms.ChoiceField(
                    choices=choices, widget=forms.RadioSelect, **common
                )
            elif kind == "ranking":
                options = value["options"]
                ranks = [("", _("Not ranked"))] + [
                    (str(n), str(n)) for n in range(1, len(options) + 1)
                ]
                names = []
                for index, option in enumerate(options):
                    name = f"{key}_{index}"
                    self.fields[name] = forms.ChoiceField(
                        label=_("%(question)s – rank for “%(option)s”")
                        % {"question": value["question"], "option": option},
                        choices=ranks,
                        required=common["required"],
                        help_text=_("1 is most important.") if index == 0 else "",
                    )
                    names.append(name)
                self.rankings.append(names)
            else:
                self.fields[key] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 5}), max_length=4000, **common
                )

    def clean(self):
        data = super().clean()
        for names in self.rankings:
            seen = {}
            for name in names:
                rank = data.get(name)
                if not rank:
                    continue
                if rank in seen:
                    self.add_error(
                        name,
                        _(
                            "You gave rank %(rank)s to two options. "
                            "Use each number once."
                        )
                        % {"rank": rank},
                    )
                seen[rank] = name
        return data


class AnonymousResponseForm(ResponseForm):
    """Answering without an account: when the consultation has a prize draw,
    the person may enter it by giving an email address to tell them if they win."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.consultation.prize_draw:
            return
        self.fields["enter_draw"] = forms.BooleanField(
            label=_("Enter me into the prize draw for %(prize)s")
            % {"prize": self.consultation.prize},
            help_text=_(
                "We only use your name and email to tell you if you win. We delete "
                "them after the draw unless you win."
            ),
            required=False,
        )
        self.fields["draw_name"] = forms.CharField(
            label=_("Your name"), max_length=100, required=False
        )
        self.fields["draw_email"] = forms.EmailField(
            label=_("Your email address"), required=False
        )

    def clean(self):
        data = super().clean()
        missing = not data.get("draw_email") and "draw_email" not in self.errors
        if data.get("enter_draw") and missing:
            self.add_error(
                "draw_email",
                _(
                    "Enter your email address so we can tell you if you win, "
                    "or untick the prize draw box."
                ),
            )
        return data

    def draw_contact(self, *, language: str) -> dict:
        """The contact details to keep for the draw, with the language to write
        to the winner in (none unless they entered)."""
        if not self.cleaned_data.get("enter_draw"):
            return {}
        return {
            "draw_name": self.cleaned_data.get("draw_name", "").strip(),
            "draw_email": self.cleaned_data["draw_email"],
            "draw_language": language,
        }


class StaffResponseForm(ResponseForm):
    """Paper and phone responses typed in by staff for a household, found by the
    UPRN of its home (printed on the paper form, or asked on the phone)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.accounts.models import User

        self.home = None
        self.fields = {
            "uprn": forms.CharField(
                label=gettext_lazy("UPRN of the home"),
                help_text=gettext_lazy(
                    "The Unique Property Reference Number, on the paper form or "
                    "in the property register."
                ),
                max_length=20,
            ),
            "resident": forms.ModelChoiceField(
                label=gettext_lazy("Resident (if they have an account)"),
                queryset=User.objects.filter(
                    resident_profile__status="verified"
                ).order_by("email"),
                required=False,
            ),
            "channel": forms.ChoiceField(
                label=gettext_lazy("How the answers came in"),
                choices=[
                    (Channel.PAPER, Channel.PAPER.label),
                    (Channel.PHONE, Channel.PHONE.label),
                ],
            ),
            **self.fields,
        }

    def clean_uprn(self):
        from portal.housing.models import Property

        uprn = "".join(self.cleaned_data["uprn"].split())
        self.home = (
            Property.objects.filter(uprn=uprn).select_related("estate").first()
            if uprn.isdigit()
            else None
        )
        if self.home is None:
            raise forms.ValidationError(
                _(
                    "There is no home with UPRN %(uprn)s in the property register. "
                    "Check the number on the form."
                )
                % {"uprn": uprn}
            )
        return uprn
