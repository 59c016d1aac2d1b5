"""Consultation questions as blocks. Each block's id is the question's key, so
answers survive reordering; each response also keeps a copy of the questions
as they were answered."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class _Question(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(label=_("Hint"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("Must be answered"), required=False)


class ChoiceQuestionBlock(_Question):
    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Options"), min_num=2
    )

    class Meta:
        icon = "list-ul"


class ScaleQuestionBlock(_Question):
    maximum = blocks.ChoiceBlock(
        choices=[("5", "1–5"), ("10", "1–10")], default="5", label=_("Scale")
    )
    low_label = blocks.CharBlock(label=_("What 1 means"), max_length=60)
    high_label = blocks.CharBlock(label=_("What the top means"), max_length=60)

    class Meta:
        icon = "order"


class FreeTextQuestionBlock(_Question):
    class Meta:
        icon = "pilcrow"


class QuestionsBlock(blocks.StreamBlock):
    single_choice = ChoiceQuestionBlock(label=_("Single choice"))
    multiple_choice = ChoiceQuestionBlock(label=_("Multiple choice"))
    scale = ScaleQuestionBlock(label=_("Scale"))
    ranking = ChoiceQuestionBlock(label=_("Ranking"))
    free_text = FreeTextQuestionBlock(label=_("Free text"))
