"""One way to change a status.

A model with a lifecycle declares its moves as data beside its status choices:

    class GrantApplication(models.Model):
        class Status(models.TextChoices): ...
        lifecycle = Lifecycle(
            field="status",
            moves={
                "withdraw": Move(
                    sources={Status.DRAFT, Status.SUBMITTED},
                    target=Status.WITHDRAWN,
                    action="grant.withdrawn",
                ),
                ...
            },
        )

and its services change the status only through `transition()`, which locks the
row (`select_for_update`), re-reads the current state, checks the move is legal
from *that* state (not from a copy read earlier, which a decision made meanwhile
may have overtaken), checks the actor, applies the changes, saves, writes the
audit entry and returns the fresh object. Two requests at once queue on the row
lock; the second sees the first's result and is refused if its move is no longer
legal (a withdraw cannot undo an approval made meanwhile).

Where a rule picks the move (a grant above the threshold needs a second
approval), the moves declare it as a `condition` on the row as it would be saved,
and the service names the candidates: `transition(application, ("approve",
"first_approval"), changes={"amount_approved": amount}, ...)` makes the first
one legal from the current state whose condition holds.

What may be done to a record *without* changing its status (adding a line to a
draft claim, deciding a line of a sent one) is declared beside the moves as
`edits` (name → the states it is allowed in); `ensure(obj, name)` locks the row and
checks the move or edit is legal from the current state, for a service that must
look at the locked row before it moves it (or that only edits it).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .services import audit_record

T = TypeVar("T", bound=models.Model)


@dataclass(frozen=True)
class Move:
    """One legal move: from which states, to which, the audit code, who may
    (a permission), what it needs (a reason) and when it applies (a condition
    on the locked row with the move's changes made, e.g. the amount approved)."""

    sources: Iterable[str]
    target: str
    action: str
    permission: str = ""
    reason_required: str = ""  # the message shown when the reason is missing
    condition: Callable[[models.Model], bool] | None = None
    condition_message: str = ""  # said when this move alone is asked for and
    # its condition does not hold
    # Fields set to the time the move is made: where a condition picks between
    # moves, only the chosen one records, say, when the claim was decided.
    stamps: tuple[str, ...] = ()
    sources_set: frozenset = field(init=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "sources_set", frozenset(self.sources))


@dataclass(frozen=True)
class Lifecycle:
    field: str
    moves: dict[str, Move]
    # Changes that keep the status, and the states they are allowed in.
    edits: dict[str, Iterable[str]] = field(default_factory=dict)
    # Said when a move is not legal from the current state; %(state)s is the
    # state's label in lower case.
    illegal_message: str = ""

    def __getitem__(self, name: str) -> Move:
        return self.moves[name]

    def allowed_in(self, name: str) -> frozenset:
        """The states from which move or edit `name` is legal."""
        if name in self.moves:
            return self.moves[name].sources_set
        return frozenset(self.edits[name])

    def moves_from(self, state: str) -> list[str]:
        """The moves legal from `state`, in declaration order."""
        return [name for name, move in self.moves.items() if state in move.sources_set]

    def table(self) -> list[tuple[str, list[str], str]]:
        """(move, from states, to state) rows, for documentation and tests."""
        return [
            (name, sorted(move.sources_set), move.target)
            for name, move in self.moves.items()
        ]


def _illegal(obj, lifecycle: Lifecycle) -> ValidationError:
    display = str(getattr(obj, f"get_{lifecycle.field}_display")()).lower()
    message = lifecycle.illegal_message or _(
        "This is %(state)s, so that cannot be done now."
    )
    return ValidationError(str(message) % {"state": display})


def _names(name: str | tuple[str, ...]) -> tuple[str, ...]:
    return (name,) if isinstance(name, str) else tuple(name)


def _locked_and_checked(obj, names: tuple[str, ...], *, actor, check):
    model = type(obj)
    lifecycle: Lifecycle = model.lifecycle
    locked = model._default_manager.select_for_update().get(pk=obj.pk)
    if check is not None:
        # The app's own rules first, so its more precise message is shown.
        check(locked)
    state = getattr(locked, lifecycle.field)
    if not any(state in lifecycle.allowed_in(name) for name in names):
        raise _illegal(locked, lifecycle)
    for name in names:
        move = lifecycle.moves.get(name)
        if (
            move
            and state in move.sources_set
            and move.permission
            and not (actor and actor.has_perm(move.permission))
        ):
            raise PermissionDenied(_("You do not have permission to do this."))
    return locked


def _chosen(locked, lifecycle: Lifecycle, names: tuple[str, ...]) -> Move:
    """The first of `names` legal from the locked row's state whose condition
    holds; else the first legal one's condition message."""
    state = getattr(locked, lifecycle.field)
    legal = [lifecycle[name] for name in names if state in lifecycle[name].sources_set]
    for move in legal:
        if move.condition is None or move.condition(locked):
            return move
    if legal[0].condition_message:
        raise ValidationError(str(legal[0].condition_message))
    raise _illegal(locked, lifecycle)


def ensure(
    obj: T,
    name: str | tuple[str, ...],
    *,
    actor=None,
    check: Callable[[T], None] | None = None,
):
    """Lock `obj`'s row and check that move or edit `name` is legal from its
    current state (and `check(locked)`, as in `transition`); return the locked,
    fresh copy. Call it inside the service's transaction: the lock holds until
    that transaction ends, so the state cannot change before `transition`."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "ensure() must be called inside a transaction."
        )
    return _locked_and_checked(obj, _names(name), actor=actor, check=check)


def transition(
    obj: T,
    name: str | tuple[str, ...],
    *,
    actor,
    reason: str = "",
    changes: dict | None = None,
    check: Callable[[T], None] | None = None,
    details: dict | None = None,
    acting_for=None,
    audit_target=None,
) -> T:
    """Make move `name` on `obj` and return the saved, locked, fresh copy.
    Given several names, the first legal now whose condition holds is made.

    `changes` are other fields set with the move (who decided, when, amounts);
    `check(locked)` runs first on the locked row and may raise
    `ValidationError`/`PermissionDenied` (rules that depend on the current row,
    with the app's own wording).
    `audit_target` files the audit entry under another record's history (a
    group's recognition belongs to the group). The caller's `obj` is refreshed
    too, so code holding it sees the new state.
    """
    model = type(obj)
    lifecycle: Lifecycle = model.lifecycle
    names = _names(name)
    with transaction.atomic():
        locked = _locked_and_checked(obj, names, actor=actor, check=check)
        before = getattr(locked, lifecycle.field)
        for attname, value in (changes or {}).items():
            setattr(locked, attname, value)
        move = _chosen(locked, lifecycle, names)
        if move.reason_required and not reason.strip():
            raise ValidationError({"reason": move.reason_required})
        setattr(locked, lifecycle.field, move.target)
        for stamp in move.stamps:
            setattr(locked, stamp, timezone.now())
        locked.save()
        audit_record(
            actor=actor,
            action=move.action,
            target=audit_target or locked,
            from_state=before,
            to_state=move.target,
            reason=reason,
            details=details,
            acting_for=acting_for,
        )
    for model_field in model._meta.concrete_fields:
        setattr(obj, model_field.attname, getattr(locked, model_field.attname))
    return locked
