"""What an easy read message looks like, checked the same way everywhere."""


def easy_read_lines(text: str) -> list[str]:
    """Each line of an easy read message: short, one idea (one sentence)."""
    lines = [line for line in text.split("\n") if line.strip()]
    for line in lines:
        words = [word for word in line.split() if "://" not in word]
        assert len(words) <= 14, line
        assert len([w for w in words if w.endswith((".", "?", "!"))]) <= 1, line
    return lines
