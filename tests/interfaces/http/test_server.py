"""Every endpoint of the HTTP API against the real server (``app.py`` on a loopback port, real
store, real model), with API keys: questions, streams, documents, incidents, health, errors,
roles, the web login, and answers while an upload is indexed."""

from __future__ import annotations

import json
import threading
import time

import pytest

from assistant.interfaces.serialize import answer_record
from assistant.types import Answer, Chunk, Citation, Passage
from tests.interfaces.http.conftest import MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES, Api
from tests.support.makefiles import report_text
from tests.support.paths import ROOT

AIRSTRIKES = "How many airstrikes were reported?"
HARBOR_REPORT = """Harbor inspection report, northern district

The inspectors counted 17 damaged cranes at the northern harbor after the storm.
Repairs are expected to take six weeks, according to the port authority.
"""
HARBOR_QUESTION = "How many damaged cranes were counted at the northern harbor?"


def contract_keys() -> set[str]:
    """The keys of the batch JSON contract (``answer_record``), ``id`` included."""
    chunk = Chunk("d:h:0", "d", "d.txt", 0, 0, 1, "x")
    answer = Answer("q", "a [1]", True, (Citation(1, "d", "d.txt", "d:h:0", 0, 1, "x", 0.5),), (Passage(chunk, 0.5, 1),))
    return set(answer_record(answer, "id"))


def events(text: str) -> list[tuple[str, dict]]:
    """``(event, data)`` of a server-sent event stream."""
    found = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        if "data" in fields:
            found.append((fields.get("event", "message"), json.loads(fields["data"])))
    return found


# ----- questions -----------------------------------------------------------------------------------


def test_health_says_the_store_answers_and_what_is_loaded(api: Api) -> None:
    with api.client() as client:
        health = client.get("/v1/health").json()
    assert health["status"] == "ok" and health["store_reachable"] is True
    assert health["documents"] >= 6 and health["chunks"] >= health["documents"]
    assert (health["embedder"], health["generator"], health["access_control"]) == ("all-MiniLM-L6-v2", "extractive", True)


def test_ask_answers_with_the_batch_json_contract(api: Api) -> None:
    with api.client() as client:
        response = client.post("/v1/ask", json={"question": AIRSTRIKES, "k": 3, "id": "q1"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    answer = response.json()
    assert set(answer) == contract_keys()
    assert answer["id"] == "q1" and answer["has_answer"] and "34 airstrikes" in answer["answer"] and "[1]" in answer["answer"]
    assert len(answer["retrieved"]) == 3 and answer["grounding"] == "extractive"
    citation = answer["citations"][0]
    assert citation["document_id"] == "jazira_storm_operation" and citation["source"] == "jazira_storm_operation.txt"
    with api.client() as client:
        text = client.get(f"/v1/documents/{citation['document_id']}").json()["text"]
    assert text[citation["start"]:citation["end"]] == citation["text"]  # offsets index into the document text


def test_ask_stream_sends_progress_then_the_same_answer(api: Api) -> None:
    with api.client() as client:
        response = client.post("/v1/ask/stream", json={"question": AIRSTRIKES, "k": 3})
        whole = client.post("/v1/ask", json={"question": AIRSTRIKES, "k": 3}).json()
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    stream = events(response.text)
    assert [name for name, _ in stream] == ["progress", "done"]
    assert stream[0][1] == {"stage": "retrieved", "passages": 3}
    done = stream[-1][1]
    assert {k: v for k, v in done.items() if k not in ("latency_ms", "id")} == {k: v for k, v in whole.items()
                                                                               if k not in ("latency_ms", "id")}


def test_history_makes_a_follow_up_and_filters_are_taken(api: Api) -> None:
    history = [{"role": "user", "content": "How many airstrikes were reported in Kunduz?"},
               {"role": "assistant", "content": "3 reports match."}]
    with api.client() as client:
        follow_up = client.post("/v1/ask", json={"question": "and in Helmand?", "history": history}).json()
        filtered = client.post("/v1/ask", json={"question": AIRSTRIKES,
                                                "filters": {"from": "2010-01-01", "to": "2010-12-31"}})
        unfiltered = client.post("/v1/ask", json={"question": AIRSTRIKES}).json()
    assert follow_up["question"] == "How many airstrikes were reported in Helmand?"
    assert filtered.status_code == 200, filtered.text
    applied = filtered.json()["filters"]
    assert (applied["from"], applied["to"], applied["matching_reports"]) == ("2010-01-01", "2010-12-31", 3)
    assert "34 airstrikes" in unfiltered["answer"] and "filters" not in unfiltered
    assert all(c["document_id"] != "jazira_storm_operation" for c in filtered.json()["citations"])  # undated


@pytest.mark.parametrize(("body", "named"), [
    ({"question": AIRSTRIKES, "filters": {"from": "2011-01-01", "to": "2010-01-01"}}, "'from' (2011-01-01) is after"),
    ({"question": AIRSTRIKES, "filters": {"from": 20100101}}, "YYYY-MM-DD"),
    ({"question": AIRSTRIKES, "filters": {"place": "Kunduz", "country": "x"}}, "country"),
    ({"questoin": AIRSTRIKES}, "questoin"),
    ({"question": "   "}, "the question is empty"),
    ({"question": " ?! "}, "body.question: the question has no words: '?!'"),
    ({"question": AIRSTRIKES, "k": 0}, "body.k"),
    ({"question": AIRSTRIKES, "history": [{"role": "system", "content": "x"}]}, "role"),
])
def test_a_bad_question_request_is_one_422_naming_the_field(api: Api, body: dict, named: str) -> None:
    with api.client() as client:
        response = client.post("/v1/ask", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and named in error["message"]


# ----- documents -----------------------------------------------------------------------------------


def test_documents_are_listed_and_read_and_an_unknown_one_is_404(api: Api) -> None:
    with api.client() as client:
        listed = client.get("/v1/documents").json()["documents"]
        one = client.get("/v1/documents/isaf_test_037").json()
        missing = client.get("/v1/documents/no_such_report")
    ids = [d["id"] for d in listed]
    assert {"jazira_storm_operation", "isaf_test_037", "isaf_test_396"} <= set(ids) and ids == sorted(ids)
    assert set(listed[0]) == {"id", "source", "content_hash", "chunks", "size", "added_at", "path", "pages", "path_assumed"}
    assert one["source"] == "isaf_test_037.txt" and one["size"] == len(one["text"]) and "Kandahar" in one["text"]
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "document_not_found",
                                        "message": "no document 'no_such_report' is indexed (give its id, path or file name)"}}


def test_upload_then_ask_then_remove_then_ask(api: Api, tmp_path) -> None:
    harbor = HARBOR_REPORT.encode()
    files = [("files", ("harbor_inspection.txt", harbor, "text/plain")),
             ("files", ("notes.exe", b"MZ\x00\x01", "application/octet-stream")),
             ("files", ("harbor_inspection.txt", harbor, "text/plain")),
             ("files", ("ngo/copy_of_harbor.md", harbor, "text/markdown"))]
    with api.client("admin") as admin, api.client() as reader:
        upload = admin.post("/v1/documents", files=files)
        assert upload.status_code == 200, upload.text
        results = upload.json()["results"]
        assert [(r["file"], r["status"]) for r in results] == [
            ("harbor_inspection.txt", "added"), ("notes.exe", "rejected"),
            ("harbor_inspection.txt", "rejected"), ("ngo/copy_of_harbor.md", "rejected")]
        assert results[0]["document_id"] == "harbor_inspection" and results[0]["chunks"] == 1
        assert "unsupported file type '.exe'" in results[1]["reason"]
        assert "another file of this upload has the same name" in results[2]["reason"]
        assert "same text as the indexed document 'harbor_inspection'" in results[3]["reason"]
        assert all("assistant-upload-" not in (r["reason"] or "") for r in results)  # no server paths
        assert upload.json()["summary"] == {"added": 1, "replaced": 0, "unchanged": 0, "rejected": 3}

        answer = reader.post("/v1/ask", json={"question": HARBOR_QUESTION}).json()
        assert answer["has_answer"] and "17 damaged cranes" in answer["answer"]
        assert answer["citations"][0]["document_id"] == "harbor_inspection"

        again = admin.post("/v1/documents", files=files[:1]).json()["results"]
        assert again[0]["status"] == "unchanged"

        removed = admin.delete("/v1/documents/harbor_inspection")
        assert removed.status_code == 200
        assert removed.json() == {"id": "harbor_inspection", "path": "harbor_inspection.txt",
                                  "source": "harbor_inspection.txt", "chunks": 1}
        after = reader.post("/v1/ask", json={"question": HARBOR_QUESTION}).json()
        assert all(c["document_id"] != "harbor_inspection" for c in after["citations"])
        assert "17 damaged cranes" not in after["answer"]
        assert admin.delete("/v1/documents/harbor_inspection").status_code == 404
        assert reader.get("/v1/documents/harbor_inspection").status_code == 404


def test_a_document_is_named_by_id_path_or_file_name_and_the_reply_gives_its_id(api: Api) -> None:
    quarry = b"Quarry road report\n\nCrews cleared 12 boulders from the quarry road on Monday.\n"
    with api.client("admin") as admin:
        assert admin.post("/v1/documents", files=[("files", ("quarry_road.txt", quarry, "text/plain"))]).json()[
            "results"][0]["document_id"] == "quarry_road"
        for name in ("quarry_road", "quarry_road.txt"):  # the same document either way
            got = admin.get(f"/v1/documents/{name}")
            assert got.status_code == 200 and got.json()["id"] == "quarry_road" and "12 boulders" in got.json()["text"]
        removed = admin.delete("/v1/documents/quarry_road.txt")
        assert removed.status_code == 200 and removed.json()["id"] == "quarry_road"
        for name in ("quarry_road", "quarry_road.txt"):  # gone under both names
            again = admin.delete(f"/v1/documents/{name}")
            assert again.status_code == 404 and again.json()["error"]["code"] == "document_not_found"
            assert f"no document '{name}' is indexed" in again.json()["error"]["message"]
            assert admin.get(f"/v1/documents/{name}").status_code == 404
        assert admin.post("/v1/documents", files=[("files", ("quarry_road.txt", quarry, "text/plain"))]).json()[
            "results"][0]["status"] == "added"
        assert admin.delete("/v1/documents/quarry_road").json()["id"] == "quarry_road"  # by id


def test_an_upload_replacing_a_document_with_another_ones_text_is_a_duplicate(api: Api) -> None:
    lake = b"Lake survey\n\nDivers counted 31 sunken boats in the northern bay of the lake.\n"
    ferry = b"Ferry notice\n\nThe western ferry carried 640 passengers across the lake on Sunday.\n"
    with api.client("admin") as admin:
        first = admin.post("/v1/documents", files=[("files", ("lake_survey.txt", lake, "text/plain")),
                                                   ("files", ("ferry_notice.txt", ferry, "text/plain"))]).json()
        assert [r["status"] for r in first["results"]] == ["added", "added"]
        replace = admin.post("/v1/documents", files=[("files", ("ferry_notice.txt", lake, "text/plain"))]).json()
        renamed = admin.post("/v1/documents", files=[("files", ("lake_copy.txt", lake, "text/plain"))]).json()
        kept = admin.get("/v1/documents/ferry_notice").json()["text"]
        for name in ("lake_survey", "ferry_notice"):
            admin.delete(f"/v1/documents/{name}")
    [result] = replace["results"]
    assert result["status"] == "rejected", result
    reason = "same text as the indexed document 'lake_survey' (lake_survey.txt); not indexed twice"
    assert result["reason"] == f"ferry_notice.txt: {reason}"
    assert renamed["results"][0]["reason"] == f"lake_copy.txt: {reason}"  # the same error as for a new name
    assert "640 passengers" in kept  # the old version is kept


def test_a_page_of_navigation_only_is_rejected_naming_the_file(api: Api) -> None:
    page = b"<html><body><header>Lake Herald</header><nav>menu</nav><footer>Contact us</footer></body></html>"
    with api.client("admin") as admin:
        upload = admin.post("/v1/documents", files=[("files", ("lake_portal.html", page, "text/html"))]).json()
    [result] = upload["results"]
    assert result["status"] == "rejected" and result["file"] == "lake_portal.html"
    assert result["reason"].startswith("lake_portal.html: no main text found in the HTML page")
    assert "lake_portal" not in api.documents()


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/chat/completions"])
def test_a_question_over_the_limit_is_refused_naming_its_length(api: Api, path: str) -> None:
    question = "Was the lake ferry on time? " * 143 + "Yes?"  # 4,008 characters
    body = ({"question": question} if path == "/v1/ask"
            else {"model": "report-assistant", "messages": [{"role": "user", "content": question}]})
    with api.client() as client:
        response = client.post(path, json=body)
    assert response.status_code == 422, response.text
    message = response.json()["error"]["message"]
    assert message.endswith(": the question is 4,008 characters long; the limit is 4,000"), message  # the CLI's words
    assert "Value error" not in message and "String should" not in message


def test_answers_are_served_while_an_upload_is_indexed(api: Api) -> None:
    files = [("files", (f"bulk_report_{i}.txt", report_text(500 + i, paragraphs=40).encode(), "text/plain"))
             for i in range(4)]
    finished: dict[str, float] = {}

    def upload() -> None:
        with api.client("admin") as admin:
            response = admin.post("/v1/documents", files=files, timeout=600)
        finished["status"] = response.status_code
        finished["at"] = time.monotonic()

    answered: list[float] = []
    thread = threading.Thread(target=upload)
    with api.client() as reader:
        thread.start()
        time.sleep(0.5)  # the upload has started indexing
        while thread.is_alive() and len(answered) < 50:
            response = reader.post("/v1/ask", json={"question": AIRSTRIKES})
            assert response.status_code == 200 and "34 airstrikes" in response.json()["answer"]
            answered.append(time.monotonic())
        thread.join()
        try:
            assert finished["status"] == 200
            during = [t for t in answered if t < finished["at"]]
            assert len(during) >= 3, f"only {len(during)} answers while the upload was indexed"
        finally:
            with api.client("admin") as admin:
                for i in range(4):
                    admin.delete(f"/v1/documents/bulk_report_{i}")


# ----- incidents -----------------------------------------------------------------------------------


def test_incidents_with_the_filters_of_the_cli(api: Api) -> None:
    with api.client() as client:
        every = client.get("/v1/incidents").json()["incidents"]
        kunduz = client.get("/v1/incidents", params={"province": "Kunduz", "event_type": "airstrike"}).json()["incidents"]
        named = client.get("/v1/incidents", params={"place": "Kunduz"}).json()["incidents"]
        may = client.get("/v1/incidents", params={"from": "2010-05-01", "to": "2010-05-31"}).json()["incidents"]
        bad_day = client.get("/v1/incidents", params={"from": "May 2010"})
        reversed_range = client.get("/v1/incidents", params={"from": "2011-01-01", "to": "2010-01-01"})
        bad_type = client.get("/v1/incidents", params={"event_type": "parade"})
    assert {r["document_id"] for r in kunduz} == {"isaf_test_195", "isaf_test_396"}
    assert {r["document_id"] for r in may} == {"isaf_test_037"} and len(every) >= 5
    assert {r["document_id"] for r in named} == {"isaf_test_195", "isaf_test_396"}
    record = kunduz[0]
    assert record["province"] == "Kunduz" and "airstrike" in record["event_types"]
    assert all(e["start"] < e["end"] and e["text"] for e in record["evidence"])
    for response in (bad_day, reversed_range, bad_type):
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    assert "YYYY-MM-DD" in bad_day.json()["error"]["message"]


def test_timeline_with_the_filters_of_the_cli(api: Api) -> None:
    with api.client() as client:
        every = client.get("/v1/timeline").json()
        may = client.get("/v1/timeline", params={"from": "2010-05-01", "to": "2010-05-31"}).json()
        bad = client.get("/v1/timeline", params={"to": "31/05/2010"})
    dates = [row["date"] for row in every["rows"]]
    assert dates == sorted(dates, reverse=True) and "jazira_storm_operation" in every["undated"]
    assert {row["report"] for row in may["rows"]} == {"isaf_test_037"}
    assert all("2010-05-01" <= row["date"] <= "2010-05-31" for row in may["rows"])
    row = may["rows"][0]
    with api.client() as client:
        text = client.get(f"/v1/documents/{row['report']}").json()["text"]
    assert text[row["start"]:row["end"]].startswith(row["summary"].rstrip("…")[:40])
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.json()["error"]["message"]


# ----- access control and errors -------------------------------------------------------------------


def test_keys_and_roles(api: Api) -> None:
    upload = [("files", ("role_check.txt", b"Role check: 5 boats were counted.", "text/plain"))]
    with api.client(None) as anonymous, api.client("not-a-key-0123456789") as stranger, \
            api.client() as reader, api.client("admin") as admin:
        for client in (anonymous, stranger):
            response = client.get("/v1/documents")
            assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
            assert response.json()["error"]["code"] == "unauthorized"
        assert "Authorization: Bearer KEY" in anonymous.post("/v1/ask", json={"question": AIRSTRIKES}).json()["error"]["message"]
        assert anonymous.post("/v1/chat/completions", json={}).status_code == 401
        for response in (reader.post("/v1/documents", files=upload), reader.delete("/v1/documents/isaf_test_037")):
            assert response.status_code == 403
            assert response.json()["error"] == {"code": "forbidden",
                                                 "message": "the key 'alice' has the role 'read'; this needs 'admin'"}
        assert reader.get("/v1/documents/isaf_test_037").status_code == 200
        assert admin.get("/v1/health").status_code == 200  # admin may read too
        added = admin.post("/v1/documents", files=upload)
        assert added.json()["results"][0]["status"] == "added"
        assert admin.delete("/v1/documents/role_check.txt").json() == {  # by file name: the real id in the reply
            "id": "role_check", "path": "role_check.txt", "source": "role_check.txt", "chunks": 1}
        assert anonymous.get("/openapi.json").status_code == 200 and anonymous.get("/docs").status_code == 200


def test_the_web_page_asks_for_a_login_with_a_key(api: Api) -> None:
    import httpx

    with httpx.Client(base_url=api.url, timeout=60) as browser:
        assert browser.get("/config").status_code == 401  # the page's API needs a login
        assert browser.post("/login", data={"username": "alice", "password": "wrong-key-0123456789"}).status_code == 400
        assert browser.post("/login", data={"username": "bob", "password": api.read_key}).status_code == 400
        assert browser.post("/login", data={"username": "alice", "password": api.read_key}).status_code == 200
        assert browser.get("/config").status_code == 200
    with httpx.Client(base_url=api.url, timeout=60) as admin:
        assert admin.post("/login", data={"username": "admin", "password": api.admin_key}).status_code == 200


def test_errors_are_json_with_the_right_status(api: Api) -> None:
    with api.client() as client:
        unknown = client.get("/v1/no-such-endpoint")
        bare = client.get("/v1")
        wrong_method = client.put("/v1/ask", json={"question": AIRSTRIKES})
        too_large = client.post("/v1/ask", content=b'{"question": "' + b"x" * MAX_REQUEST_BYTES + b'"}',
                                headers={"content-type": "application/json"})
        not_json = client.post("/v1/ask", content=b"question=airstrikes", headers={"content-type": "application/json"})
        not_utf8 = client.post("/v1/ask", content=b'{"question": "\xff\xfe"}', headers={"content-type": "application/json"})
        no_files = client.post("/v1/documents", headers={"Authorization": f"Bearer {api.admin_key}"})
    with api.client("admin") as admin:
        big = admin.post("/v1/documents", files=[("files", ("big.txt", b"x" * (MAX_UPLOAD_BYTES + 1), "text/plain"))])
        chunked = admin.post("/v1/ask", content=iter([b'{"question": "', b"y" * MAX_REQUEST_BYTES, b'"}']),
                             headers={"content-type": "application/json"})
    for response in (unknown, bare):
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
        assert "/openapi.json" in response.json()["error"]["message"]
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"
    for response in (too_large, big, chunked):
        assert response.status_code == 413, response.text
        assert response.json()["error"]["code"] == "too_large"
    assert str(MAX_UPLOAD_BYTES) in big.json()["error"]["message"]
    for response in (not_json, no_files):
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    assert not_utf8.status_code in (400, 422) and "error" in not_utf8.json()


def test_the_command_line_refuses_to_write_to_the_store_the_server_holds(api: Api, tmp_path) -> None:
    """A CLI ingest beside the running server would leave the server's view of the embedded store
    stale: it is refused with the way to add documents instead, and the server's index is untouched."""
    import subprocess
    import sys

    store = api.app.log.parent / "store"
    assert (store / "server.pid").read_text().splitlines()[0] == str(api.app.process.pid)
    report = tmp_path / "new_report.txt"
    report.write_text("Ostraven, 3 May 2024. Four water pumps were working in Ostraven on Friday.\n", encoding="utf-8")
    before = api.documents()
    done = subprocess.run([sys.executable, "-m", "assistant.interfaces.cli", "ingest", "--store", str(store), str(report)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert f"in use by the running server (pid {api.app.process.pid})" in done.stderr
    assert "POST /v1/documents" in done.stderr
    assert api.documents() == before
    listed = subprocess.run([sys.executable, "-m", "assistant.interfaces.cli", "docs", "list", "--store", str(store)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert listed.returncode == 0 and "isaf_test_037" in listed.stdout  # reading is allowed
