"""The app factory: security headers, error handling, one router per area, static files."""

from __future__ import annotations

import gc
import json
import logging
import threading
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from roleatlas.exceptions import InputError, NotFoundError, RoleAtlasError
from roleatlas.store import current_release
from roleatlas.web.datasource import DataSource, StoreSource, open_source
from roleatlas.web.render import render
from roleatlas.web.settings import WebSettings
from roleatlas.web.site import Site

STATIC = __import__("pathlib").Path(__file__).parent / "static"
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no per-request overhead)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: the largest request body read (a /fit form of 50,000 characters, percent-encoded, fits)
MAX_BODY = 1 << 20


class BodyLimit:
    """Refuses (413) a request body over ``limit`` bytes before reading past the limit.

    A body announced larger by ``content-length`` is refused without reading any of it; a
    streamed body is refused once the bytes received pass the limit, so memory stays bounded
    whatever the client sends. The 413 is raised where the route reads the body, so it is
    rendered like any other error (JSON or HTML, with the security headers).
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        received = 0

        async def limited() -> Message:
            nonlocal received
            if declared.isdigit() and int(declared) > self.limit:
                raise HTTPException(413, f"the request body is over {self.limit:,} bytes")
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413, f"the request body is over {self.limit:,} bytes")
            return message

        await self.app(scope, limited, send)


class HeadAsGet:
    """Answers ``HEAD`` as the ``GET`` of the same URL, headers only (RFC 9110 §9.3.2).

    FastAPI routes declare ``GET`` alone; without this every page would answer ``HEAD`` 405.
    The response keeps the ``GET``'s status and headers (``content-length`` included).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class CachedPages:
    """Serves a GET whose rendered page is already cached without entering the router."""

    def __init__(self, app: ASGIApp, state: Any) -> None:
        self.app = app
        self.state = state  # the app's state: ``state.site`` changes when new results publish

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            key = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
            hit = self.state.site.cache.peek(key)
            if hit is not None:
                body, media_type = hit
                headers = [(b"content-type", media_type.encode()),
                           (b"content-length", str(len(body)).encode())]  # fmt: skip
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


log = logging.getLogger("roleatlas.web")


class Follower:
    """Moves a running app to each new published copy of its store, with no failed request.

    A daemon thread looks at the store's ``CURRENT`` pointer every ``refresh_seconds``. A new
    copy is opened read-only and its site fully built (job index, skill sets, freshness) in
    this thread; only then does ``app.state.site`` name it, in one assignment, so a request
    sees either the old results or the new ones, complete. The old site is closed after a
    grace period, when no request can still be reading it.
    """

    GRACE_SECONDS = 30.0

    def __init__(self, app: FastAPI, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="roleatlas-follow", daemon=True)

    def start(self) -> Follower:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def check(self) -> bool:
        """Switch to the store's current published copy if it is not the one served."""
        release = current_release(self.settings.db)
        old = self.app.state.site
        if release is None or getattr(old.source, "path", None) == release:
            return False
        site = Site(StoreSource(release), self.settings)
        warm(site)
        self.app.state.site = site
        log.warning("serving %s", release)
        timer = threading.Timer(self.GRACE_SECONDS, retire, [old])
        timer.daemon = True
        timer.start()
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.settings.refresh_seconds):
            try:
                self.check()
            except Exception:  # a bad copy must not stop the site: keep serving, retry later
                log.exception("cannot switch to the newest published results")


def warm(site: Site) -> None:
    """Build everything a site builds on first use, so its first requests are fast."""
    from roleatlas.web.routes.fit import _profiles
    from roleatlas.web.routes.jobs import _facet_html

    _ = site.index, site.posting_skills, site.freshness, _profiles(site).matcher
    if site.source.has_postings:
        _facet_html(site)
    # long-lived objects that never change: frozen, the collector never re-scans them (a
    # full collection over them was a 0.6-0.9 s pause under load)
    gc.collect()
    gc.freeze()


def retire(site: Site) -> None:
    """Close a site no request reads any more, and let the collector free it."""
    site.source.close()
    vars(site).clear()  # the index, skill sets and fit matcher (one holds the site: a cycle)
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def create_app(settings: WebSettings | None = None, *, source: DataSource | None = None) -> FastAPI:
    """The RoleAtlas web app over a store (or the bundled snapshot when no store exists).

    Args:
        settings: where the data live; default from the environment.
        source: an already opened data source (tests, export); overrides ``settings.db``.
    """
    from roleatlas.web.routes import api, compare, fit, home, jobs, roles, salaries

    settings = settings or WebSettings.from_env()
    source = source or open_source(
        db=settings.db, snapshot=settings.snapshot, publish_first=settings.follow
    )
    app = FastAPI(
        title="RoleAtlas API",
        version="1",
        summary="Role profiles, comparisons, salaries and postings for careers in AI and data.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.site = Site(source, settings)
    for module in (home, roles, compare, salaries, jobs, fit):
        app.include_router(module.router)
    app.include_router(api.router, prefix="/api/v1")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit)
    app.add_middleware(CachedPages, state=app.state)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    _add_error_handlers(app)
    if settings.follow:  # a server: built and frozen before its first request, then following
        warm(app.state.site)
        app.state.follower = Follower(app, settings).start()
    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return (
        path.startswith("/api/")
        or path.endswith(".json")
        or path.endswith(".csv")
        or "application/json" in request.headers.get("accept", "")
    )


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    site = request.app.state.site
    html = render("error.html", site=site, status=status, message=message, page="error")
    return HTMLResponse(html, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # answered by the outermost middleware, outside SecurityHeaders: the headers go on here
        try:
            response = _error(request, 500, "internal error: the server could not answer")
        except Exception:  # the error page itself failed: plain JSON still answers
            response = JSONResponse({"error": "internal error", "status": 500}, status_code=500)
        for key, value in SECURITY_HEADERS:
            response.headers[key.decode()] = value.decode()
        return response

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RoleAtlasError)
    async def other(request: Request, exc: RoleAtlasError) -> Response:
        return _error(request, 503, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(exc.errors()))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        response = _error(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        if exc.status_code == 405:  # every route of the path, not only the first one matched
            response.headers["allow"] = ", ".join(_allowed(request))
        return response


def _allowed(request: Request) -> list[str]:
    """The methods some route answers at this request's path."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if getattr(route, "methods", None) and route.matches(request.scope)[0] != Match.NONE:
            methods |= set(route.methods)
    return sorted(methods)


def _validation_message(errors: Any) -> str:
    parts = []
    for err in errors:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'input'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
