"""Subprocesses of the tests: the CLI of this checkout, and reading their output lines."""

from __future__ import annotations

import queue
import re
import sys
import time


def cli_command(*args: str) -> list[str]:
    """``assistant ARGS`` run from the project folder (so this checkout's package is imported)."""
    return [sys.executable, "-m", "assistant.interfaces.cli", *args]


def wait_for_line(lines: queue.Queue, pattern: str, timeout: float) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            raise AssertionError(f"process ended before printing {pattern!r}")
        if match := re.search(pattern, line):
            return match
    raise AssertionError(f"no line matching {pattern!r} within {timeout} s")


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)
