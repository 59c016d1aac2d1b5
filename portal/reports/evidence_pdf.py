"""The evidence pack's summary as a PDF (`evidence-pack.pdf` in the zip): each
clause, its measures with their figures, targets and ratings, how each is worked
out, and where the records are. Drawn with fpdf2 in the language asked for, with
`portal.core.pdf`'s fonts and shaping (the training certificates' too)."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF, XPos, YPos

from portal.core.pdf import latin1, use_fonts

from .templatetags.performance import measure_value


def _figure_text(row) -> str:
    figure, measure = row.figure, row.measure
    text = measure_value(figure.value, measure.unit)
    if figure.of is not None and figure.count is not None:
        text += (
            " ("
            + _("%(count)s of %(of)s")
            % {
                "count": figure.count,
                "of": figure.of,
            }
            + ")"
        )
    if row.target:
        text += " · " + _("Target: %(target)s") % {
            "target": measure_value(row.target.target, measure.unit)
        }
        if row.rating:
            text += f" · {row.rating_label}"
    if figure.note:
        text += f" · {figure.note}"
    return text


def evidence_pdf(*, pack, period, scope, landlord, made_at, standard_url) -> bytes:
    """The pack's summary, A4 portrait, text left uncompressed so it can be
    searched and checked."""
    language = get_language() or settings.LANGUAGE_CODE
    pdf = FPDF(format="A4")
    pdf.set_compression(False)
    pdf.set_title(_("Regulator evidence pack"))
    pdf.set_creator(landlord)
    pdf.set_lang(language)
    family = use_fonts(pdf, language)
    text = (lambda value: value) if family else latin1
    family = family or "helvetica"
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()

    def line(value: str, size: int, height: float, *, gap: float = 0) -> None:
        # Back to the left margin after each block (fpdf2 leaves x at its end).
        pdf.set_font(family, size=size)
        pdf.multi_cell(0, height, text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if gap:
            pdf.ln(gap)

    line(_("Regulator evidence pack"), 20, 10)
    line(landlord, 12, 6)
    line(f"{period.label} · {scope.label}", 12, 6)
    line(
        _("Made on %(when)s") % {"when": date_format(made_at, "j F Y, H:i")},
        10,
        5,
        gap=3,
    )
    line(
        _(
            "Each clause of the Regulator of Social Housing’s Transparency, "
            "Influence and Accountability Standard (April 2024) with the measures "
            "that evidence it. The clause summaries are short paraphrases, not the "
            "standard’s wording: %(url)s. The records behind each figure are in "
            "records/<measure>.csv in this zip."
        )
        % {"url": standard_url},
        9,
        4.5,
        gap=4,
    )
    for evidence, rows in pack:
        clause = evidence.clause
        line(f"{clause.code} {clause.title}", 14, 7)
        line(clause.summary, 10, 5)
        if clause.note:
            line(clause.note, 10, 5)
        pdf.ln(2)
        if not rows:
            line(_("No measures are mapped to this clause."), 10, 5)
        for row, _records in rows:
            line(str(row.measure.label), 11, 5.5)
            line(_figure_text(row), 10, 5)
            line(
                _("How it is worked out: %(definition)s")
                % {"definition": row.measure.definition},
                9,
                4.5,
            )
            line(
                _("Records: records/%(key)s.csv") % {"key": row.measure.key},
                9,
                4.5,
                gap=2,
            )
        pdf.ln(3)
    return bytes(pdf.output())
