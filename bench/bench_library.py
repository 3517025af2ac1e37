"""Benchmark: the web Library with many documents, in a real browser (Debian's chromium via Playwright).

Indexes ``--documents`` small reports (in 10 folders) into a fresh store, starts ``app.py`` on it on a
free loopback port, and measures in a fresh browser context:

* library shown: click on the Library tab until the first row of the table is drawn;
* search: typing a document's name into the table's search box until only its row is left;
* open: a click on a row until the document is shown in the Library's viewer;
* remove: the confirmation click until the "Removed" message (the table is sent again);
* upload: "Add to library" of one new file until it is the first row (newest first).

Usage::

    .venv/bin/python bench/bench_library.py --documents 1000 --repeats 5 --out bench/results/library.json

Prints a table and writes JSON.  A benchmark, not a test: figures depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import launch_browser, start_app

ROWS_JS = """sel => [...document.querySelectorAll(sel + ' [role=row]')]
    .map(row => [...row.querySelectorAll('[role=gridcell]')].map(cell => cell.innerText.trim()))
    .filter(cells => cells.some(text => text))"""


def write_reports(folder: Path, count: int) -> None:
    for i in range(count):
        path = folder / f"district_{i % 10:02d}" / f"daily_report_{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Daily report {i} of district {i % 10}.\n\nThe patrol logged {i + 1} vehicle checks on "
                        f"road {i} and reported no incident.\n", encoding="utf-8")


def timed(action, wait) -> float:
    started = time.perf_counter()
    action()
    wait()
    return time.perf_counter() - started


def measure(page, url: str, count: int, repeats: int, tmp: Path) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {k: [] for k in ("library_shown", "search", "open", "remove", "upload")}
    page.goto(url, wait_until="load")
    page.wait_for_selector("#question textarea", timeout=120_000)
    figures["library_shown"].append(timed(lambda: page.get_by_role("tab", name="Library").click(),
                                          lambda: page.locator("#documents [role=gridcell]").first.wait_for()))
    search = page.locator("#documents input[placeholder^='Search']")
    for r in range(repeats):
        i = (r * 397 + 123) % count
        figures_of_one(page, search, figures, r, i, tmp)
    return figures


def figures_of_one(page, search, figures: dict[str, list[float]], r: int, i: int, tmp: Path) -> None:
    """Search, open and remove ``daily_report_{i}``, then upload the ``r``-th new file."""
    name = f"daily_report_{i:04d}"
    figures["search"].append(timed(
        lambda: search.fill(name),
        lambda: page.wait_for_function(f"() => ({ROWS_JS})('#documents').length === 1")))
    figures["open"].append(timed(
        lambda: page.locator("#documents [role=gridcell]", has_text=f"{name}.txt").click(),
        lambda: page.locator("#library-document", has_text=f"{i + 1} vehicle checks").wait_for()))
    page.locator("#remove").click()
    page.locator("#confirm-remove").wait_for()
    figures["remove"].append(timed(
        lambda: page.locator("#confirm-remove").click(),
        lambda: page.locator("#library-status", has_text=f"Removed district_{i % 10:02d}/{name}").wait_for()))
    search.fill("")
    upload = tmp / f"zz_upload_{r}.txt"
    upload.write_text(f"Upload {r}. The engineers counted {r + 3} damaged culverts on the coast road.\n",
                      encoding="utf-8")
    page.locator("#upload input[type=file]").set_input_files([str(upload)])
    page.wait_for_function("() => document.querySelectorAll('#upload tbody tr').length >= 1")
    figures["upload"].append(timed(
        lambda: page.locator("#add").click(),
        lambda: page.wait_for_function(f"() => ({ROWS_JS})('#documents')[0][0] === 'zz_upload_{r}'",
                                       timeout=120_000)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "library.json")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from assistant import Assistant, IngestStatus, Settings
    from assistant.offline import configure_offline

    configure_offline()
    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp:
        base = Path(tmp)
        write_reports(base / "reports", args.documents)
        started = time.perf_counter()
        report = Assistant(Settings(store=base / "store")).ingest([base / "reports"])
        ingest_s = time.perf_counter() - started
        assert report.count(IngestStatus.ADDED) == args.documents, report.rejected
        app = start_app(base / "store", base / "no-corpus", base / "app.log")
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                context.set_default_timeout(60_000)
                figures = measure(context.new_page(), app.url, args.documents, args.repeats, base)
                browser.close()
        finally:
            app.stop()

    result = {"documents": args.documents, "repeats": args.repeats, "ingest_s": round(ingest_s, 1),
              "load_average": [round(x, 2) for x in os.getloadavg()],
              **{k: {"n": len(v), "median_s": round(statistics.median(v), 3), "max_s": round(max(v), 3)}
                 for k, v in figures.items()}}
    print(f"Library with {args.documents} documents (indexed in {ingest_s:.1f} s); load average "
          f"{', '.join(str(x) for x in result['load_average'])}")
    print(f"{'step':<16}{'n':>4}{'median s':>10}{'max s':>8}")
    for key in figures:
        row = result[key]
        print(f"{key:<16}{row['n']:>4}{row['median_s']:>10.3f}{row['max_s']:>8.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
