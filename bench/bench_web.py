"""Benchmark: the web chat in a real browser (Debian's chromium via Playwright).

Starts ``app.py`` on a free loopback port over a fresh store (it indexes ``--corpus`` on first
start), then measures:

* server ready: process start to the first HTTP 200 (imports, model load, first-start indexing);
* page load: ``goto`` until the ``load`` event, and until the question box is shown, in a fresh
  browser context (empty cache) each time;
* question to answer: Enter pressed until the first visible reaction (the "Searching" message),
  and until the finished answer with its sources, for each question of ``--questions``.

Usage::

    .venv/bin/python bench/bench_web.py --loads 5 --questions-limit 10 --out bench/results/web.json \\
        --screenshot docs/web-chat.png

Prints a table and writes JSON.  A benchmark, not a test: figures depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import launch_browser, start_app  # noqa: E402

DEFAULT_QUESTIONS = ROOT.parent / "shared" / "data" / "reports-qa" / "qa.jsonl"
SCREENSHOT_QUESTION = "How many airstrikes were reported?"


def stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(values),
        "median_s": round(statistics.median(ordered), 3),
        "p90_s": round(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))], 3),
        "max_s": round(ordered[-1], 3),
    }


def measure_loads(browser, url: str, runs: int) -> tuple[list[float], list[float]]:
    loads, ready = [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="load")
        loads.append(time.perf_counter() - started)
        page.wait_for_selector("#question textarea", timeout=120_000)
        ready.append(time.perf_counter() - started)
        context.close()
    return loads, ready


def measure_questions(browser, url: str, questions: list[str]) -> tuple[list[float], list[float], int]:
    first, done, answered = [], [], 0
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_selector("#question textarea", timeout=120_000)
    bots = '#chat [data-testid="bot"]'
    for question in questions:
        before = page.locator(bots).count()
        page.locator("#question textarea").fill(question)
        started = time.perf_counter()
        page.locator("#question textarea").press("Enter")
        page.wait_for_function(f"n => document.querySelectorAll('{bots}').length > n", arg=before, timeout=120_000)
        first.append(time.perf_counter() - started)
        page.wait_for_selector('#sources .sources-panel[data-state="final"]', timeout=120_000)
        done.append(time.perf_counter() - started)
        answered += page.locator("#sources a.cite").count() > 0
    context.close()
    return first, done, answered


def screenshot(browser, url: str, path: Path) -> None:
    """The chat after the airstrikes question, with citation [1] opened."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.locator("#question textarea").fill(SCREENSHOT_QUESTION)
    page.locator("#question textarea").press("Enter")
    page.wait_for_selector('#sources .sources-panel[data-state="final"]', timeout=120_000)
    page.locator("#chat a.cite").first.click()
    page.wait_for_selector("#document mark#cited-passage", timeout=60_000)
    page.wait_for_timeout(300)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    context.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSONL with a 'question' field")
    parser.add_argument("--questions-limit", type=int, default=10)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "web.json")
    parser.add_argument("--screenshot", type=Path, default=None, help="save a screenshot of an answered chat here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines()]
    questions = questions[: args.questions_limit]
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        started = time.perf_counter()
        app = start_app(Path(tmp) / "store", args.corpus, Path(tmp) / "app.log")
        server_ready = time.perf_counter() - started
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                loads, ready = measure_loads(browser, app.url, args.loads)
                first, done, answered = measure_questions(browser, app.url, questions)
                if args.screenshot:
                    screenshot(browser, app.url, args.screenshot)
                browser.close()
        finally:
            app.stop()

    result = {
        "corpus_documents": len(list(args.corpus.glob("*.txt"))),
        "server_ready_s": round(server_ready, 2),
        "page_load_event": stats(loads),
        "page_question_box_shown": stats(ready),
        "question_first_reaction": stats(first),
        "question_to_answer": stats(done),
        "questions_answered_with_citation": answered,
    }
    print(f"server ready (start, model, index {result['corpus_documents']} docs): {server_ready:.1f} s")
    print(f"{'measure':<34}{'n':>4}{'median s':>10}{'p90 s':>8}{'max s':>8}")
    for key in ("page_load_event", "page_question_box_shown", "question_first_reaction", "question_to_answer"):
        row = result[key]
        print(f"{key:<34}{row['n']:>4}{row['median_s']:>10.3f}{row['p90_s']:>8.3f}{row['max_s']:>8.3f}")
    print(f"answered with a citation: {answered}/{len(questions)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
