"""A plain-English check for editors: the Flesch reading ease score of a draft
(from the `readability` library) with what it means and what to do."""

import re
from dataclasses import dataclass

import readability
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

LONG_SENTENCE_WORDS = 25
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class ReadabilityReport:
    score: int
    target: int
    words: int
    sentences: int
    long_sentences: int

    @property
    def meets_target(self) -> bool:
        return self.score >= self.target

    @property
    def label(self) -> str:
        if self.score >= 70:
            return _("Easy to read")
        if self.score >= 60:
            return _("Plain English")
        if self.score >= 50:
            return _("Fairly hard to read")
        return _("Hard to read")


def stream_text(stream) -> str:
    """The words a reader sees in a StreamField, blocks in order."""
    parts = []
    for block in stream or []:
        value = block.value
        if hasattr(value, "source"):  # rich text
            parts.append(strip_tags(value.source))
        elif isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            parts.extend(
                str(v)
                for k, v in value.items()
                if k in {"quote", "text", "letter", "reply"}
            )
    return "\n".join(part for part in parts if part.strip())


def readability_report(text: str) -> ReadabilityReport | None:
    """None when there is nothing to score yet."""
    sentences = [
        s for s in _SENTENCE_END.split(" ".join(text.split())) if _WORD.search(s)
    ]
    if not sentences:
        return None
    # The library reads one sentence a line with words separated by spaces.
    tokenised = "\n".join(" ".join(_WORD.findall(s)) for s in sentences)
    grades = readability.getmeasures(tokenised, lang="en")["readability grades"]
    counts = [len(_WORD.findall(s)) for s in sentences]
    return ReadabilityReport(
        score=max(0, min(100, round(grades["FleschReadingEase"]))),
        target=settings.INVOLVE_READABILITY_TARGET,
        words=sum(counts),
        sentences=len(sentences),
        long_sentences=sum(1 for c in counts if c > LONG_SENTENCE_WORDS),
    )
