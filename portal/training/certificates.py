"""The training certificate: one PDF per person and course, drawn with fpdf2
from the attended sign-ups when it is asked for (nothing stored).

The text is translated into the language of the page it was downloaded from.
A Unicode font (DejaVu Sans, `INVOLVE_CERTIFICATE_FONT`) is used when the
server has it, so names in any script print; otherwise the PDF core font, with
characters it cannot show replaced.
"""

import datetime
import os

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

from cms.core.templatetags.involve_format import long_date

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font_path() -> str:
    path = getattr(settings, "INVOLVE_CERTIFICATE_FONT", DEFAULT_FONT)
    return path if path and os.path.exists(path) else ""


def certificate_pdf(
    *,
    person_name: str,
    course_title: str,
    provider: str,
    day: datetime.date,
    landlord: str,
) -> bytes:
    """A one-page A4 landscape certificate naming the person, course and date."""
    pdf = FPDF(orientation="L", format="A4")
    # One page of text: left uncompressed so the words can be checked (and
    # searched) in the file itself.
    pdf.set_compression(False)
    pdf.set_title(_("Training certificate"))
    pdf.set_creator(landlord)
    pdf.set_subject(f"{person_name}: {course_title}, {day.isoformat()}")
    pdf.set_lang(get_language() or settings.LANGUAGE_CODE)
    font_path = _font_path()
    if font_path:
        pdf.add_font("Body", "", font_path)
        family = "Body"

        def text(value: str) -> str:
            return value
    else:
        family = "helvetica"

        def text(value: str) -> str:
            return value.encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    pdf.set_draw_color(29, 79, 145)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    width = pdf.w - 40
    pdf.set_xy(20, 35)
    pdf.set_font(family, size=16)
    pdf.multi_cell(width, 10, text(landlord), align="C")
    pdf.ln(6)
    pdf.set_font(family, size=30)
    pdf.multi_cell(width, 14, text(_("Certificate of training")), align="C")
    pdf.ln(8)
    pdf.set_font(family, size=16)
    pdf.multi_cell(width, 10, text(_("This is to certify that")), align="C")
    pdf.set_font(family, size=26)
    pdf.multi_cell(width, 14, text(person_name), align="C")
    pdf.set_font(family, size=16)
    pdf.multi_cell(width, 10, text(_("took part in the course")), align="C")
    pdf.set_font(family, size=22)
    pdf.multi_cell(width, 12, text(course_title), align="C")
    pdf.set_font(family, size=16)
    if provider:
        pdf.multi_cell(
            width,
            10,
            text(_("provided by %(provider)s") % {"provider": provider}),
            align="C",
        )
    pdf.ln(4)
    pdf.multi_cell(
        width, 10, text(_("on %(date)s") % {"date": long_date(day)}), align="C"
    )
    return bytes(pdf.output())
