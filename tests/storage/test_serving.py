"""The server's claim on an embedded store folder (``assistant.storage.serving``)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.errors import StoreInUse
from assistant.storage.serving import SERVER_FILE, check_not_served, claim, serving_pid


def test_a_live_other_process_holds_the_store_and_a_dead_one_does_not(tmp_path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / SERVER_FILE).write_text(f"{sleeper.pid}\n")
        assert serving_pid(tmp_path) == sleeper.pid
        with pytest.raises(StoreInUse, match=f"pid {sleeper.pid}.*POST /v1/documents"):
            check_not_served(tmp_path)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert serving_pid(tmp_path) is None  # a stale file left by a killed server is ignored
    check_not_served(tmp_path)


def test_this_process_claim_does_not_block_itself(tmp_path) -> None:
    path = claim(tmp_path / "store")
    assert path.read_text().splitlines()[0] == str(os.getpid())
    check_not_served(tmp_path / "store")
    assert serving_pid(tmp_path / "store", include_self=True) == os.getpid()


def test_an_unreadable_file_is_no_claim(tmp_path) -> None:
    (tmp_path / SERVER_FILE).write_text("not a pid")
    assert serving_pid(tmp_path) is None


def test_a_copy_of_a_served_store_is_not_held_but_the_store_moved_is(tmp_path) -> None:
    import shutil

    store = tmp_path / "kelp_store"
    store.mkdir()
    (store / "chroma.sqlite3").write_text("stand-in")
    server = subprocess.Popen([sys.executable, "-c",  # a server: claims the store, then runs
                               "import sys, time; from assistant.storage.serving import claim; claim("
                               f"__import__('pathlib').Path({str(store)!r})); print('claimed', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        assert server.stdout.readline().strip() == "claimed"
        assert serving_pid(store) == server.pid
        copy = tmp_path / "kelp_store_copy"
        shutil.copytree(store, copy)  # cp -r while the server runs: the pid file comes along
        assert (copy / SERVER_FILE).read_text() == (store / SERVER_FILE).read_text()
        assert serving_pid(copy) is None
        check_not_served(copy)
        moved = tmp_path / "kelp_store_moved"
        store.rename(moved)  # the served folder itself, under a new name: still held
        assert serving_pid(moved) == server.pid
        with pytest.raises(StoreInUse, match=f"pid {server.pid}"):
            check_not_served(moved)
    finally:
        server.kill()
        server.wait()


def test_a_pid_file_of_the_pid_alone_is_still_trusted(tmp_path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / SERVER_FILE).write_text(f"{sleeper.pid}\n")  # written by a server before the identity
        assert serving_pid(tmp_path) == sleeper.pid
    finally:
        sleeper.kill()
        sleeper.wait()
