"""A small OpenAI-compatible chat server on loopback for tests.

It speaks ``POST /v1/chat/completions`` (plain JSON and ``stream: true`` server-sent
events, the shapes of the OpenAI API reference) and ``GET /v1/models``.  Its replies are
scripted by the test (:meth:`ScriptedChatServer.reply`), so a test decides exactly
what the "model" says and checks what the client sent.  The same client code is also
tested against llama.cpp's real server (``tests/test_llama.py``, marker ``llm``).
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedChatServer:
    """Serve scripted chat replies on ``127.0.0.1`` (a free port) in a thread.

    ``requests`` holds every request as ``{"path", "headers" (lower-case names), "body"}``.  A scripted reply
    is a string or a function of the request body returning one; with none left, the
    ``default`` function answers, or the request gets HTTP 500.
    """

    def __init__(self, default: Callable[[dict], str] | None = None) -> None:
        self.default = default
        self.replies: deque[str | Callable[[dict], str]] = deque()
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def _json(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._json(200, {"object": "list", "data": [{"id": "scripted", "object": "model", "owned_by": "test"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                server.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._json(404, {"error": {"message": f"no route {self.path}"}})
                    return
                reply = server.replies.popleft() if server.replies else server.default
                if reply is None:
                    self._json(500, {"error": {"message": "no scripted reply left", "type": "server_error"}})
                    return
                text = reply(body) if callable(reply) else reply
                model = body.get("model", "scripted")
                if body.get("stream"):
                    self._stream(text, model)
                else:
                    self._json(200, {
                        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": model,
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                     "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    })

            def _stream(self, text: str, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                pieces = re.findall(r"\S+\s*|\s+", text)  # word by word, as tokens arrive
                deltas = [{"role": "assistant", "content": ""}] + [{"content": p} for p in pieces] + [{}]
                for i, delta in enumerate(deltas):
                    chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0, "model": model,
                             "choices": [{"index": 0, "delta": delta,
                                          "finish_reason": "stop" if i == len(deltas) - 1 else None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def reply(self, *texts: str | Callable[[dict], str]) -> None:
        """Queue the replies (texts or functions of the request body) of the next requests, in order."""
        self.replies.extend(texts)

    def chat_requests(self) -> list[dict]:
        """The JSON bodies of the chat completion requests so far."""
        return [r["body"] for r in self.requests if r["path"].rstrip("/") == "/v1/chat/completions"]

    def __enter__(self) -> ScriptedChatServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
