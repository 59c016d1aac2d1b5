"""The training certificate: one PDF per person and course, drawn with fpdf2
from the attended sign-ups when it is asked for (nothing stored).

The text is in the language it is asked for in (the caller sets it). Each
language's own font comes first: Noto Sans Bengali for Bengali, Noto Naskh
Arabic (right to left) for Arabic, DejaVu Sans otherwise; the others are
fallbacks, so a name or course title in another script still prints. HarfBuzz
(uharfbuzz) shapes the text: Bengali conjuncts and joined Arabic letters. Where
a font or uharfbuzz is missing (a bare development machine) the certificate is
still drawn, with DejaVu Sans or unshaped, and a warning is logged; with no
font at all, the PDF core font with characters it cannot show replaced.
"""

import datetime
import logging
import os
from dataclasses import dataclass
from importlib.util import find_spec

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from fpdf import FPDF, XPos, YPos

from cms.core.templatetags.involve_format import long_date

logger = logging.getLogger(__name__)

FONTS = "/usr/share/fonts/truetype/"
DEFAULT_FONT = FONTS + "dejavu/DejaVuSans.ttf"


@dataclass(frozen=True)
class CertificateFont:
    """A font the certificate can use; `setting` names the setting that moves
    it (Debian's path by default)."""

    family: str
    setting: str
    default_path: str

    def path(self) -> str:
        path = getattr(settings, self.setting, self.default_path)
        return path if path and os.path.exists(path) else ""


DEJAVU = CertificateFont("Body", "INVOLVE_CERTIFICATE_FONT", DEFAULT_FONT)
BENGALI = CertificateFont(
    "Bengali",
    "INVOLVE_CERTIFICATE_FONT_BENGALI",
    FONTS + "noto/NotoSansBengali-Regular.ttf",
)
ARABIC = CertificateFont(
    "Arabic",
    "INVOLVE_CERTIFICATE_FONT_ARABIC",
    FONTS + "noto/NotoNaskhArabic-Regular.ttf",
)
FONT_FOR_LANGUAGE = {"bn": BENGALI, "ar": ARABIC}


def shaping_available() -> bool:
    return find_spec("uharfbuzz") is not None


def _use_fonts(pdf: FPDF, language: str) -> str:
    """Register the fonts this server has, the language's own first, and turn
    on shaping; returns the font family to write in ("" for the core font)."""
    wanted = FONT_FOR_LANGUAGE.get(language.split("-")[0], DEJAVU)
    paths = {font: font.path() for font in (DEJAVU, BENGALI, ARABIC)}
    if wanted is not DEJAVU and not paths[wanted]:
        logger.warning(
            "No %s font at %s for a certificate in %s: using DejaVu Sans "
            "(apt-get install fonts-noto-core).",
            wanted.family,
            getattr(settings, wanted.setting, wanted.default_path),
            language,
        )
        wanted = DEJAVU
    if not paths[wanted]:
        return ""
    for font, path in paths.items():
        if path:
            pdf.add_font(font.family, "", path)
    pdf.set_fallback_fonts(
        [font.family for font, path in paths.items() if path and font is not wanted],
        exact_match=False,
    )
    right_to_left = _is_right_to_left(language)
    if shaping_available():
        pdf.set_text_shaping(
            True, direction="rtl" if right_to_left else "ltr", language=language
        )
    else:
        logger.warning(
            "uharfbuzz is not installed: certificate text is not shaped, so "
            "Bengali and Arabic print as separate letters."
        )
    return wanted.family


def _is_right_to_left(language: str) -> bool:
    try:
        return bool(get_language_info(language)["bidi"])
    except KeyError:
        return False


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
    family = _use_fonts(pdf, language)
    if family:

        def text(value: str) -> str:
            return value
    else:
        family = "helvetica"

        def text(value: str) -> str:
            return value.encode("latin-1", "replace").decode("latin-1")

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
