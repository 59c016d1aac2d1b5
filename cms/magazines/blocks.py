"""Blocks an article is written with: the shared ones plus table, pull quote and
video (a video always comes with its transcript)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.core.blocks import BodyBlock


class PullQuoteBlock(blocks.StructBlock):
    """A short line from the article, set large to catch the eye."""

    quote = blocks.TextBlock(max_length=300)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "magazines/blocks/pull_quote_block.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        max_length=200,
        help_text=_("Say what the table shows, e.g. “Repairs done on time, by month”."),
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("number", blocks.DecimalBlock()),
        ]
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "magazines/blocks/table_block.html"


class VideoBlock(blocks.StructBlock):
    """A link to a video with its full transcript on the page, so people who cannot
    hear or watch it get the same information (WCAG 1.2). Linked, not embedded, so
    no video site tracks readers who never press play."""

    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock(label=_("Video address"))
    poster = ImageChooserBlock(required=False, label=_("Still image"))
    duration = blocks.CharBlock(
        required=False, max_length=20, help_text=_("For example 3 minutes.")
    )
    transcript = blocks.TextBlock(
        help_text=_("Everything said and shown in the video, in words."),
    )

    class Meta:
        icon = "media"
        label = _("Video with transcript")
        template = "magazines/blocks/video_block.html"


class ArticleBodyBlock(BodyBlock):
    pull_quote = PullQuoteBlock()
    table = TableBlock()
    video = VideoBlock()


class LetterBlock(blocks.StructBlock):
    """A resident's letter and the landlord's reply."""

    writer = blocks.CharBlock(
        max_length=120,
        help_text=_("As the writer agreed to be named, e.g. “Mrs K., Anchor House”."),
    )
    letter = blocks.TextBlock()
    reply = blocks.TextBlock(label=_("Our reply"))
    replier = blocks.CharBlock(
        max_length=120, label=_("Reply from"), help_text=_("Name and job title.")
    )

    class Meta:
        icon = "mail"
        label = _("Letter")
        template = "magazines/blocks/letter_block.html"


class LettersBlock(blocks.StreamBlock):
    letter = LetterBlock()
