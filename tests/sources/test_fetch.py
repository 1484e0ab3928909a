"""``fetch_sources`` and the HTTP client, through ``httpx.MockTransport`` with small payloads."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from roleatlas.cli import main
from roleatlas.exceptions import SourceError
from roleatlas.sources.adapters.aijobs import FIELDS
from roleatlas.sources.adapters.onet import FILES, OnetSource
from roleatlas.sources.fetch import DOWNLOADS, fetch_sources
from roleatlas.sources.http import get_json, make_client

SALARIES = (",".join(FIELDS) + "\n2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\n").encode()
ONET_URL = DOWNLOADS["onet"].urls[0]
AIJOBS_URL, AIJOBS_MIRROR = DOWNLOADS["aijobs"].urls
OEWS_URL = DOWNLOADS["oews"].urls[0]
Handler = Callable[[httpx.Request], httpx.Response]


def onet_zip(*, skip: str | None = None) -> bytes:
    """A zip laid out like the official text release, with one tiny table per file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, (_, columns, _) in FILES.items():
            if name == skip:
                continue
            header = "\t".join(h for h, _, _ in columns)
            row = "\t".join("1" if "Zone" in h or h in ("Category", "Index") else "x"
                            for h, _, _ in columns)  # fmt: skip
            zf.writestr(f"db_29_3_text/{name}", f"{header}\n{row}\n")
        zf.writestr("db_29_3_text/Read Me.txt", "O*NET 29.3\n")
        zf.writestr("db_29_3_text/Abilities.txt", "not wanted\n")
    return buffer.getvalue()


def oews_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("oesm25nat/national_M2025_dl.xlsx", b"PK fake workbook")
    return buffer.getvalue()


def client_for(routes: dict[str, httpx.Response | list[httpx.Response]]) -> httpx.Client:
    """A client whose transport answers each URL from ``routes`` (404 otherwise)."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        seen.append(url)
        answer = routes.get(url, httpx.Response(404, text="Not Found"))
        if isinstance(answer, list):
            return answer.pop(0)
        return answer

    client = make_client(httpx.MockTransport(handler), sleep=lambda _: None)
    client.seen = seen  # type: ignore[attr-defined]
    return client


def all_routes() -> dict[str, httpx.Response]:
    return {
        AIJOBS_URL: httpx.Response(200, content=SALARIES),
        ONET_URL: httpx.Response(200, content=onet_zip()),
        OEWS_URL: httpx.Response(200, content=oews_zip()),
    }


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.startswith((".fetch-", ".manifest-"))]


def test_fetch_everything(tmp_path: Path) -> None:
    root = tmp_path / "data"
    with client_for(all_routes()) as client:
        report = fetch_sources(root, client=client)
    paths = {f.path for f in report.files}
    assert "ai-jobs-net/salaries.csv" in paths and "bls-oews/oesm25nat.zip" in paths
    assert {f"onet-29.3/{n}" for n in FILES} | {"onet-29.3/Read Me.txt"} <= paths
    assert not (root / "onet-29.3" / "Abilities.txt").exists()
    assert (root / "ai-jobs-net" / "salaries.csv").read_bytes() == SALARIES
    for f in report.files:
        data = (root / f.path).read_bytes()
        assert f.bytes == len(data) and f.sha256 == hashlib.sha256(data).hexdigest()
    manifest = json.loads((root / "MANIFEST.json").read_text())
    entries = {e["path"]: e for e in manifest["files"]}
    assert set(entries) == paths
    salaries = entries["ai-jobs-net/salaries.csv"]
    assert salaries["url"] == AIJOBS_URL and salaries["bytes"] == len(SALARIES)
    assert set(salaries) == {"source", "url", "path", "bytes", "sha256", "fetched_at"}
    assert entries["onet-29.3/Job Zones.txt"]["member"] == "db_29_3_text/Job Zones.txt"
    assert entries["onet-29.3/Job Zones.txt"]["url"] == ONET_URL
    assert leftovers(root) == []
    # what was fetched is readable by the adapters
    zones = root / "onet-29.3" / "Job Zones.txt"
    assert [r.values["job_zone"] for r in OnetSource().read(zones)] == [1]


def test_only_one_source_keeps_the_manifest_of_others(tmp_path: Path) -> None:
    with client_for(all_routes()) as client:
        fetch_sources(tmp_path, client=client, only="oews")
        report = fetch_sources(tmp_path, client=client, only=["aijobs"])
        assert client.seen == [OEWS_URL, AIJOBS_URL]  # type: ignore[attr-defined]
    assert [f.path for f in report.files] == ["ai-jobs-net/salaries.csv"]
    manifest = json.loads((tmp_path / "MANIFEST.json").read_text())
    assert [e["path"] for e in manifest["files"]] == [
        "ai-jobs-net/salaries.csv",
        "bls-oews/oesm25nat.zip",
    ]


def test_unknown_source_name(tmp_path: Path) -> None:
    with client_for({}) as client, pytest.raises(SourceError, match="cannot fetch 'glassdoor'"):
        fetch_sources(tmp_path, client=client, only="glassdoor")


def test_html_instead_of_csv_falls_back_to_the_mirror(tmp_path: Path) -> None:
    routes = {
        AIJOBS_URL: httpx.Response(200, text="<!doctype html><title>Salaries</title>"),
        AIJOBS_MIRROR: httpx.Response(200, content=SALARIES),
    }
    with client_for(routes) as client:
        (entry,) = fetch_sources(tmp_path, client=client, only="aijobs").files
    assert entry.url == AIJOBS_MIRROR
    assert leftovers(tmp_path) == []


def test_failure_writes_nothing_and_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "ai-jobs-net" / "salaries.csv"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"previous good copy")
    routes = {
        AIJOBS_URL: httpx.Response(200, text="<!doctype html><title>Salaries</title>"),
        AIJOBS_MIRROR: httpx.Response(500, text="oops"),
    }
    with client_for(routes) as client, pytest.raises(SourceError) as info:
        fetch_sources(tmp_path, client=client, only="aijobs")
    message = str(info.value)
    assert "\n" not in message and "not the expected CSV" in message and "HTTP 500" in message
    assert target.read_bytes() == b"previous good copy"
    assert leftovers(tmp_path) == [] and not (tmp_path / "MANIFEST.json").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>maintenance</html>", "not a zip archive"),
        (onet_zip(skip="Job Zones.txt"), "archive lacks 'Job Zones.txt'"),
        (b"", "empty response"),
    ],
)
def test_bad_onet_archives(tmp_path: Path, body: bytes, message: str) -> None:
    with client_for({ONET_URL: httpx.Response(200, content=body)}) as client:
        with pytest.raises(SourceError, match=message) as info:
            fetch_sources(tmp_path, client=client, only="onet")
    assert "\n" not in str(info.value)
    assert list((tmp_path / "onet-29.3").iterdir()) == []


def test_network_failure(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)

    with make_client(httpx.MockTransport(handler), sleep=lambda _: None) as client:
        with pytest.raises(SourceError, match="network error") as info:
            fetch_sources(tmp_path, client=client, only="oews")
    assert "\n" not in str(info.value)


def test_retries_back_off_and_honour_retry_after() -> None:
    waits: list[float] = []
    answers = [
        httpx.Response(503),
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(502),
        httpx.Response(200, json={"ok": True}),
    ]
    transport = httpx.MockTransport(lambda request: answers.pop(0))
    with make_client(transport, sleep=waits.append, backoff=0.5) as client:
        assert get_json(client, "https://example.test/x", what="test") == {"ok": True}
    assert waits == [0.5, 7.0, 2.0]


def test_retries_give_up_with_the_last_status() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(503, text="busy")

    with make_client(httpx.MockTransport(handler), sleep=lambda _: None, retries=2) as client:
        with pytest.raises(SourceError, match="HTTP 503 Service Unavailable"):
            get_json(client, "https://example.test/x", what="test")
    assert len(calls) == 3


def test_client_defaults() -> None:
    with make_client() as client:
        assert client.headers["User-Agent"].startswith("roleatlas/")
        assert client.follow_redirects is True


def test_cli_fetch_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import roleatlas.cli.fetch as cli_fetch

    monkeypatch.setattr(cli_fetch, "make_client", lambda: client_for(all_routes()))
    runner = CliRunner()
    result = runner.invoke(main, ["fetch-sources", "--data-dir", str(tmp_path), "--only", "aijobs"])
    assert result.exit_code == 0, result.output
    assert "ai-jobs-net/salaries.csv" in result.output
    assert (tmp_path / "MANIFEST.json").is_file()
    bad = runner.invoke(main, ["fetch-sources", "--data-dir", str(tmp_path), "--only", "nope"])
    assert bad.exit_code == 2


def test_cli_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import roleatlas.cli.fetch as cli_fetch

    monkeypatch.setattr(cli_fetch, "make_client", lambda: client_for({}))
    result = CliRunner().invoke(
        main, ["fetch-sources", "--data-dir", str(tmp_path), "--only", "oews"]
    )
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
