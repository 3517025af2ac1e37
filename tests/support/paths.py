"""Paths of the checkout the tests run in."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The project folder."""

CORPUS = ROOT / "corpus"
"""The default corpus."""

DATA = ROOT / "tests" / "data"
"""Small files of the tests' own."""
