"""One canonical posting per job: the same ad across sources, reposts and re-scrapes.

Two postings are the same job when their titles match (:func:`title_key`) and one of:

- their descriptions match once board boilerplate is gone (:func:`description_words`: a
  ``## CLICK TO [APPLY]`` footer, images and tracking pixels, ``#LI-…`` tags, a leading
  "Description" heading, case, punctuation and blanks) — the ``dedup_key`` set at ingest;
- one description is contained in the other (a re-scrape that added a line), or their word
  5-grams have a Jaccard similarity of at least :data:`JACCARD` (the same ad with another
  location line);
- they come from the same source with the same board id (``external_id``: RemoteWLB's slug,
  an HN item id) and compatible companies (:func:`same_company`), the board's word that it is
  one ad, edited or re-listed. RemoteWLB reuses a slug for other employers' ads months later
  (``senior-machine-learning-software-engineer``: Dropbox in 2024-03, Wikimedia in 2024-09;
  about half of the 59 slugs whose text changed), hence the company check. An HN post naming
  several roles gives postings with one id and several titles: the title keeps them apart.

The title must match because staffing agencies post one template under many titles, each a
job of its own. Company is left out: in remotewlb and the LinkedIn US files, 82 texts carry one
title under two company spellings, and each pair reads as one ad: "Cars.com" / "Carsdotcom",
"Oyster" / "Oyster HR", rebrands ("Grand Rounds Health" / "Included Health", "Truebill" /
"Rocket Money"), a missing company, and "Meta" / "Meta Platforms, Inc." elsewhere.

Near-duplicates are found over the distinct descriptions in pure Python: under each title,
texts that share at least half of their sentences (a sentence few texts have; an edit changes
only its own sentence) are candidates, and every candidate pair is verified exactly. Groups are
the connected components; each group's canonical posting is its first by (posted date, source,
file, row, id), an order of the data alone, so the same rows give the same canonical ids
whatever order the files came in, and a re-run changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from roleatlas.store import Store

#: word 5-gram Jaccard at or above which two descriptions are one ad (data/SOURCES.md §6)
JACCARD = 0.9
SHINGLE = 5
#: a text contained in a longer one is a copy only when it has at least this many words:
#: shorter texts ("Apply on our site") say nothing about which ad they belong to
MIN_CONTAINED_WORDS = 30
#: a sentence shared by more texts under one title is boilerplate (an EEO paragraph)
MAX_SENTENCE_TEXTS = 40

# board boilerplate: the RemoteWLB footer, Markdown/HTML images (logos, tracking pixels),
# bare tracking URLs and LinkedIn's ``#LI-Remote`` / ``#LI-DNI`` / ``#LI-JS1`` tags
_FOOTER = re.compile(r"(?im)^[#\s]*click\s+to\s+\[?apply\]?(?:\([^)\n]*\))?\s*$")
_FOOTER_HINTS = ("CLICK TO", "Click to", "click to", "Click To")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>]*>", re.I)
_TRACKER = re.compile(r"https?://[^\s)\]]*?(?:/track|pixel|utm_)[^\s)\]]*", re.I)
_LI_TAG = re.compile(r"#LI-[A-Za-z0-9]+\b", re.I)
# a leading heading: "Description", "Job Description:", "## Description" or glued
# ("DescriptionWe are…", LinkedIn exports lost their line breaks)
_HEADING = re.compile(r"^[\s#*_:\-]*(?:(?i:job)\s*)?(?i:description)(?:\s*:|\s+|(?=[A-Z])|$)")
# bytes → letters and digits lower-cased, sentence ends to a line break, the rest to a space:
# one C-level pass instead of a regex split (a description averages ~4,800 characters)
_SENTENCE_ENDS = b".!?;:\n"
_TABLE = bytes(
    c + 32 if 65 <= c <= 90
    else c if 97 <= c <= 122 or 48 <= c <= 57
    else 10 if c in _SENTENCE_ENDS
    else 32
    for c in range(256)
)  # fmt: skip
# gender tags of German and French ads, and a remote/hybrid marker in brackets or after a dash
_TITLE_TAGS = re.compile(
    r"\(?\b(?:[mwfdhx*]\s*/\s*){1,3}[mwfdhx*]\b\)?|\((?:all|alle)\s+gender[s]?\)"
    r"|\((?:100\s*%\s*)?(?:remote|hybrid|on-?site)\)|\s[-–|]\s*(?:100\s*%\s*)?(?:remote|hybrid)\s*$",
    re.I,
)
#: a sentence of fewer letters than this ("Apply now") is no evidence of a shared ad
MIN_SENTENCE_CHARS = 24


def normal_text(text: str | None) -> bytes:
    """A description without board boilerplate: lower-case ASCII words, one sentence a line."""
    if not text:
        return b""
    if any(hint in text for hint in _FOOTER_HINTS):
        text = _FOOTER.sub(" ", text)
    if "](" in text or "<img" in text or "<IMG" in text:
        text = _IMAGE.sub(" ", text)
    if "://" in text:
        text = _TRACKER.sub(" ", text)
    if "#" in text:
        text = _LI_TAG.sub(" ", text)
    return _ascii(_HEADING.sub("", text, count=1)).translate(_TABLE)


def description_words(text: str | None) -> list[bytes]:
    """The words of a description without board boilerplate (lower-case letters and digits)."""
    return normal_text(text).split()


def title_key(title: str | None) -> str:
    """A title's key: lower-case letters and digits only, without a gender or remote tag.

    ``Data Engineer (m/w/d)``, ``Data Engineer - Remote`` and ``Data Engineer`` are one title;
    ``Data Engineer (Scala)`` is another (a template posted for each stack).
    """
    if not title:
        return ""
    title = _TITLE_TAGS.sub(" ", title) if "/" in title or "-" in title or "(" in title else title
    return _ascii(title).translate(_TABLE).translate(None, b" \n").decode()


def description_key(text: str | None) -> bytes:
    """A description's exact key: its words joined (the same text as a plain alnum key)."""
    return _joined(normal_text(text))


def _joined(normal: bytes) -> bytes:
    return normal.translate(None, b" \n")


def posting_key(*, title: str | None, description: str | None, company: str | None) -> str:
    """The duplicate key of a posting: title and boilerplate-free description (company only
    for a posting without description, so that bare titles do not collapse into one another)."""
    body = description_key(description)
    parts = [title_key(title).encode(), body]
    if not body:
        parts += [title_key(company).encode(), b"nodesc"]
    return hashlib.sha1(b"\x1f".join(parts)).hexdigest()[:20]


def same_company(a: str | None, b: str | None) -> bool:
    """True unless two company names clearly differ: one missing, equal keys, or one key
    inside the other ("Perspective" / "Perspective.co", "Insider" / "Useinsider")."""
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb or ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 3 and short in long


def _ascii(text: str) -> bytes:
    if text.isascii():
        return text.encode()
    # accents go (NFKD); lower-casing is the byte table's, ~20x faster than str.casefold
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore")


@dataclass
class Groups:
    """What grouping found: each row's canonical id, and how the links came about."""

    canonical: dict[str, str] = field(default_factory=dict)
    texts: int = 0
    candidate_pairs: int = 0
    near_pairs: int = 0
    seconds: float = 0.0


def group_postings(rows: Sequence[Mapping[str, Any]]) -> Groups:
    """Each posting's canonical id: the first posting of its duplicate group.

    A pure function of the rows as a set: their order does not change the result.

    Args:
        rows: postings with ``id``, ``source``, ``source_file``, ``source_row``,
            ``posted_date``, ``title``, ``company``, ``description`` and ``external_id``.

    Returns:
        The canonical id of every row (its own id when it has no duplicate), with counts.
    """
    started = time.perf_counter()
    result = Groups()
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    text_of: dict[bytes, int] = {}
    texts: list[bytes] = []
    #: (title key, text) → a row with them: the exact-key groups, and the near-duplicates' ends
    node: dict[tuple[str, int], int] = {}
    bare: dict[tuple[str, str], int] = {}
    board_ids: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        title = title_key(row.get("title"))
        normal = normal_text(row.get("description"))
        key = _joined(normal)
        if key:
            text = text_of.setdefault(key, len(texts))
            if text == len(texts):
                texts.append(normal)
            union(i, node.setdefault((title, text), i))
        else:
            union(i, bare.setdefault((title, title_key(row.get("company"))), i))
        external = row.get("external_id")
        if external:
            same_id = board_ids[row["source"], str(external), title]
            company = row.get("company")
            match = next((j for j in same_id if same_company(rows[j].get("company"), company)), i)
            union(i, match)
            same_id.append(i)
    result.texts = len(texts)

    pairs = _candidate_pairs(texts, node)
    result.candidate_pairs = len(pairs)
    words: dict[int, list[bytes]] = {}
    shingles: dict[int, set[tuple[bytes, ...]]] = {}
    for (a, b), titles in pairs.items():
        for t in (a, b):
            if t not in words:
                words[t] = texts[t].split()
        if _same_ad(words[a], words[b], a, b, shingles):
            result.near_pairs += 1
            for title in titles:
                union(node[title, a], node[title, b])

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        members[find(i)].append(i)
    for group in members.values():
        first = rows[min(group, key=lambda i: _order(rows[i]))]["id"]
        for i in group:
            result.canonical[rows[i]["id"]] = first
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _order(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A group's first posting: the earliest posted, then by origin (never by ingest order)."""
    posted = row.get("posted_date")
    row_number = row.get("source_row")
    return (
        posted if isinstance(posted, date) else date.max,
        row["source"],
        row["source_file"],
        -1 if row_number is None else row_number,
        row["id"],
    )


def _candidate_pairs(
    texts: list[bytes], node: Mapping[tuple[str, int], int]
) -> dict[tuple[int, int], list[str]]:
    """Pairs of texts under one title that share at least half their rare sentences.

    A sentence is the evidence unit: an edit (another location line, an added tag line)
    changes only its own sentence. A sentence many texts under the title share (an equal
    opportunity paragraph) is left out.
    """
    by_title: dict[str, list[int]] = defaultdict(list)
    for title, text in node:
        by_title[title].append(text)
    sentences_of: dict[int, set[bytes]] = {}
    pairs: dict[tuple[int, int], list[str]] = defaultdict(list)
    for title, members in by_title.items():
        if len(members) < 2:
            continue
        index: dict[bytes, list[int]] = defaultdict(list)
        for text in members:
            if text not in sentences_of:
                sentences_of[text] = _sentences(texts[text])
            for sentence in sentences_of[text]:
                index[sentence].append(text)
        shared: dict[tuple[int, int], int] = defaultdict(int)
        for holders in index.values():
            if 1 < len(holders) <= MAX_SENTENCE_TEXTS:
                holders.sort()
                for x, a in enumerate(holders):
                    for b in holders[x + 1 :]:
                        shared[a, b] += 1
        for (a, b), count in shared.items():
            if 2 * count >= min(len(sentences_of[a]), len(sentences_of[b])):
                pairs[a, b].append(title)
    return pairs


def _sentences(normal: bytes) -> set[bytes]:
    return {s for s in normal.translate(None, b" ").split(b"\n") if len(s) >= MIN_SENTENCE_CHARS}


def _same_ad(
    words_a: list[bytes],
    words_b: list[bytes],
    a: int,
    b: int,
    shingles: dict[int, set[tuple[bytes, ...]]],
) -> bool:
    """True if one text is contained in the other, or their 5-grams are near-identical."""
    short, long = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    if len(short) >= MIN_CONTAINED_WORDS and _contains(long, short):
        return True
    if len(short) < JACCARD * len(long):
        return False
    for t, w in ((a, words_a), (b, words_b)):
        if t not in shingles:
            shingles[t] = _shingles(w)
    inter = len(shingles[a] & shingles[b])
    return inter >= JACCARD * (len(shingles[a]) + len(shingles[b]) - inter)


def _contains(long: list[bytes], short: list[bytes]) -> bool:
    """True if ``short`` is a run of whole words of ``long``."""
    return b" " + b" ".join(short) + b" " in b" " + b" ".join(long) + b" "


def _shingles(words: list[bytes]) -> set[tuple[bytes, ...]]:
    if len(words) < SHINGLE:
        return {tuple(words)}
    return set(zip(*(words[k:] for k in range(SHINGLE)), strict=False))


#: the columns :func:`group_postings` reads
_COLUMNS = (
    "id, source, source_file, source_row, posted_date, title, company, description, external_id"
)


@dataclass
class LinkReport:
    """What linking did: rows looked at, canonical ids changed, seconds."""

    rows: int = 0
    changed: int = 0
    near_pairs: int = 0
    seconds: float = 0.0


def link_postings(store: Store, *, ingested_at: Any = None) -> LinkReport:
    """Set every posting's ``canonical_id`` to its duplicate group's first posting.

    With ``ingested_at``, only the groups the rows ingested then can reach are re-grouped
    (rows sharing a title or a board id with them, to a fixed point), plus rows whose canonical
    posting is gone; the result is the same as re-grouping everything, which is done without it.
    Rows are never removed: only ``canonical_id`` changes.
    """
    started = time.perf_counter()
    report = LinkReport()
    index = store.arrow(
        "SELECT id, title, source, external_id, canonical_id, ingested_at = ? AS fresh, "
        "canonical_id NOT IN (SELECT id FROM postings) AS orphan FROM postings",
        [ingested_at],
    ).to_pylist()
    if ingested_at is None:
        wanted = {r["id"] for r in index}
    else:
        wanted = _reachable(index)
    if not wanted:
        return report
    current = {r["id"]: r["canonical_id"] for r in index if r["id"] in wanted}
    with store.temp_tables("_ra_link"):
        store.temp_table("_ra_link", "id VARCHAR", {"id": sorted(wanted)})
        rows = store.query(f"SELECT {_COLUMNS} FROM postings WHERE id IN (SELECT id FROM _ra_link)")
    groups = group_postings(rows)
    changes = [
        {"id": i, "canonical_id": c} for i, c in groups.canonical.items() if current.get(i) != c
    ]
    store.update_from("postings", changes, key="id")
    report.rows, report.changed, report.near_pairs = len(rows), len(changes), groups.near_pairs
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _reachable(index: list[dict[str, Any]]) -> set[str]:
    """Ids of the rows whose group fresh rows can join: same title or board id, transitively."""
    titles: dict[str, list[int]] = defaultdict(list)
    boards: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys = []
    for i, row in enumerate(index):
        title = title_key(row["title"])
        board = (row["source"], row["external_id"]) if row["external_id"] else None
        keys.append((title, board))
        titles[title].append(i)
        if board:
            boards[board].append(i)
    todo = [i for i, row in enumerate(index) if row["fresh"] or row["orphan"]]
    seen_titles: set[str] = set()
    seen_boards: set[tuple[str, str]] = set()
    reached = set(todo)
    while todo:
        title, board = keys[todo.pop()]
        linked: list[int] = []
        if title not in seen_titles:
            seen_titles.add(title)
            linked = titles[title]
        if board and board not in seen_boards:
            seen_boards.add(board)
            linked = linked + boards[board]
        for j in linked:
            if j not in reached:
                reached.add(j)
                todo.append(j)
    return {index[i]["id"] for i in reached}
