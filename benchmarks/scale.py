"""Scale generator (benchmarks only): N postings made by resampling and perturbing real ones.

    python benchmarks/scale.py 1000000 /tmp/postings-1m.jsonl

Reads every real posting file under the data directory through the real adapters (all posting
sources; ``ROLEATLAS_SCALE_SOURCES=old`` for the 2018-2023 scrapes alone), then writes
N JSON lines in the generic adapter's format. Each line is a real posting with its title's
seniority marker, its company suffix, its location, its salary band and the order and choice of
its description paragraphs perturbed, and a posted date spread over two years, so duplicates
are rare, text statistics stay realistic, and the pipeline does real work on every row.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from roleatlas import config
from roleatlas.sources import all_sources
from roleatlas.sources.base import Row

SENIORITY = ("", "", "", "Senior ", "Sr. ", "Junior ", "Lead ", "Principal ", "Staff ")
SUFFIX = ("", "", " Inc.", " LLC", " Group", " Labs", " Technologies")
PLACES = (
    "San Francisco, CA", "New York, NY", "Austin, TX", "Seattle, WA", "Boston, MA", "Chicago, IL",
    "Remote", "Toronto, ON", "Sydney NSW", "London, England", "Denver, CO", "Atlanta, GA",
)  # fmt: skip
FIELDS = (
    "title",
    "company",
    "location",
    "description",
    "salary_text",
    "employment_type",
    "industry",
    "sector",
    "country_hint",
    "currency_hint",
)


#: the posting sources resampled: the 2018-2023 scrapes and the 2022-2026 sources
POSTING_SOURCES = (
    "glassdoor", "linkedin", "indeed", "linkedin-us-ml", "linkedin-us-aiml", "hackernews",
    "stepstone", "remotewlb",
)  # fmt: skip
#: the older sources alone (``ROLEATLAS_SCALE_SOURCES=old``), for figures comparable with the
#: benchmarks recorded before the 2022-2026 sources existed
OLD_SOURCES = ("glassdoor", "linkedin", "indeed")


def real_postings(data_dir: Path, sources: tuple[str, ...] | None = None) -> list[dict]:
    """Every real posting row (postings adapters only), as dicts of posting fields."""
    if sources is None:
        sources = (
            OLD_SOURCES if os.environ.get("ROLEATLAS_SCALE_SOURCES") == "old" else POSTING_SOURCES
        )
    rows = []
    for name in sources:
        source = all_sources()[name]
        for path in source.find(data_dir):
            for record in source.read(path):
                if isinstance(record, Row):
                    rows.append({k: record.values.get(k) for k in FIELDS})
    return rows


def perturb(base: dict, rng: random.Random, index: int) -> dict:
    """One synthetic posting from a real one."""
    row = dict(base)
    title = row["title"] or "Data Analyst"
    for marker in ("Senior ", "Sr. ", "Junior ", "Lead ", "Principal ", "Staff "):
        title = title.replace(marker, "")
    row["title"] = rng.choice(SENIORITY) + title
    row["company"] = (row["company"] or "Company") + rng.choice(SUFFIX)
    if rng.random() < 0.5:
        row["location"] = rng.choice(PLACES)
    paragraphs = (row["description"] or "").split("\n")
    if len(paragraphs) > 3:
        keep = [p for p in paragraphs if rng.random() > 0.1]
        head, tail = keep[:2], keep[2:]
        rng.shuffle(tail)
        paragraphs = head + tail
    row["description"] = "\n".join(paragraphs) + f"\nRequisition {index}."
    if rng.random() < 0.3 and not row.get("salary_text"):
        low = rng.randrange(60, 180)
        row["salary_text"] = f"${low}K-${low + rng.randrange(10, 60)}K (Employer est.)"
    row["posted_date"] = (date(2022, 1, 1) + timedelta(days=rng.randrange(730))).isoformat()
    return row


def generate(n: int, *, data_dir: Path, seed: int = 7) -> Iterator[dict]:
    """N perturbed postings, deterministic for a seed."""
    rng = random.Random(seed)
    pool = real_postings(data_dir)
    for index in range(n):
        yield perturb(
            pool[index % len(pool)] if index < len(pool) else rng.choice(pool), rng, index
        )


def write_jsonl(n: int, out: Path, *, data_dir: Path, seed: int = 7) -> int:
    """Write N postings to ``out``; return the bytes written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for row in generate(n, data_dir=data_dir, seed=seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out.stat().st_size


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"/tmp/roleatlas-scale-{count}.jsonl")
    size = write_jsonl(count, target, data_dir=config.data_dir())
    print(f"wrote {count} postings, {size / 1e6:.1f} MB, to {target}")
