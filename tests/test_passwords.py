"""Password hashes for editing: PBKDF2 with a random salt, constant-time check, the CLI command."""

from __future__ import annotations

import pytest

from model import cli, passwords
from model.cli import accounts

FAST = passwords.MIN_ITERATIONS


def test_hash_round_trip_and_random_salt() -> None:
    first = passwords.hash_password("s3cret-passphrase", FAST)
    second = passwords.hash_password("s3cret-passphrase", FAST)
    assert first != second  # a fresh salt each time
    algorithm, iterations, salt, digest = first.split("$")
    assert algorithm == "pbkdf2_sha256" and int(iterations) == FAST
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert "s3cret" not in first
    assert passwords.verify("s3cret-passphrase", first) and passwords.verify("s3cret-passphrase", second)
    assert not passwords.verify("s3cret-passphrasE", first)
    assert not passwords.verify("", first)


def test_default_iterations_are_at_least_200000() -> None:
    assert passwords.ITERATIONS >= 200_000
    with pytest.raises(passwords.PasswordError):
        passwords.hash_password("x" * 12, 1000)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "md5$abc",
        "pbkdf2_sha256$1000$00ff$" + "00" * 32,  # too few iterations
        "pbkdf2_sha256$many$00ff$" + "00" * 32,
        "pbkdf2_sha256$300000$zz$" + "00" * 32,
        "pbkdf2_sha256$300000$00ff$00",
    ],
)
def test_malformed_hashes_never_match(encoded) -> None:
    assert not passwords.verify("anything", encoded)
    with pytest.raises(passwords.PasswordError):
        passwords.parse(encoded)


def test_password_command_prints_a_hash_line(monkeypatch, capsys) -> None:
    answers = iter(["a long passphrase", "a long passphrase"])
    monkeypatch.setattr(accounts.getpass, "getpass", lambda prompt="": next(answers))
    assert cli.main(["password", "--iterations", str(FAST)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[editing]"
    encoded = out[1].removeprefix('password_hash = "').removesuffix('"')
    assert passwords.verify("a long passphrase", encoded)
    assert "a long passphrase" not in "\n".join(out)


@pytest.mark.parametrize(("first", "again"), [("a long passphrase", "another one!!"), ("short", "short")])
def test_password_command_refuses_mismatch_or_short(monkeypatch, capsys, first, again) -> None:
    answers = iter([first, again])
    monkeypatch.setattr(accounts.getpass, "getpass", lambda prompt="": next(answers))
    assert cli.main(["password"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "error:" in captured.err
