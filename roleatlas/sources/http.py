"""The one HTTP client wrapper: a polite User-Agent, retries on 429/5xx, one-line errors.

Every network call in RoleAtlas goes through a client made here, so tests inject an
``httpx.MockTransport`` with recorded responses and nothing ever leaves the machine.
"""

from __future__ import annotations

import email.utils
import json
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from roleatlas import __version__
from roleatlas.exceptions import SourceError

#: override with ``ROLEATLAS_USER_AGENT``; BLS asks automated clients to name a contact in it
USER_AGENT = f"roleatlas/{__version__} (python-httpx/{httpx.__version__})"
#: statuses worth another try: rate limits and server-side trouble
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_WAIT = 60.0


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport and retries 429/5xx answers and connection errors with backoff."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner, self.retries, self.backoff, self.sleep = inner, retries, backoff, sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.inner.handle_request(request)
            except (httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError):
                if last:
                    raise
                self.sleep(self.backoff * 2**attempt)
                continue
            if response.status_code not in RETRY_STATUSES or last:
                return response
            wait = _retry_after(response) or self.backoff * 2**attempt
            response.close()
            self.sleep(min(wait, MAX_RETRY_WAIT))
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        self.inner.close()


def make_client(
    transport: httpx.BaseTransport | None = None,
    *,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    user_agent: str | None = None,
) -> httpx.Client:
    """An ``httpx.Client`` with our User-Agent, redirects followed and retries on 429/5xx.

    Args:
        transport: the transport to send through (tests pass ``httpx.MockTransport``).
        timeout: seconds for connect and for each read.
        retries: further attempts after a 429/5xx answer or a dropped connection.
        backoff: first wait in seconds, doubled on each retry (``Retry-After`` wins when sent).
        sleep: how to wait (tests pass a no-op).
        user_agent: the ``User-Agent`` header (default ``$ROLEATLAS_USER_AGENT`` or ours).
    """
    inner = transport if transport is not None else httpx.HTTPTransport()
    return httpx.Client(
        transport=RetryTransport(inner, retries=retries, backoff=backoff, sleep=sleep),
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": user_agent or os.environ.get("ROLEATLAS_USER_AGENT") or USER_AGENT},
    )


def get_json(
    client: httpx.Client, url: str, *, what: str, params: dict[str, Any] | None = None
) -> Any:
    """GET ``url`` and decode its JSON body; any failure is one ``SourceError`` line.

    Args:
        client: the client to send through.
        url: the address.
        what: how to name the resource in errors (``"greenhouse board 'acme'"``).
        params: query parameters.
    """
    try:
        response = client.get(url, params=params)
    except httpx.HTTPError as exc:
        raise SourceError(f"{what}: network error ({_one_line(exc)}); are you online?") from exc
    check_status(response, what=what)
    body = response.content
    if not body.strip():
        raise SourceError(f"{what}: empty response from {response.url}")
    if body.lstrip()[:1] == b"<":
        raise SourceError(f"{what}: got HTML instead of JSON from {response.url}")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(
            f"{what}: malformed JSON from {response.url} ({exc}); truncated?"
        ) from exc


def check_status(response: httpx.Response, *, what: str) -> None:
    """Raise one ``SourceError`` line for an unsuccessful HTTP status."""
    status = response.status_code
    if status < 400:
        return
    if status == 404:
        raise SourceError(f"{what}: not found (HTTP 404 at {response.url})")
    reason = response.reason_phrase or "error"
    raise SourceError(f"{what}: HTTP {status} {reason} from {response.url}")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
