"""Colour contrast (WCAG 2.2, success criterion 1.4.3) for landlord branding."""

import re

HEX_COLOUR = re.compile(r"^#([0-9a-fA-F]{6})$")


def parse_hex_colour(value: str) -> tuple[int, int, int] | None:
    match = HEX_COLOUR.match(value or "")
    if not match:
        return None
    digits = match.group(1)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def _relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(rgb: tuple[int, int, int]) -> float:
    """Contrast ratio of white text on this colour (1 to 21)."""
    return 1.05 / (_relative_luminance(rgb) + 0.05)
