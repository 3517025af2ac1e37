"""Client/server mode: a real ``chroma run`` on a free loopback port shared by several processes."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.offline import OFFLINE_ENV
from tests.support.paths import CORPUS, ROOT
from tests.support.processes import cli_command

AIRSTRIKES = "How many airstrikes were reported?"
CRANES = "How many damaged cranes did the inspectors count at the northern harbor?"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chroma_executable() -> str:
    beside = Path(sys.executable).parent / "chroma"
    found = str(beside) if beside.exists() else shutil.which("chroma")
    assert found, "the `chroma` command of the chromadb package is not installed"
    return found


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory) -> Iterator[str]:
    """``chroma run --path DIR --host 127.0.0.1 --port PORT``; yields its URL, stopped after the module."""
    import httpx

    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen(
        [chroma_executable(), "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **OFFLINE_ENV},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (folder / "server.log").read_text()
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the Chroma server did not start"
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_ingest_in_one_process_while_the_web_app_answers_in_another(chroma_server, embedder, tmp_path):
    from gradio_client import Client

    from assistant import Assistant, Settings
    from assistant.interfaces.web.ui import create_ui

    settings = Settings(chroma_url=chroma_server, collection="server-test")
    web = Assistant(settings, embedder=embedder)
    assert web.ingest([CORPUS / "jazira_storm_operation.txt"]).results[0].status.value == "added"
    demo = create_ui(web, settings)
    _, url, _ = demo.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        client = Client(url, verbose=False)
        folder = tmp_path / "more"
        folder.mkdir()
        for name in ("isaf_test_037.txt", "isaf_test_074.txt", "isaf_test_216.txt"):
            shutil.copy(CORPUS / name, folder / name)
        (folder / "harbor.txt").write_text(
            "Harbor inspection report.\n\nThe inspectors counted 17 damaged cranes at the northern harbor "
            "after the storm. Repairs are expected to take six weeks.\n", encoding="utf-8")
        env = {**os.environ, "ASSISTANT_CHROMA_URL": chroma_server, "ASSISTANT_COLLECTION": "server-test"}
        ingest = subprocess.Popen(cli_command("ingest", str(folder)), cwd=ROOT, env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        answered = 0
        while ingest.poll() is None:  # the web app keeps answering while the other process writes
            record = json.loads(client.predict(AIRSTRIKES, api_name="/ask"))
            assert record["has_answer"] and "34" in record["answer"], record
            answered += 1
        out, err = ingest.communicate(timeout=60)
        assert ingest.returncode == 0, err
        assert "added 4" in out and answered >= 1

        record = json.loads(client.predict(CRANES, api_name="/ask"))  # written by the other process
        assert record["has_answer"] and "17" in record["answer"]
        assert record["citations"][0]["source"] == "harbor.txt"

        listing = subprocess.run(cli_command("docs", "list"), cwd=ROOT, env=env, text=True,
                                 capture_output=True, timeout=300, check=True)
        listed = [line.split("\t")[0] for line in listing.stdout.splitlines()]
        expected = ["harbor", "isaf_test_037", "isaf_test_074", "isaf_test_216", "jazira_storm_operation"]
        assert listed == [d.id for d in web.documents()] == expected
    finally:
        demo.close()


def test_a_server_that_does_not_answer_is_one_clear_error(monkeypatch, capsys):
    from assistant.interfaces.cli import main

    port = free_port()
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", f"http://127.0.0.1:{port}")
    assert main(["docs", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: cannot reach the Chroma server at http://127.0.0.1:{port}")
    assert "chroma run --path DIR" in err and err.count("\n") == 1


def test_same_named_files_stay_two_documents_through_the_server(chroma_server, embedder, tmp_path, capsys,
                                                                monkeypatch):
    from assistant import Assistant, Settings
    from assistant.interfaces.cli import main
    from tests.support.format1 import write_reports

    reports = write_reports(tmp_path / "reports")
    settings = Settings(chroma_url=chroma_server, collection="server-names")
    assistant = Assistant(settings, embedder=embedder)
    assert assistant.ingest([reports]).summary() == "added 3, replaced 0, unchanged 0, rejected 0"
    assert assistant.store.store_format() == 2
    other = Assistant(settings, embedder=embedder)  # another client of the same collection
    assert [(d.id, d.path) for d in other.documents()] == [
        ("harbor_inspection", "harbor_inspection.txt"),
        ("north/weekly_report", "north/weekly_report.txt"),
        ("south/weekly_report", "south/weekly_report.txt"),
    ]
    answer = other.ask("How many roadblocks did the northern patrols count?")
    assert "12 roadblocks" in answer.text and answer.citations[0].path == "north/weekly_report.txt"
    assert set(other.incidents.db.versions()) == {d.id for d in other.documents()}

    monkeypatch.setenv("ASSISTANT_CHROMA_URL", chroma_server)
    monkeypatch.setenv("ASSISTANT_COLLECTION", "no-such-collection")
    assert main(["docs", "list"]) == 1  # a reading command never creates a collection on the server
    err = capsys.readouterr().err
    assert err.startswith(f"Error: no index 'no-such-collection' at {chroma_server}") and err.count("\n") == 1
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_server.rsplit(":", 1)[1]),
                                 settings=chromadb.Settings(anonymized_telemetry=False))
    assert "no-such-collection" not in [c.name for c in client.list_collections()]
