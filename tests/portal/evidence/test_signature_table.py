"""The signatures table's caption says the order the rows are really in."""

from portal.evidence.models import Signature
from portal.evidence.tables import SignatureTable


def _caption(**kwargs) -> str:
    table = SignatureTable(Signature.objects.none(), today=None, rules=None, **kwargs)
    return str(table.caption)


def test_the_caption_says_newest_first_only_while_the_rows_are_newest_first():
    assert "newest first" in _caption()
    assert "newest first" in _caption(order_by="-signed_on")
    for other in ("signed_on", "display_name", "-display_name", "source"):
        caption = _caption(order_by=other)
        assert "newest first" not in caption
        assert "sorted by the column you chose" in caption
    assert all("keep it private" in _caption(order_by=o) for o in ("", "source"))
