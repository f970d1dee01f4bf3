"""Password hashes for the dashboard's editing sign-in (no Streamlit).

The hash line goes into ``.streamlit/secrets.toml`` as ``[editing] password_hash = "..."``;
the password itself is never stored. Format: ``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``
(PBKDF2-HMAC-SHA256, a random 16-byte salt, compared in constant time).

``python -m model password`` asks for a password twice and prints the line to paste.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 310_000
MIN_ITERATIONS = 200_000
MIN_LENGTH = 10
SALT_BYTES = 16


class PasswordError(ValueError):
    """A password that cannot be used, or a stored hash that is malformed."""


def hash_password(password: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """The encoded hash of ``password`` with a fresh random salt."""
    if iterations < MIN_ITERATIONS:
        raise PasswordError(f"use at least {MIN_ITERATIONS:,} iterations")
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def parse(encoded: str) -> tuple[int, bytes, bytes]:
    """(iterations, salt, digest) of an encoded hash; PasswordError when it is malformed."""
    parts = str(encoded).strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        raise PasswordError(f'expected "{ALGORITHM}$<iterations>$<salt hex>$<hash hex>"')
    try:
        iterations, salt, digest = int(parts[1]), bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
    except ValueError:
        raise PasswordError("the iterations must be a number and the salt and hash hexadecimal") from None
    if iterations < MIN_ITERATIONS or not salt or len(digest) != 32:
        raise PasswordError(f"needs ≥ {MIN_ITERATIONS:,} iterations, a salt and a 32-byte hash")
    return iterations, salt, digest


def verify(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded``; False for a wrong password or a malformed hash."""
    try:
        iterations, salt, digest = parse(encoded)
    except PasswordError:
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", str(password).encode("utf-8"), salt, iterations)
    return hmac.compare_digest(candidate, digest)


def check_new(password: str, again: str) -> None:
    if password != again:
        raise PasswordError("the two passwords differ")
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"use at least {MIN_LENGTH} characters")
