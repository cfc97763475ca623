"""Seeds files, read line by line: one bad line costs that line, never the run.

A seeds file is edited by hand and run by cron; a typo (``ftp://``, ``htp:/x``, a pasted
latin-1 byte) used to fail every scheduled run with tracebacks. Every reader of a seeds file
(``scrapy crawl news -a seeds=``, ``farmwatch crawl --seeds``, ``farmwatch frontier push``)
goes through :func:`read_seeds`: usable URLs in file order, each once, and one
:class:`SeedProblem` per unusable line for the caller to report on one line each. A file with
no usable URL at all is the caller's usage error (exit 2).

Format: one URL per line; ``#`` starts a comment; blank lines are ignored. A usable URL is
http(s), has a host, is at most 2,048 characters and contains no whitespace.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["SeedProblem", "read_seeds", "seed_problem"]

MAX_URL_LENGTH = 2048


@dataclass(frozen=True)
class SeedProblem:
    path: str
    line: int
    reason: str
    text: str

    def __str__(self) -> str:
        return f"{self.path} line {self.line}: {self.reason}: {self.text[:120]!r}; line skipped"


def seed_problem(url: str) -> str | None:
    """Why ``url`` cannot be a seed, or None when it can."""
    if len(url) > MAX_URL_LENGTH:
        return f"longer than {MAX_URL_LENGTH} characters"
    if any(ch.isspace() for ch in url):
        return "contains whitespace"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) URL"
    if not host:
        return "no host name"
    return None


def read_seeds(path: str | Path) -> tuple[list[str], list[SeedProblem]]:
    """Usable seed URLs of a file (in order, each once) and the problems of the other lines.

    Raises OSError when the file cannot be read at all.
    """
    urls: list[str] = []
    problems: list[SeedProblem] = []
    for number, raw in enumerate(Path(path).read_bytes().splitlines(), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(SeedProblem(str(path), number, "not UTF-8", raw.decode("utf-8", "replace")))
            continue
        line = line.split("#", 1)[0].strip().lstrip("\ufeff")
        if not line:
            continue
        reason = seed_problem(line)
        if reason:
            problems.append(SeedProblem(str(path), number, reason, line))
        else:
            urls.append(line)
    return list(dict.fromkeys(urls)), problems
