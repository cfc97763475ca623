"""What every command prints the same way: aligned tables and progress with time left.

Kept apart from the commands so `classify`, `train`, `review --list` and `model list` line up
their columns and report progress alike, and a fix to one is a fix to all.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from typing import IO, Sequence


def printable(text: object) -> str:
    """One line of stored text, control characters (a farm's title may carry any) as spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in ("" if text is None else str(text)))


def _width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], right: Sequence[int] = (),
          last_free: bool = True) -> list[str]:
    """Lines of a table whose columns are as wide as their widest cell.

    ``right`` lists the column indexes aligned right (numbers); the last column is left ragged
    when ``last_free`` (free text such as a note or evidence), so a long one does not pad the rest.
    """
    cells = [[printable(c) for c in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    out = []
    for r in [list(headers)] + cells:
        parts = [_pad(c, widths[i], i in right) for i, c in enumerate(r)]
        if last_free:
            parts[-1] = r[-1]
        out.append("  ".join(parts).rstrip())
    return out


def duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """``label: 40/186 (22 %), 12 s elapsed, about 41 s left`` on stderr, at most every ``every`` seconds.

    Time left is the elapsed time per step so far times the steps left: the work of one file or one
    training stage varies, but not by enough over a run to make a smarter estimate worth its code.
    """

    def __init__(self, total: int, label: str, *, stream: IO[str] | None = None, every: float = 2.0,
                 clock=time.monotonic):
        self.total, self.label, self.every, self.clock = total, label, every, clock
        self.stream = stream if stream is not None else sys.stderr
        self.start = self.last = clock()
        self.done = 0

    def line(self, done: int, what: str = "") -> str:
        elapsed = self.clock() - self.start
        text = f"{self.label}: {done}/{self.total} ({done / self.total:.0%}), {duration(elapsed)} elapsed"
        if 0 < done < self.total:
            text += f", about {duration(elapsed / done * (self.total - done))} left"
        return text + (f" · {what}" if what else "")

    def update(self, done: int | None = None, what: str = "", force: bool = False) -> None:
        self.done = self.done + 1 if done is None else done
        now = self.clock()
        if force or now - self.last >= self.every:
            self.last = now
            print(self.line(self.done, what), file=self.stream, flush=True)

    def finish(self, what: str = "") -> None:
        print(self.line(self.done, what), file=self.stream, flush=True)
