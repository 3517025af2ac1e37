"""API keys: the keys file, roles, the web login, and the refusal to serve a non-loopback address
without access control (the real ``app.py``, which stops before loading anything)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.errors import ConfigError
from assistant.interfaces.http.auth import check_bind, is_loopback, load_keys
from tests.support.paths import ROOT

ADMIN = "a" * 20
READER = "r" * 20


def write(tmp_path, text: str):
    path = tmp_path / "keys.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_keys_file_gives_each_key_its_role_and_name(tmp_path) -> None:
    keys = load_keys(write(tmp_path, f"# keys\n\n{ADMIN} admin\n{READER}\tread  alice   # the analyst\n"))
    assert [(k.role, k.name) for k in keys.keys] == [("admin", "admin"), ("read", "alice")]
    assert keys.find(READER).name == "alice" and keys.find("r" * 19) is None
    assert keys.find(ADMIN).may("read") and not keys.find(READER).may("admin")
    assert keys.web_login("alice", READER) and not keys.web_login("admin", READER) and not keys.web_login("alice", "x")
    assert keys.may_change("admin") and not keys.may_change("alice") and not keys.may_change(None)
    assert load_keys(None).may_change(None)  # no keys: no access control


@pytest.mark.parametrize(("text", "message"), [
    (f"{ADMIN}\n", r"keys.txt:1: expected 'KEY ROLE \[NAME\]', got 1 fields"),
    (f"{ADMIN} owner\n", r"keys.txt:1: the role must be one of read, admin, got 'owner'"),
    ("short admin\n", r"keys.txt:1: a key needs at least 16 characters"),
    (f"{ADMIN} admin\n{ADMIN} read\n", r"keys.txt:2: this key is already listed"),
    (f"{ADMIN} admin bob\n{READER} read bob\n", r"keys.txt:2: the name 'bob' is already given the other role"),
    ("# nothing here\n", r"no key in the file"),
])
def test_a_bad_keys_file_is_one_error_naming_the_file_and_line(tmp_path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_keys(write(tmp_path, text))


def test_a_missing_keys_file_is_an_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="cannot read it"):
        load_keys(tmp_path / "missing.txt")


def test_without_keys_only_loopback_addresses_are_served(tmp_path) -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost", "LOCALHOST"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.5", "example.org", ""))
    check_bind("127.0.0.1", load_keys(None))
    check_bind("0.0.0.0", load_keys(write(tmp_path, f"{ADMIN} admin\n")))  # keys: any address
    with pytest.raises(ConfigError, match="refusing to listen on 0.0.0.0.*ASSISTANT_API_KEYS_FILE"):
        check_bind("0.0.0.0", load_keys(None))


def test_app_refuses_a_non_loopback_host_without_keys_and_says_how_to_configure_them(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ASSISTANT_API_KEYS_FILE"}
    env.update(ASSISTANT_HOST="0.0.0.0", ASSISTANT_PORT="7999", ASSISTANT_STORE=str(tmp_path / "store"))
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    error = done.stderr.strip().splitlines()[-1]
    assert error.startswith("Error: refusing to listen on 0.0.0.0")
    assert "ASSISTANT_API_KEYS_FILE=FILE, one 'KEY ROLE' a line" in error and "127.0.0.1" in error
    assert not (tmp_path / "store").exists()  # refused before opening anything


def test_app_refuses_a_bad_keys_file(tmp_path) -> None:
    env = dict(os.environ, ASSISTANT_API_KEYS_FILE=str(write(tmp_path, "short read\n")),
               ASSISTANT_STORE=str(tmp_path / "store"))
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and "keys.txt:1: a key needs at least 16 characters" in done.stderr
