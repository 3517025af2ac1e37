"""The ``assistant`` command line: ingest, ask, docs, eval, incidents.

Data goes to stdout, progress and logs to stderr; an error is one line
``Error: ...`` on stderr with exit code 1.  Output into a pipe that closes early
(``assistant docs list | head -1``) ends quietly with exit code 0.  Commands that only
read (``ask``, ``docs list``, ``docs remove``, ``incidents``) never create a store: a
missing one is an error naming the path; ``ingest`` creates it, ``eval`` uses a
temporary one of its own.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..offline import configure_offline
from ..types import Filters

logger = logging.getLogger(__name__)

GENERATORS = ["extractive", "llama-cpp", "openai"]


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_filter_options(p: argparse.ArgumentParser, *, dates: bool = True) -> argparse.ArgumentParser:
    """``--from --to --place --source``: the filters of :class:`~assistant.types.Filters`."""
    if dates:
        p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="reports dated (or stating an event) on or after")
        p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="reports dated (or stating an event) on or before")
    p.add_argument("--place", help="reports naming this place (any spelling: Tëren = Teren)")
    p.add_argument("--source", help="reports of this publisher or folder (JMMV, OHCV, news, ...)")
    return p


CLI_LABELS = {"from": "--from", "to": "--to", "place": "--place", "source": "--source"}


def filters_of(values: dict, where: str = "") -> Filters | None:
    """:meth:`Filters.of` (the one reading of ``from``/``to``/``place``/``source``)."""
    return Filters.of(values, where, labels=None if where else CLI_LABELS)


def _cli_filters(args: argparse.Namespace) -> dict:
    return {"from": getattr(args, "date_from", None), "to": getattr(args, "date_to", None),
            "place": getattr(args, "place", None), "source": getattr(args, "source", None)}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Cited question answering over your reports.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    # --store is accepted before or after the subcommand.
    parser.add_argument("--store", type=Path, default=argparse.SUPPRESS,
                        help="store folder (default: ASSISTANT_STORE or data/store in the project)")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", type=Path, default=argparse.SUPPRESS,
                       help="store folder (default: ASSISTANT_STORE or data/store in the project)")
        return p

    p = with_store(sub.add_parser("ingest", help="add or update files and folders in the index"))
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    p = with_store(sub.add_parser("ask", help="answer a question (or a JSONL file of questions)"))
    p.add_argument("question", nargs="?", help="the question")
    p.add_argument("--k", type=positive_int, help="passages retrieved (default: ASSISTANT_TOP_K or 5)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--questions", type=Path, help="JSONL file of {id, question} lines")
    p.add_argument("--out", type=Path, help="JSONL file for the answers (with --questions)")
    p.add_argument("--generator", choices=GENERATORS, help="answerer (default: ASSISTANT_GENERATOR or extractive)")
    add_filter_options(p)

    p = sub.add_parser("eval", help="score answers and retrieval on a QA file over a fresh temporary store")
    p.add_argument("--qa", type=Path, required=True, help="QA file (JSONL: id, question, answers, doc_ids, ...)")
    p.add_argument("--docs", type=Path, nargs="+", required=True, metavar="DIR", help="folders or files to index")
    p.add_argument("--k", type=positive_int, help="passages retrieved (default: ASSISTANT_TOP_K or 5)")
    p.add_argument("--retriever", choices=["dense", "bm25", "hybrid"], help="retriever (default: hybrid)")
    p.add_argument("--rerank", choices=["on", "off"], help="rerank the retrieved candidates (default: on)")
    p.add_argument("--generator", choices=GENERATORS, help="answerer (default: ASSISTANT_GENERATOR or extractive)")
    p.add_argument("--out", type=Path, help="write the report and every question's answer here (JSON)")
    p.add_argument("--counting", action="store_true",
                   help="score only the counting rows (a count-qa file, or the 'aggregate' rows of a QA file): "
                        "exact counts, sums and lists, and the cited reports")
    add_filter_options(p)

    p = with_store(sub.add_parser("incidents", help="export the incident records (CSV or JSON), with filters"))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="incident date on or after")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="incident date on or before")
    p.add_argument("--province", help="province, any spelling (Paktia = Paktiya)")
    p.add_argument("--event-type", choices=["airstrike", "detention", "insurgentskilled", "captureandkill",
                                             "civiliancasualty"], help="event type")
    p.add_argument("--group", help="target group key (taliban, haqqani, aq, hig, imu, ...)")
    p.add_argument("--all", action="store_true", help="also documents in which no incident was recognised")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    p.add_argument("--out", type=Path, help="write to this file instead of stdout")
    add_filter_options(p, dates=False)

    p = with_store(sub.add_parser("timeline", help="the dated events of the reports, newest first, each cited"))
    add_filter_options(p)
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    p.add_argument("--out", type=Path, help="write to this file instead of stdout")

    docs = sub.add_parser("docs", help="list or remove indexed documents").add_subparsers(dest="docs_command", required=True)
    with_store(docs.add_parser("list", help="list the indexed documents"))
    p = with_store(docs.add_parser("remove", help="remove a document and all of its chunks"))
    p.add_argument("document_id", metavar="ID")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 error, 2 usage)."""
    configure_offline()
    parser = build_parser()
    args = parser.parse_args(argv)
    problem = _ask_usage(args)
    if problem:
        parser.error(problem)  # a malformed command line: the usage and exit code 2, as argparse's own errors
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    from ..errors import AssistantError, one_line

    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here rather than at exit
        return code
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"Error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except (AssistantError, ValueError) as exc:
        print(f"Error: {one_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 1


def _discard_stdout() -> None:
    """Point stdout at /dev/null after its reader went away, so the interpreter's last flush
    at exit does not fail again ("Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests capture it)
        pass


READING_COMMANDS = ("ask", "docs", "incidents")
"""Commands that open an existing store only (``docs remove`` too: nothing to remove from a missing store)."""


def _ask_usage(args: argparse.Namespace) -> str | None:
    """What is wrong with an ``ask`` command line's choice of question and files, else ``None``."""
    if args.command != "ask":
        return None
    if (args.question is None) == (args.questions is None):
        return "give either a QUESTION or --questions IN.jsonl (with --out OUT.jsonl)"
    if args.questions is not None and args.out is None:
        return "--questions needs --out OUT.jsonl"
    if args.questions is None and args.out is not None:
        return "--out goes with --questions IN.jsonl (for one question use --json)"
    return None


def _run(args: argparse.Namespace) -> int:
    from ..api import Assistant
    from ..config import Settings

    out = getattr(args, "out", None)
    if out is not None and not out.parent.is_dir():
        raise ValueError(f"{out}: the folder {out.parent} does not exist")
    overrides = {"store": args.store} if getattr(args, "store", None) else {}
    if getattr(args, "retriever", None):
        overrides["retriever"] = args.retriever
    if getattr(args, "rerank", None):
        overrides["rerank"] = args.rerank == "on"
    if getattr(args, "generator", None):
        overrides["generator"] = args.generator
    if args.command in ("ask", "eval", "incidents", "timeline"):
        filters_of(_cli_filters(args))  # a malformed filter stops the command before any work
    settings = Settings(**overrides)
    if args.command == "eval":
        return _eval(settings, args)
    batch = (read_questions(args.questions, _cli_filters(args))
             if args.command == "ask" and args.questions is not None else None)
    writes = args.command == "ingest" or (args.command == "docs" and args.docs_command == "remove")
    if writes and settings.storage.chroma_url is None:
        from ..storage.serving import check_not_served

        check_not_served(settings.storage.store)
    if args.command == "ingest" and settings.storage.chroma_url is None and not settings.storage.store.exists():
        nothing = _nothing_to_index(args.paths, settings.ingest.max_file_bytes)
        if nothing is not None:  # no new empty store for an ingest that would index nothing
            code = _print_report(nothing)
            print(f"no store created at {settings.storage.store}: nothing to index", file=sys.stderr)
            return code
    assistant = Assistant(settings, create=args.command not in READING_COMMANDS)
    if args.command == "ingest":
        return _ingest(assistant, args.paths)
    if args.command == "incidents":
        return _incidents(assistant, args)
    if args.command == "timeline":
        return _timeline(assistant, args)
    if args.command == "ask":
        if batch is not None:
            return _ask_batch(assistant, args.questions, batch, args.out, args.k)
        return _ask(assistant, args.question, args.k, args.json, filters_of(_cli_filters(args)))
    if args.docs_command == "list":
        documents = assistant.documents()
        if not documents:
            print(f"no documents indexed in {assistant.location}", file=sys.stderr)
        for doc in documents:
            print(f"{doc.id}\t{doc.path}\t{doc.size} chars\t{doc.n_chunks} chunk{'' if doc.n_chunks == 1 else 's'}\tadded {doc.added_at}")
        return 0
    document = assistant.find_document(args.document_id)
    removed = assistant.remove(document.id)
    print(f"removed {document.id} ({removed} chunks)")
    return 0


def _ingest(assistant, paths: list[Path]) -> int:
    from tqdm import tqdm

    with tqdm(total=0, unit="file", desc="ingest", file=sys.stderr, disable=None) as bar:
        def progress(done: int, total: int, path: str) -> None:
            bar.total = total
            bar.set_postfix_str(Path(path).name, refresh=False)
            bar.update(1)

        report = assistant.ingest(paths, progress=progress)
    from ..types import IngestStatus

    for result in report.results:
        if result.status is IngestStatus.REPLACED:
            print(f"replaced: {result.path} (the version added {result.previous_added_at})", file=sys.stderr)
        elif result.previous_id:
            print(f"moved: {result.previous_id} is now {result.document_id} (the same text; ids follow the "
                  f"folder path since store format 2)", file=sys.stderr)
    reindexed = sum(1 for r in report.results if r.reindexed)
    if reindexed:
        print(f"re-indexed {reindexed} unchanged file{'s' if reindexed > 1 else ''}: indexed before the current "
              f"English pipeline", file=sys.stderr)
    return _print_report(report)


def _print_report(report) -> int:
    """Print the rejections (stderr) and the summary line of an :class:`~assistant.types.IngestReport`;
    the exit code: 1 when it was given files and every one was rejected, else 0."""
    for result in report.rejected:
        print(f"rejected: {result.reason}", file=sys.stderr)
    print(report.summary())
    return 1 if report.results and len(report.rejected) == len(report.results) else 0


def _nothing_to_index(paths: list[Path], max_bytes: int):
    """``None`` when one of the files under ``paths`` can be read (the first such file stops the
    search), else the :class:`~assistant.types.IngestReport` of the ingest: every file rejected with
    the reason the ingest gives (a missing path, an unsupported type, an empty file ...), or no file."""
    from ..errors import AssistantError
    from ..ingest.loading import iter_sources, load_document
    from ..types import IngestReport, IngestResult, IngestStatus

    results = []
    for source in iter_sources(paths):
        try:
            load_document(source.file, max_bytes=max_bytes, relative=source.relative)
            return None
        except AssistantError as exc:
            reason = str(exc)
        except Exception as exc:  # as the ingest: one bad file is rejected, never a crash
            reason = f"{source.file}: {type(exc).__name__}: {exc}"
        results.append(IngestResult(str(source.file), IngestStatus.REJECTED, reason=reason))
    return IngestReport(tuple(results))


def _ask(assistant, question: str, k: int | None, as_json: bool, filters=None) -> int:
    from .serialize import answer_record

    answer = assistant.ask(question, k, filters=filters)
    if as_json:
        print(json.dumps(answer_record(answer), ensure_ascii=False, indent=2))
        return 0
    print(answer.display_text)
    for c in answer.citations:
        page = "" if c.page is None else f"p. {c.page}{f'-{c.page_end}' if c.page_end else ''}, "
        print(f"\n[{c.n}] {c.path or c.source} ({page}chars {c.start}-{c.end}, score {c.score:.2f})")
        print(textwrap.indent(c.text, "    "))
    return 0


def _ask_batch(assistant, questions: Path, lines: list[BatchLine], out: Path, k: int | None) -> int:
    """Answer every good line; a bad line, or a question that fails, becomes an error record
    (:func:`~assistant.interfaces.serialize.error_record`) in ``out`` in its place."""
    from tqdm import tqdm

    from ..errors import AssistantError, EmptyIndexError, one_line
    from .serialize import answer_record, error_record

    if assistant.count_documents() == 0:
        raise EmptyIndexError(assistant.location)
    failed: list[tuple[int, str]] = []
    with out.open("w", encoding="utf-8") as sink:
        for line in tqdm(lines, unit="question", desc="ask", file=sys.stderr, disable=None):
            error = line.error
            if error is None:
                try:
                    record = answer_record(assistant.ask(line.question, k, filters=line.filters), line.id)
                except EmptyIndexError:
                    raise
                except (AssistantError, ValueError) as exc:
                    error = one_line(exc)
            if error is not None:
                failed.append((line.number, error))
                record = error_record(line.id, error, line.number)
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    for number, error in failed:
        print(f"Error: {questions}:{number}: {error}", file=sys.stderr)
    answered = len(lines) - len(failed)
    if failed:
        numbers = ", ".join(str(n) for n, _ in failed)
        print(f"{answered} answers and {len(failed)} error records written to {out} "
              f"(line{'s' if len(failed) > 1 else ''} {numbers} not answered)", file=sys.stderr)
        return 1
    print(f"{answered} answers written to {out}", file=sys.stderr)
    return 0


def _eval(settings, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..evaluation.metrics import format_table
    from ..evaluation.run import run_eval

    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage) or bars.setdefault(stage, tqdm(total=total, desc=stage, file=sys.stderr, disable=None))
        bar.update(done - bar.n)

    from ..evaluation.counting import format_count_table, is_count_qa, run_count_eval, to_json

    if args.counting or is_count_qa(args.qa):  # a counting set: exact counts, sums, lists and the cited reports
        rows = run_count_eval(args.qa, args.docs, settings=settings)
        print(format_count_table(rows))
        if args.out:
            args.out.write_text(json.dumps(to_json(rows), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"report written to {args.out}", file=sys.stderr)
        return 0
    k = args.k or settings.retrieval.top_k
    report, records = run_eval(args.qa, args.docs, settings=settings, k=k, progress=progress,
                               filters=filters_of(_cli_filters(args)))
    for bar in bars.values():
        bar.close()
    embedder = str(settings.embedding.embedding_model or settings.embedding.embedder)
    print(f"retriever={settings.retrieval.retriever} rerank={'on' if settings.retrieval.rerank else 'off'} k={k} "
          f"generator={settings.generator.backend} embedder={embedder}")
    print(format_table(report))
    if args.out:
        payload = {"settings": {"retriever": settings.retrieval.retriever, "rerank": settings.retrieval.rerank, "k": k,
                                "embedder": embedder,
                                "chunk_size": settings.ingest.chunk_size,
                                "chunk_overlap": settings.ingest.chunk_overlap, "generator": settings.generator.backend},
                   "report": report.to_dict(), "questions": records}
        args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"report written to {args.out}", file=sys.stderr)
    return 0


def _incidents(assistant, args: argparse.Namespace) -> int:
    from ..incidents.export import to_csv, to_json
    from ..incidents.records import IncidentFilter

    Filters.of({"from": args.date_from, "to": args.date_to}, labels=CLI_LABELS)  # the one date reader
    flt = IncidentFilter(date_from=args.date_from, date_to=args.date_to, province=args.province,
                         event_type=args.event_type, target_group=args.group, incidents_only=not args.all)
    records = assistant.incident_records(flt, filters_of({"place": args.place, "source": args.source}))
    text = to_json(records) + "\n" if args.format == "json" else to_csv(records)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(records)} incident records written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


@dataclass(frozen=True)
class BatchLine:
    """One non-blank line of a question file: its 1-based ``number``, the ``id`` it gives
    (``None`` when it gives none), its ``question`` and ``filters`` (the line's
    ``"from"``/``"to"``/``"place"``/``"source"`` over the command line's), or the ``error``
    that keeps it from being asked."""

    number: int
    id: object = None
    question: str | None = None
    error: str | None = None
    filters: Filters | None = None


def read_questions(path: Path, defaults: dict | None = None) -> list[BatchLine]:
    """The non-blank lines of a JSONL question file; each line should be an object with
    ``id`` and a non-empty string ``question``.  A line that is not (not JSON, a missing
    field, an empty question, a malformed filter) comes back with its ``error`` set, so the
    others can still be answered.  ``defaults``: the command line's filters (see :func:`row_filters`).

    Raises:
        OSError: the file cannot be read.
    """
    lines = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            lines.append(BatchLine(number, error=f"not JSON ({exc.msg})"))
            continue
        if not isinstance(row, dict):
            lines.append(BatchLine(number, error="not a JSON object with 'id' and 'question'"))
            continue
        missing = [field for field in ("id", "question") if field not in row]
        if missing:
            lines.append(BatchLine(number, row.get("id"), error=f"missing field {missing[0]!r}"))
        elif not isinstance(row["question"], str) or not row["question"].strip():
            lines.append(BatchLine(number, row["id"], error="'question' must be a non-empty string"))
        else:
            try:
                filters = row_filters(row, defaults or {})
            except ValueError as exc:
                lines.append(BatchLine(number, row["id"], error=str(exc)))
                continue
            lines.append(BatchLine(number, row["id"], row["question"], filters=filters))
    return lines


def row_filters(row: dict, defaults: dict, where: str = ""):
    """The filters of one question line: its optional ``"from"``, ``"to"``, ``"place"``,
    ``"source"`` keys, each over the command line's value (``defaults``).

    Raises:
        ValueError: a malformed filter (the message gives file, line and field).
    """
    values = {key: row[key] if key in row else defaults.get(key) for key in ("from", "to", "place", "source")}
    return Filters.of(values, where)  # the line's own keys: named as the line writes them ('from')


def _timeline(assistant, args: argparse.Namespace) -> int:
    import csv
    import io

    from ..answering.timeline import COLUMNS, rows_table

    timeline = assistant.timeline(filters_of(_cli_filters(args)))
    rows = rows_table(timeline)
    if args.format == "json":
        text = json.dumps({"rows": rows, "undated": list(timeline.undated)}, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(rows)} timeline rows written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if timeline.undated:
        print(f"undated (not on the timeline): {', '.join(timeline.undated)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
