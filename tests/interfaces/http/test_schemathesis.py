"""A fuzz test of the whole OpenAPI document with schemathesis against the real server: its
``examples``, ``coverage`` and ``fuzzing`` phases (bounded examples, a fixed seed) on every
operation, with the admin key, find no 5xx, no status, content type, header or body that the
document does not describe, no invalid input accepted, and no operation that ignores the key.
Schemathesis reuses ids it reads in answers (it removes the indexed documents): the test puts
the index back as it found it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.interfaces.http.conftest import Api

MAX_EXAMPLES = 20
SEED = 17

CONFIG = """
[checks]
enabled = false
not_a_server_error.enabled = true
status_code_conformance.enabled = true
content_type_conformance.enabled = true
response_schema_conformance.enabled = true
response_headers_conformance.enabled = true
negative_data_rejection.enabled = true
ignored_auth.enabled = true

# Uploads are files: any bytes are a valid file (the server rejects unsupported ones per file,
# with the reason), so "invalid" multipart data is not invalid there.
[[operations]]
include-path = "/v1/documents"
include-method = "POST"
checks.negative_data_rejection.enabled = false
"""


def test_schemathesis_finds_no_server_error_and_no_response_outside_the_schema(api: Api, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    st = Path(sys.executable).with_name("st")
    before = api.documents()
    try:
        done = run(st, config, api, tmp_path)
    finally:
        api.restore(before)
    report = done.stdout[-6000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    assert "Tested: 12" in done.stdout, report
    generated = re.search(r"(\d+) generated, (\d+) passed", done.stdout)
    assert generated and generated[1] == generated[2] and int(generated[1]) > 12 * MAX_EXAMPLES, report


def run(st: Path, config: Path, api: Api, folder: Path) -> subprocess.CompletedProcess:
    """``st run`` over the server's OpenAPI document (its files in ``folder``)."""
    return subprocess.run(
        [str(st), "--config-file", str(config), "--no-color", "run", f"{api.url}/openapi.json",
         "--header", f"Authorization: Bearer {api.admin_key}",
         "--phases", "examples,coverage,fuzzing", "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED),
         "--generation-database", "none", "--workers", "2", "--request-timeout", "60"],
        cwd=folder, capture_output=True, text=True, timeout=900,
    )
