"""Prize draws that anyone can check afterwards.

The seed comes from the operating system's cryptographic generator
(`secrets`), so nobody can predict or steer it; the winner is then worked out
from the seed and the list of eligible entries alone, so keeping both lets
anyone re-run the draw and get the same winner.
"""

import hashlib
import secrets

SEED_BYTES = 32
_SPACE = 2**256  # the values one SHA-256 digest can take


def draw_seed() -> str:
    """A fresh, unpredictable seed (64 hexadecimal characters)."""
    return secrets.token_hex(SEED_BYTES)


def draw_index(seed: str, count: int) -> int:
    """The winning position among `count` entries, the same every time for one
    seed. SHA-256 in counter mode with rejection, so every position is equally
    likely (no remainder bias however many entries there are)."""
    if count < 1:
        raise ValueError("A draw needs at least one entry.")
    limit = _SPACE - _SPACE % count
    counter = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        value = int.from_bytes(digest, "big")
        if value < limit:
            return value % count
        counter += 1
