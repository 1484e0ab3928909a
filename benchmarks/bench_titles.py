"""Benchmark the title classifier on every distinct real job title; prints titles per second.

Run: .venv/bin/python benchmarks/bench_titles.py  (reads the data dir via ROLEATLAS_DATA_DIR)
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter

from roleatlas.config import data_dir
from roleatlas.normalize.titles import _classify_folded, _classify_raw, classify_titles

FILES = {
    "glassdoor-ds-2020-kenjee/glassdoor_jobs.csv": "Job Title",
    "glassdoor-ds-kaggle-uncleaned/Uncleaned_DS_jobs.csv": "Job Title",
    "glassdoor-da-2022-nadirbcn/glassdoor_jobs.csv": "Job Title",
    "glassdoor-de-2023-hamitouche/jobs.csv": "job title",
    "glassdoor-au-da-2021-poorvaldhotre/glassdoor_jobs.csv": "Job Title",
    "linkedin-ca-2018-linpingyu/DataScientist.csv": "title",
    "linkedin-ca-2018-linpingyu/DataAnalyst.csv": "title",
    "indeed-ca-2018-linpingyu/cal_ds_500.csv": "title",
    "indeed-ca-2018-linpingyu/cal_da_500.csv": "title",
    "ai-jobs-net/salaries.csv": "job_title",
}
ONET = {
    "Alternate Titles.txt": "Alternate Title",
    "Sample of Reported Titles.txt": "Reported Job Title",
}
TARGET = 100_000


def load_titles() -> list[str]:
    """Every job title of the real files, in file order (with repeats)."""
    csv.field_size_limit(2**31 - 1)
    root = data_dir()
    titles: list[str] = []
    for name, column in FILES.items():
        with (root / name).open(encoding="utf-8", newline="") as handle:
            titles += [row[column] for row in csv.DictReader(handle)]
    for name, column in ONET.items():
        with (root / "onet-29.3" / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            titles += [row[column] for row in reader]
    return titles


def main() -> None:
    titles = load_titles()
    distinct = list(dict.fromkeys(titles))
    print(f"python {sys.version.split()[0]}; {len(titles):,} titles, {len(distinct):,} distinct")

    _classify_folded.cache_clear()
    _classify_raw.cache_clear()
    start = time.perf_counter()
    results = classify_titles(distinct)
    cold = time.perf_counter() - start
    print(f"cold cache, distinct titles: {len(distinct) / cold:,.0f} titles/s ({cold:.2f} s)")

    stream = (titles * (TARGET // len(titles) + 1))[: max(TARGET, len(titles))]
    _classify_folded.cache_clear()
    _classify_raw.cache_clear()
    start = time.perf_counter()
    classify_titles(stream)
    overall = time.perf_counter() - start
    print(
        f"overall, {len(stream):,} titles from a cold start: {len(stream) / overall:,.0f} titles/s"
    )

    roles = Counter(r.role for r in results)
    print("top roles over distinct titles:", ", ".join(f"{k} {v}" for k, v in roles.most_common(6)))


if __name__ == "__main__":
    main()
