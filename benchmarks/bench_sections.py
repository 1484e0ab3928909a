"""Benchmark section splitting + responsibility extraction on every real posting; prints postings/s.

Run: .venv/bin/python benchmarks/bench_sections.py [repeats]  (data dir from ROLEATLAS_DATA_DIR)
Also times ``group_responsibilities`` over all distinct postings with the O*NET tasks of data roles.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter

from roleatlas.config import data_dir
from roleatlas.extract.responsibilities import (
    extract_statements,
    group_responsibilities,
    load_onet_tasks,
)
from roleatlas.extract.sections import split_sections

FILES = {
    "glassdoor-ds-2020-kenjee/glassdoor_jobs.csv": "Job Description",
    "glassdoor-ds-kaggle-uncleaned/Uncleaned_DS_jobs.csv": "Job Description",
    "glassdoor-da-2022-nadirbcn/glassdoor_jobs.csv": "Job Description",
    "glassdoor-de-2023-hamitouche/jobs.csv": "job description",
    "glassdoor-au-da-2021-poorvaldhotre/glassdoor_jobs.csv": "Job Description",
    "linkedin-ca-2018-linpingyu/DataScientist.csv": "description",
    "linkedin-ca-2018-linpingyu/DataAnalyst.csv": "description",
    "indeed-ca-2018-linpingyu/cal_ds_500.csv": "description",
    "indeed-ca-2018-linpingyu/cal_da_500.csv": "description",
}
DATA_ROLE_SOC = ("15-2051", "15-2041", "15-1211", "15-1242", "15-1243", "15-2031", "13-1111")


def load_postings() -> list[tuple[str, str]]:
    """(posting id, description) of every row of every posting file."""
    csv.field_size_limit(1 << 30)
    out = []
    for name, column in FILES.items():
        with (data_dir() / name).open(encoding="utf-8", newline="") as handle:
            out.extend((f"{name}#{row['row_id']}", row[column]) for row in csv.DictReader(handle))
    return out


def main(repeats: int = 5) -> None:
    postings = load_postings()
    chars = sum(len(text) for _, text in postings)
    best = best_cpu = float("inf")
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        results = [extract_statements(text, split_sections(text)) for _, text in postings]
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    sources = Counter(r[0].source if r else "none" for r in results)
    n = len(postings)
    print(f"postings: {n}  ({chars / n:.0f} chars on average)")
    print(
        f"split_sections + extract_statements: {best:.3f} s best of {repeats}  ->  {n / best:,.0f} postings/s"
    )
    print(
        f"  CPU time {best_cpu:.3f} s  ->  {n / best_cpu:,.0f} postings per CPU-second (one core)"
    )
    print(
        f"statements from a heading: {sources['section']}, fallback: {sources['fallback']}, none: {sources['none']}"
    )

    start = time.perf_counter()
    for _, text in postings:
        split_sections(text)
    print(f"split_sections alone: {n / (time.perf_counter() - start):,.0f} postings/s")

    seen, distinct = set(), []
    for (posting_id, text), statements in zip(postings, results, strict=True):
        if text not in seen:
            seen.add(text)
            distinct.append((posting_id, [s.text for s in statements]))
    tasks = load_onet_tasks(
        data_dir() / "onet-29.3/Task Statements.txt", soc_prefixes=DATA_ROLE_SOC
    )
    start = time.perf_counter()
    groups = group_responsibilities(distinct, onet_tasks=tasks, min_share=0.01)
    elapsed = time.perf_counter() - start
    mapped = sum(g.onet_task is not None for g in groups)
    print(
        f"group_responsibilities: {len(distinct)} distinct postings, {len(tasks)} O*NET tasks: "
        f"{elapsed:.2f} s, {len(groups)} groups (min_share 0.01), {mapped} mapped to O*NET"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
