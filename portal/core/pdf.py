"""Fonts and text shaping for the PDFs Involve draws with fpdf2 (training
certificates, the evidence pack's summary).

Each language's own font comes first: Noto Sans Bengali for Bengali, Noto Naskh
Arabic (right to left) for Arabic, DejaVu Sans otherwise; the others are
fallbacks, so a name in another script still prints. HarfBuzz (uharfbuzz) shapes
the text. Where a font or uharfbuzz is missing (a bare development machine) the
PDF is still drawn, with DejaVu Sans or unshaped, and a warning is logged; with
no font at all `use_fonts` gives "" and the caller writes in the core font
(`latin1`).
"""

import logging
import os
from dataclasses import dataclass
from importlib.util import find_spec

from django.conf import settings
from django.utils.translation import get_language_info
from fpdf import FPDF

logger = logging.getLogger(__name__)

FONTS = "/usr/share/fonts/truetype/"
DEFAULT_FONT = FONTS + "dejavu/DejaVuSans.ttf"


@dataclass(frozen=True)
class PdfFont:
    """A font a PDF can use; `setting` names the setting that moves
    it (Debian's path by default)."""

    family: str
    setting: str
    default_path: str

    def path(self) -> str:
        path = getattr(settings, self.setting, self.default_path)
        return path if path and os.path.exists(path) else ""


DEJAVU = PdfFont("Body", "INVOLVE_CERTIFICATE_FONT", DEFAULT_FONT)
BENGALI = PdfFont(
    "Bengali",
    "INVOLVE_CERTIFICATE_FONT_BENGALI",
    FONTS + "noto/NotoSansBengali-Regular.ttf",
)
ARABIC = PdfFont(
    "Arabic",
    "INVOLVE_CERTIFICATE_FONT_ARABIC",
    FONTS + "noto/NotoNaskhArabic-Regular.ttf",
)
FONT_FOR_LANGUAGE = {"bn": BENGALI, "ar": ARABIC}


def shaping_available() -> bool:
    return find_spec("uharfbuzz") is not None


def use_fonts(pdf: FPDF, language: str) -> str:
    """Register the fonts this server has, the language's own first, and turn
    on shaping; returns the font family to write in ("" for the core font)."""
    wanted = FONT_FOR_LANGUAGE.get(language.split("-")[0], DEJAVU)
    paths = {font: font.path() for font in (DEJAVU, BENGALI, ARABIC)}
    if wanted is not DEJAVU and not paths[wanted]:
        logger.warning(
            "No %s font at %s for a PDF in %s: using DejaVu Sans "
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
            "uharfbuzz is not installed: PDF text (certificates, the evidence pack) is "
            "not shaped, so "
            "Bengali and Arabic print as separate letters."
        )
    return wanted.family


def _is_right_to_left(language: str) -> bool:
    try:
        return bool(get_language_info(language)["bidi"])
    except KeyError:
        return False


def latin1(value: str) -> str:
    """Text the PDF core font can show (others replaced by "?")."""
    return value.encode("latin-1", "replace").decode("latin-1")
