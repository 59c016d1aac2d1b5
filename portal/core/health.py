"""Readiness: can this process do its work? (database, cache, both file stores).

`/healthz` is liveness (the process answers; no I/O at all). `/readyz` is for the
load balancer and deploys: each dependency is checked at once, in parallel, within a
short time limit, and the answer names what failed without revealing addresses or
credentials (only the kind of error).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections


def _check_database() -> None:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        # This runs in a helper thread: never leave its connection open.
        connections["default"].close()


def _check_cache() -> None:
    nonce = uuid.uuid4().hex
    cache.set("readyz", nonce, 30)
    if cache.get("readyz") != nonce:
        raise RuntimeError("cache did not keep a value")


def _check_storage(alias: str) -> Callable[[], None]:
    def check() -> None:
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            location = storage.location
            if not (os.path.isdir(location) and os.access(location, os.W_OK)):
                raise FileNotFoundError("storage folder missing or read-only")
        else:
            # A HEAD request: proves the address, the credentials and the bucket.
            storage.exists("readyz-probe")

    return check


def readiness_checks() -> dict[str, Callable[[], None]]:
    return {
        "database": _check_database,
        "cache": _check_cache,
        "storage_default": _check_storage("default"),
        "storage_private": _check_storage("private"),
    }


def readiness(*, timeout: float | None = None) -> tuple[bool, dict[str, dict]]:
    """Run every check in parallel; returns (all ok, {name: {"ok", "ms", "error"}})."""
    timeout = timeout if timeout is not None else settings.INVOLVE_READYZ_TIMEOUT
    checks = readiness_checks()
    results: dict[str, dict] = {}
    pool = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="readyz")
    started = time.monotonic()
    futures = {name: pool.submit(check) for name, check in checks.items()}
    try:
        for name, future in futures.items():
            remaining = max(0.0, timeout - (time.monotonic() - started))
            try:
                future.result(timeout=remaining)
                results[name] = {"ok": True}
            except FutureTimeout:
                results[name] = {"ok": False, "error": "timeout"}
            except Exception as error:  # noqa: BLE001 (reported, never raised)
                # The class name only: messages can hold host names or keys.
                results[name] = {"ok": False, "error": type(error).__name__}
            results[name]["ms"] = round((time.monotonic() - started) * 1000)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return all(result["ok"] for result in results.values()), results
