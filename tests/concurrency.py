"""Run decisions at the same moment, for the PostgreSQL race tests.

Each call runs in its own thread (so its own database connection) and all start
together at a barrier; the answer says what each did, in the order given:
"done", or "refused" with the message the person would have been shown.
"""

import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection


def race(*calls) -> list[str]:
    """Run the calls at once; return "done" or "refused" for each."""
    return [outcome for outcome, _message in race_with_messages(*calls)]


def race_with_messages(*calls) -> list[tuple[str, str]]:
    """Like `race`, with each refusal's message ("" for a call that was done)."""
    barrier = threading.Barrier(len(calls), timeout=60)
    outcomes: dict[int, tuple[str, str]] = {}

    def run(index, call):
        barrier.wait()
        try:
            call()
            outcomes[index] = ("done", "")
        except ValidationError as error:
            outcomes[index] = ("refused", " ".join(error.messages))
        except PermissionDenied as error:
            outcomes[index] = ("refused", str(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [outcomes[i] for i in range(len(calls))]
