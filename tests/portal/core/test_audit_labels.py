"""Every audit action is registered once with a human label, so every history
reads as a sentence, never a raw code like "grant.panel_scored"."""

import ast
from pathlib import Path

import pytest

from portal.core.audit import audit_label, registered_actions
from portal.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ["portal", "cms", "home", "demo", "search", "config"]


def audit_codes_in_the_code_base() -> dict[str, str]:
    """{code: file} for every string given as `action=` to `audit_record(...)`
    or to a lifecycle's `Move(...)`, including both sides of `"a" if x else "b"`."""
    found = {}
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", ""))
                    in ("audit_record", "_move", "_audit", "Move")
                ):
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "action":
                        continue
                    # Whole strings, also both sides of `"a" if x else "b"`;
                    # f-strings are built at run time (the demo test covers them).
                    values = [keyword.value]
                    if isinstance(keyword.value, ast.IfExp):
                        values = [keyword.value.body, keyword.value.orelse]
                    for value in values:
                        if isinstance(value, ast.Constant) and isinstance(
                            value.value, str
                        ):
                            found[value.value] = str(path.relative_to(ROOT))
    return found


def test_every_audit_code_in_the_code_base_is_registered():
    codes = audit_codes_in_the_code_base()
    assert len(codes) > 50
    missing = {
        code: where for code, where in codes.items() if code not in registered_actions()
    }
    assert missing == {}


def test_every_audit_code_in_the_demo_is_registered():
    # Codes built at run time (f-strings) appear here: the demo records many.
    used = set(AuditEntry.objects.values_list("action", flat=True).distinct())
    assert used
    assert used - set(registered_actions()) == set()


def test_labels_read_as_sentences():
    for code, label in registered_actions().items():
        text = str(label)
        assert text != code
        assert text[0].isupper(), code
        assert "." not in text and "_" not in text, code


def test_an_entry_reads_as_its_label():
    entry = AuditEntry(action="grant.panel_scored")
    assert entry.action_label == "Panel member scored the application"
    assert audit_label("not.registered") == "not.registered"
