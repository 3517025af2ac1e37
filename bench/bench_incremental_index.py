"""Benchmark: how long does keeping the index files up to date take when one document is added
to (and then removed from) an existing store?

Opens the store (``--store``, e.g. a ``bench/bench_counting.py --keep`` store; it is written to: use
a copy), loads the indexes (:meth:`~assistant.api.Assistant.warm_up`), ingests one made-up report and
removes it again, and times :meth:`~assistant.api.Assistant.refresh_indexes` at the end of each (the
keyword index, the catalog and the counting sentence index brought up to date and written to the
store's folder): wall and CPU seconds, and how many chunks were tokenised for BM25.

Usage::

    python bench/bench_incremental_index.py --store STORES/reports-10000

Prints a table and writes JSON (``bench/results/incremental_index.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.offline import configure_offline  # noqa: E402

REPORT = ("DALMESA, 3 June 2019 - A footbridge over the Zelvan canal was damaged by floodwater on Sunday night, "
          "district officials said. Nobody was hurt.\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "incremental_index.json")
    args = parser.parse_args(argv)
    configure_offline()
    from assistant import Assistant, Settings

    assistant = Assistant(Settings(store=args.store, incidents_dir=None))
    assistant.warm_up()
    out: dict[str, object] = {"store": str(args.store), "reports": assistant.count_documents()}
    spent: dict[str, float] = {}
    refresh = assistant.refresh_indexes

    def timed_refresh() -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        refresh()
        spent["s"], spent["cpu"] = time.perf_counter() - wall, time.process_time() - cpu

    assistant.refresh_indexes = timed_refresh
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "footbridge_note.txt").write_text(REPORT, encoding="utf-8")
        started = time.perf_counter()
        assistant.ingest([Path(folder)])
        out["add_s"] = round(time.perf_counter() - started, 2)
    out["add_refresh_s"], out["add_refresh_cpu_s"] = round(spent["s"], 2), round(spent["cpu"], 2)
    out["chunks_tokenised"] = assistant.keywords.tokenised
    started = time.perf_counter()
    assistant.remove("footbridge_note")
    out["remove_s"] = round(time.perf_counter() - started, 2)
    out["remove_refresh_s"], out["remove_refresh_cpu_s"] = round(spent["s"], 2), round(spent["cpu"], 2)
    out["load_average_1min"] = round(os.getloadavg()[0], 2)
    print("| reports | add s | its index update s (CPU) | chunks tokenised | remove s | its index update s (CPU) | load |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {out['reports']:,} | {out['add_s']} | {out['add_refresh_s']} ({out['add_refresh_cpu_s']}) | "
          f"{out['chunks_tokenised']} | {out['remove_s']} | {out['remove_refresh_s']} ({out['remove_refresh_cpu_s']}) | "
          f"{out['load_average_1min']} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
