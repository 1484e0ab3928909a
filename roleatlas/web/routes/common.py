"""Dependencies and response helpers shared by the routers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response

from roleatlas.cells import spreadsheet_safe
from roleatlas.web.render import render
from roleatlas.web.site import Site


def get_site(request: Request) -> Site:
    return request.app.state.site


SiteDep = Annotated[Site, Depends(get_site)]


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(value)
    return str(value)


def dumps(data: Any) -> bytes:
    """JSON bytes of page data (dates as ISO strings, markup as text)."""
    return json.dumps(data, default=_default, ensure_ascii=False, separators=(",", ":")).encode()


def cached(request: Request, site: Site, make: Callable[[], tuple[bytes, str]]) -> Response:
    """The response for this URL, rendered once and then served from the page cache."""
    key = request.url.path + "?" + request.url.query
    body, media_type = site.cache.get_or_make(key, make)
    return Response(body, media_type=media_type)


def html_page(template: str, site: Site, **context: Any) -> tuple[bytes, str]:
    return render(template, site=site, **context).encode(), "text/html; charset=utf-8"


def json_page(data: Any) -> tuple[bytes, str]:
    return dumps(data), "application/json"


#: a cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection)
def csv_page(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> tuple[bytes, str]:
    """CSV bytes of rows (only ``columns``, in order), every cell spreadsheet-safe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writerow({k: spreadsheet_safe(k) for k in columns})
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue().encode(), "text/csv; charset=utf-8"


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return spreadsheet_safe("; ".join(map(str, value)))
    if isinstance(value, float):
        return round(value, 4)
    return spreadsheet_safe(value)
