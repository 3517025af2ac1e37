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
    assert path.read_text().strip() == str(os.getpid())
    check_not_served(tmp_path / "store")
    assert serving_pid(tmp_path / "store", include_self=True) == os.getpid()


def test_an_unreadable_file_is_no_claim(tmp_path) -> None:
    (tmp_path / SERVER_FILE).write_text("not a pid")
    assert serving_pid(tmp_path) is None
