"""Cleaning at the door: placeholders to nulls, glued ratings, mojibake, HTML, glued sentences."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from typing import Any

import ftfy
import nh3
from selectolax.lexbor import LexborHTMLParser as HTMLParser

#: cell values that mean "missing" in the real exports (Glassdoor `-1`, Hamitouche `N/A`, ...)
PLACEHOLDERS = frozenset({"", "-1", "-1.0", "n/a", "na", "nan", "none", "null", "unknown", "-"})
# lower() never shortens a string, so a longer cell cannot be a placeholder: skip lowering it
_PLACEHOLDER_LEN = max(map(len, PLACEHOLDERS))

# UTF-8 read as cp1252/latin-1 leaves these pairs ("â€™", "Ã©", "Â "); only then call ftfy
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2\u00ef][\u0080-\u00bf\u0152-\u0192\u02c6-\u203a\u20ac\u2122]"
)
# the pair's first characters: `in` over them is ~15x faster than the regex when none occurs
_MOJIBAKE_LEADS = ("\u00c2", "\u00c3", "\u00e2", "\u00ef")
_RATING_TAIL = re.compile(r"\s*\n\s*([0-5](?:\.\d)?)\s*$")
# blanks other than a plain space become one, then runs of spaces collapse: plain str methods
# and a literal-prefix regex are ~20x faster than one character-class regex over descriptions
_EXOTIC_BLANKS = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_EXOTIC_CHARS = ("\u00a0", *map(chr, range(0x2000, 0x200C)), "\u202f", "\u205f", "\u3000")
# ASCII text without these is tidy once stripped (see _tidy_blanks)
_UNTIDY_ASCII = re.compile("[\r\n\t\f\v]|  ")
_SPACES = re.compile(" {2,}")
_KEEP_ALNUM = bytes(range(256)).translate(None, b"abcdefghijklmnopqrstuvwxyz0123456789")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
# a sentence end glued to the next sentence: "dashboards.Responsibilities" / "experienceBachelor"
_GLUED_PERIOD = re.compile(r"(?<=[a-z0-9\)][.!?:;])(?=[A-Z][a-z])")
_GLUED_CASE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2,})")
_GLUED_WORD = re.compile(r"\b[A-Za-z]*[a-z]{3}[A-Z][a-z]{2,}[A-Za-z]*")
#: camel-case names postings use that the skills taxonomy does not list
_CAMEL_EXTRA = (
    "TensorFlow", "JavaScript", "TypeScript", "SageMaker", "DoorDash", "LangChain", "LlamaIndex",
    "GitHub", "GitLab", "BigQuery", "DynamoDB", "CloudFormation", "DataFrame", "YouTube",
    "PowerPoint", "SharePoint", "QuickBooks", "ServiceNow", "WordPress", "HubSpot", "NetSuite",
    "MicroStrategy", "DataRobot", "JupyterLab", "CatBoost", "KubeFlow", "DeepMind", "DeepSpeed",
    "HuggingFace", "ClickHouse", "ElasticSearch", "OpenSearch", "CloudWatch", "PagerDuty",
    "SalesForce", "LinkedIn", "WhatsApp", "MongoDB", "PostgreSQL", "MySQL", "NoSQL",
)  # fmt: skip
_HTML_HINT = re.compile(r"<\s*(p|div|br|ul|ol|li|h[1-6]|span|strong|b|em|a|table)\b[^>]*>", re.I)
_ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "h1", "h2", "h3", "h4", "h5",
    "h6", "a", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "td", "th", "hr",
    "span", "div",
}  # fmt: skip
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "hr")


def null_if_placeholder(value: Any) -> Any:
    """``None`` for the placeholders sources use for missing values, else the value stripped."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if len(stripped) > _PLACEHOLDER_LEN:
            return stripped
        return None if stripped.lower() in PLACEHOLDERS else stripped
    return value


def split_company_rating(name: str | None) -> tuple[str | None, float | None]:
    """Split a Glassdoor company cell with a glued rating: ``"Tecolote Research\\n3.8"``."""
    if name is None:
        return None, None
    match = _RATING_TAIL.search(name)
    if match:
        company = name[: match.start()].strip()
        return (company or None), float(match.group(1))
    return (name.strip() or None), None


def fix_text(text: str | None) -> str | None:
    """Repair mojibake and odd unicode (``â€™`` → ``’``), normalise whitespace, keep newlines.

    Idempotent: ftfy judges mojibake by its context, so repair repeats until nothing changes.
    """
    if text is None:
        return None
    if text.isascii():
        # plain ASCII needs no repair; without line breaks, tabs or double spaces only strip()
        return _tidy_blanks(text) if _UNTIDY_ASCII.search(text) else text.strip()
    text = _tidy_blanks(text)
    for _ in range(4):
        if text.isascii() or not _maybe_mojibake(text) or not _MOJIBAKE.search(text):
            break
        fixed = _tidy_blanks(ftfy.fix_text(text, normalization="NFC"))
        if fixed == text:
            break
        text = fixed
    return text


def _maybe_mojibake(text: str) -> bool:
    return any(lead in text for lead in _MOJIBAKE_LEADS)


def _tidy_blanks(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffd", " ")
    text = text.replace("\t", " ").replace("\f", " ").replace("\v", " ")
    if not text.isascii() and any(blank in text for blank in _EXOTIC_CHARS):
        text = _EXOTIC_BLANKS.sub(" ", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def unglue(text: str | None) -> str | None:
    """Re-separate sentences a scraper glued together (``"models.Responsibilities:"``).

    Names written in camel case (``TensorFlow``, ``JavaScript``, ``GitHub``) are words, not
    two glued sentences: a glued word is split only when it is not such a name.
    """
    if not text:
        return text
    text = _GLUED_PERIOD.sub(" ", text)
    return _GLUED_WORD.sub(_split_glued, text)


def _split_glued(match: re.Match[str]) -> str:
    return _split_word(match.group(0))


def _split_word(word: str) -> str:
    """Split a glued word at its case changes, keeping known camel-case names whole."""
    folded = word.casefold()
    for name in _longest_first():
        i = folded.find(name)
        end = i + len(name)
        if (
            i < 0
            or not (i == 0 or word[i].isupper())
            or not (end == len(word) or word[end].isupper())
        ):
            continue
        parts = (_split_word(word[:i]) if i else "", word[i:end], _split_word(word[end:]))
        return " ".join(p for p in parts if p)
    return _GLUED_CASE.sub(" ", word)


@functools.cache
def _longest_first() -> tuple[str, ...]:
    return tuple(sorted(camel_names(), key=lambda n: (-len(n), n)))


@functools.cache
def camel_names() -> frozenset[str]:
    """Camel-case names (folded) from the skills taxonomy, plus common products and employers."""
    from importlib import resources

    import yaml

    text = resources.files("roleatlas.extract").joinpath("skills.yaml").read_text("utf-8")
    names: set[str] = set(_CAMEL_EXTRA)
    for item in yaml.safe_load(text) or []:
        if isinstance(item, dict):
            for name in [item.get("name"), *(item.get("aliases") or [])]:
                if isinstance(name, str) and _GLUED_CASE.search(name):
                    names.update(w for w in name.split() if _GLUED_CASE.search(w))
    return frozenset(n.casefold() for n in names)


def looks_like_html(text: str | None) -> bool:
    """True when the text carries real HTML markup."""
    if not text or "<" not in text:
        return False
    return bool(_HTML_HINT.search(text))


def sanitize_html(html: str) -> str:
    """Sanitized HTML: only formatting tags, no scripts, event handlers or ``javascript:`` URLs."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(html: str) -> str:
    """Readable plain text from HTML, with block elements on their own lines."""
    tree = HTMLParser(html)
    for tag in ("script", "style", "noscript", "template"):
        for node in tree.css(tag):
            node.decompose()
    for tag in _BLOCK_TAGS:
        for node in tree.css(tag):
            node.insert_before("\n")
            if tag == "li":
                node.insert_before("• ")
    root = tree.body or tree.root
    text = root.text(separator="", strip=False) if root is not None else ""
    return fix_text(text) or ""


def description_fields(raw: str | None, *, glued: bool = False) -> tuple[str | None, str | None]:
    """``(clean text, sanitized html or None)`` for a raw description that may be HTML."""
    raw = null_if_placeholder(raw)
    if raw is None:
        return None, None
    if looks_like_html(raw):
        html = sanitize_html(raw)
        return html_to_text(html), html
    text = fix_text(raw)
    return (unglue(text) if glued else text), None


def normalize_for_key(text: str | None) -> str:
    """Lower-case alphanumerics only, for duplicate detection across scrapes and sources."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    return text.casefold().encode("ascii", "ignore").translate(None, _KEEP_ALNUM).decode()


def dedup_key(*, title: str | None, description: str | None, company: str | None = None) -> str:
    """The duplicate key of a posting: its title and its description without board boilerplate.

    The same ad re-scraped with a footer, a tracking pixel, ``#LI-…`` tags or a "Description"
    heading gets the same key (see :mod:`roleatlas.sources.dedup`). Company is left out on
    purpose: sources spell it differently ("Meta" / "Meta Platforms, Inc."). When a posting has
    no description, the company joins the key so that bare titles do not collapse together.
    """
    from roleatlas.sources.dedup import posting_key

    return posting_key(title=title, description=description, company=company)


def content_id(*parts: Any) -> str:
    """A stable id: the hash of the row's origin and content."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:20]
