"""Audit actions, each registered once with a human label.

Every app says what its audit codes mean in its own `wagtail_hooks.py`:

    @hooks.register("register_audit_actions")
    def audit_actions():
        return {"grant.approved": _("Application approved")}

so every history reads as a sentence ("Application approved") rather than a raw
code, in every language, and core knows no feature. `audit_label(code)` gives the
label; an unregistered code is shown as it is (a test keeps every code used in
the code base registered).
"""

from functools import cache

from wagtail import hooks

HOOK = "register_audit_actions"


@cache
def registered_actions() -> dict:
    """{code: lazy label} from every app's `register_audit_actions` hook."""
    actions = {}
    for fn in hooks.get_hooks(HOOK):
        for code, label in fn().items():
            if code in actions:
                raise ValueError(f"Audit action {code!r} is registered twice.")
            actions[code] = label
    return actions


def audit_label(code: str) -> str:
    return str(registered_actions().get(code, code))
