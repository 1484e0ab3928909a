"""Web fixtures: the real app over the real built store, and over a small hostile sample."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import web_sample as sample
from starlette.exceptions import StarletteDeprecationWarning

from roleatlas.store import Store
from roleatlas.web import create_app
from roleatlas.web.settings import WebSettings

with warnings.catch_warnings():
    # Starlette 1.x warns that its test client moves from httpx to httpx2: nothing to fix here
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store holding sample results and one hostile posting: ``(path, posting id)``."""
    path = tmp_path_factory.mktemp("web") / "sample.duckdb"
    with Store(path) as store:
        posting_id = sample.fill(store)
    return path, posting_id


@pytest.fixture
def sample_client(sample_db: tuple[Path, str]) -> Iterator[TestClient]:
    app = create_app(WebSettings(db=sample_db[0], page_cache_size=0))
    with TestClient(app) as client:
        yield client
    app.state.site.source.close()


@pytest.fixture(scope="session")
def app(built_db: Path):  # type: ignore[no-untyped-def]
    """The real app over the real built store (one per session: the job index is built once)."""
    application = create_app(WebSettings(db=built_db))
    yield application
    application.state.site.source.close()


@pytest.fixture(scope="session")
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def roles(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Role slugs of the built store, most postings first."""
    entries = sorted(app.state.site.roles.values(), key=lambda r: -r.n_postings)
    return [r.slug for r in entries]


@pytest.fixture(scope="session")
def pair(app) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The comparison with the most evidence, as (a, b) sorted."""
    from roleatlas.web.routes.home import popular_comparisons

    key = popular_comparisons(app.state.site, limit=1)[0]["key"]
    a, _, b = key.partition("-vs-")
    return a, b
