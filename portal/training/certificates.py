"""The training certificate: one PDF per person and course, drawn with fpdf2
from the attended sign-ups when it is asked for (nothing stored).

The text is in the language it is asked for in (the caller sets it). Each
language's own font comes first: Noto Sans Bengali for Bengali, Noto Naskh
Arabic (right to left) for Arabic, DejaVu Sans otherwise; the others are
fallbacks, so a name or course title in another script still prints. HarfBuzz
(uharfbuzz) shapes the text: Bengali conjuncts and joined Arabic letters. The
fonts and shaping are `portal.core.pdf`'s (the evidence pack's PDF uses them
too): where a font or uharfbuzz is missing the certificate is still drawn, with
DejaVu Sans or unshaped, and a warning is logged; with no font at all, the PDF
core font with characters it cannot show replaced.
"""

import datetime

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF, XPos, YPos

from cms.core.templatetags.involve_format import long_date
from portal.core.pdf import ARABIC, BENGALI, DEJAVU, latin1, use_fonts

__all__ = ["ARABIC", "BENGALI", "DEJAVU", "certificate_pdf"]


def certificate_pdf(
    *,
    person_name: str,
    course_title: str,
    provider: str,
    day: datetime.date,
    landlord: str,
) -> bytes:
    """A one-page A4 landscape certificate naming the person, course and date,
    in the active language."""
    language = get_language() or settings.LANGUAGE_CODE
    pdf = FPDF(orientation="L", format="A4")
    # One page of text: left uncompressed so the words can be checked (and
    # searched) in the file itself.
    pdf.set_compression(False)
    pdf.set_title(_("Training certificate"))
    pdf.set_creator(landlord)
    pdf.set_subject(f"{person_name}: {course_title}, {day.isoformat()}")
    pdf.set_lang(language)
    family = use_fonts(pdf, language)
    if family:

        def text(value: str) -> str:
            return value
    else:
        family = "helvetica"

        text = latin1

    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_draw_color(29, 79, 145)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    def centred(value: str, size: int, height: int) -> None:
        # Each line starts again at the left margin: fpdf2 otherwise leaves x at
        # the end of the cell, and the next line is drawn off the page.
        pdf.set_font(family, size=size)
        pdf.multi_cell(
            0, height, text(value), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    pdf.set_y(35)
    centred(landlord, 16, 10)
    pdf.ln(6)
    centred(_("Certificate of training"), 30, 14)
    pdf.ln(8)
    centred(_("This is to certify that"), 16, 10)
    centred(person_name, 26, 14)
    centred(_("took part in the course"), 16, 10)
    centred(course_title, 22, 12)
    if provider:
        centred(_("provided by %(provider)s") % {"provider": provider}, 16, 10)
    pdf.ln(4)
    centred(_("on %(date)s") % {"date": long_date(day)}, 16, 10)
    return bytes(pdf.output())
