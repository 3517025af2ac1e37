"""Fixtures shared by the interface tests: one real Chromium per test module."""

from __future__ import annotations

import pytest

from tests.support.browser import launch_browser


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, closed after the module's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        try:
            yield chromium
        finally:
            chromium.close()
