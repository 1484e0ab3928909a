"""Schema-driven fuzzing of the API (schemathesis, bounded): no input makes a 500."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")

from roleatlas.web import create_app  # noqa: E402
from roleatlas.web.settings import WebSettings  # noqa: E402


def test_api_never_500(sample_db) -> None:  # type: ignore[no-untyped-def]
    app = create_app(WebSettings(db=sample_db[0], page_cache_size=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
        operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 8
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                response = case.call()
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"
                )

        check()
    app.state.site.source.close()
    assert not failures, failures[:5]
