"""Content blocks shared by every page type (one StructBlock per kind of content)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    """An image with alt text that editors must write (WCAG 1.1.1)."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_(
            "Describe the image for people who cannot see it. "
            "Write “decorative” only if it adds no information."
        ),
        max_length=250,
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "cms_core/blocks/image_block.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to the next step (a meeting, consultation or opportunity)."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label=_("Or an external link"))
    link_text = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "link"
        template = "cms_core/blocks/call_to_action_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "cms_core/blocks/quote_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page; richer page types extend it."""

    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="cms_core/blocks/heading_block.html",
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link", "h3", "h4"]
    )
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
