"""Is the lock (requirements/*.txt) still what pyproject.toml asks for?

`make install` runs `check`: it fails with "run make lock" when the dependencies in
pyproject.toml changed after the lock was made. `make lock` runs `stamp` after
regenerating the lock. Only the dependency lists count, so editing tool settings
in pyproject.toml does not need a new lock. Standard library only (runs before the
virtualenv exists).
"""

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = [ROOT / "requirements" / "base.txt", ROOT / "requirements" / "dev.txt"]
PREFIX = "# pyproject.toml dependencies sha256: "


def dependencies_hash() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {
        "requires-python": project.get("requires-python"),
        "dependencies": sorted(project.get("dependencies", [])),
        "optional-dependencies": {
            extra: sorted(deps)
            for extra, deps in project.get("optional-dependencies", {}).items()
        },
    }
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def recorded(lock: Path) -> str | None:
    if not lock.exists():
        return None
    for line in lock.read_text().splitlines():
        if line.startswith(PREFIX):
            return line.removeprefix(PREFIX).strip()
    return None


def stamp() -> None:
    line = PREFIX + dependencies_hash()
    for lock in LOCKS:
        lines = [
            text
            for text in lock.read_text().splitlines()
            if not text.startswith(PREFIX)
        ]
        lock.write_text("\n".join([line, *lines]) + "\n")


def check() -> int:
    expected = dependencies_hash()
    stale = [lock.name for lock in LOCKS if recorded(lock) != expected]
    if stale:
        sys.stderr.write(
            "The dependencies in pyproject.toml changed since the lock "
            f"(requirements/{', requirements/'.join(stale)}) was made.\n"
            "Run `make lock` to regenerate it (needs the internet), then commit "
            "requirements/.\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "stamp":
        stamp()
        sys.exit(0)
    sys.exit(check())
