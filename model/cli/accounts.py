"""``password``: the hash line that enables editing in the dashboard."""

from __future__ import annotations

import argparse
import getpass
import sys

from model.passwords import ITERATIONS, PasswordError, check_new, hash_password


def cmd_password(args: argparse.Namespace) -> int:
    try:
        password = getpass.getpass("New editing password: ")
        check_new(password, getpass.getpass("Repeat it: "))
    except PasswordError as exc:
        print(f"error: {exc}; nothing printed", file=sys.stderr)
        return 1
    print("# paste into .streamlit/secrets.toml (never commit that file):", file=sys.stderr)
    print("[editing]")
    print(f'password_hash = "{hash_password(password, args.iterations)}"')
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("password", help="make the password hash that enables editing in the dashboard")
    p.add_argument(
        "--iterations", type=int, default=ITERATIONS, help="PBKDF2 iterations (default: %(default)s)"
    )
    p.set_defaults(func=cmd_password)
