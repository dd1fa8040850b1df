"""Password hashes for single-PC mode: scrypt (hashlib), with a per-password salt.

`hash_password` gives `scrypt$N$r$p$salt$hash` (base64); `verify_password` checks a
password against it in constant time.  A team's PostgreSQL keeps its own SCRAM
verifiers instead (app.store.accounts); no password is ever stored in plain text.
This module must not log or keep a password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# OWASP's minimum for scrypt (2^17 would be ~0.3 s per login on an agent's PC).
N, R, P, KEY_BYTES = 2 ** 14, 8, 1, 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    if not password:
        # A caller's mistake: the user's refusal is made above (app.store.accounts, app.core.identity).
        raise ValueError
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES,
                         maxmem=256 * 1024 * 1024)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether `password` matches the stored hash (False for no hash or a malformed one)."""
    if not stored or not password:
        return False
    try:
        kind, n, r, p, salt, key = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(expected), maxmem=256 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)
