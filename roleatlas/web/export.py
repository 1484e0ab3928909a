"""Export every role, comparison and salary page to static HTML, with a sitemap.xml.

Pages are rendered by the same data functions and templates as the live site; charts are inline
SVG, so the export needs no server, no JavaScript and no network.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from roleatlas.web.datasource import DataSource
from roleatlas.web.render import render
from roleatlas.web.routes.common import dumps
from roleatlas.web.routes.compare import comparison_data, render_comparison, split_pair
from roleatlas.web.routes.home import home_data
from roleatlas.web.routes.roles import role_data
from roleatlas.web.routes.salaries import salary_data
from roleatlas.web.settings import WebSettings
from roleatlas.web.site import Site

STATIC = Path(__file__).parent / "static"


def export_site(
    source: DataSource,
    out: str | Path,
    *,
    base_url: str = "",
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write the static site to ``out``; return the number of pages of each kind.

    Args:
        source: the data to export (a store or a snapshot).
        out: the output directory (created; existing files are overwritten).
        base_url: the site's public origin for sitemap.xml (e.g. ``https://roleatlas.example``).
        progress: called with each page path written.
    """
    site = Site(source, WebSettings(page_cache_size=0))
    out = Path(out)
    pages: list[str] = []

    def write(path: str, body: str | bytes) -> None:
        target = out / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body if isinstance(body, bytes) else body.encode())
        if not path.endswith(".json"):
            pages.append(path)
        if progress:
            progress(path)

    counts = {"roles": 0, "comparisons": 0, "salaries": 0}
    write("/", render("home.html", site=site, page="home", **home_data(site)))
    write(
        "/roles/",
        render("roles.html", site=site, page="roles", q=None, matches=list(site.roles.values())),
    )
    write("/salaries/", render("salary_index.html", site=site, page="salaries"))
    for slug in site.roles:
        data = role_data(site, slug)
        write(f"/roles/{slug}/", render("role.html", site=site, page="role", **data))
        write(f"/roles/{slug}.json", dumps(data))
        counts["roles"] += 1
        sal = salary_data(site, slug, {})
        write(f"/salaries/{slug}/", render("salaries.html", site=site, page="salaries", **sal))
        counts["salaries"] += 1
    for key in source.keys("comparison"):
        a, b = split_pair(key)
        if a not in site.roles or b not in site.roles:
            continue
        data = comparison_data(site, a, b)
        write(f"/compare/{key}/", render_comparison(site, data))
        write(f"/compare/{key}.json", dumps(data))
        counts["comparisons"] += 1
    shutil.copytree(STATIC, out / "static", dirs_exist_ok=True)
    urls = "".join(f"<url><loc>{escape(base_url + p)}</loc></url>\n" for p in pages)
    (out / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )
    return counts
