"""Run ``farmwatch`` in this process and append its wall time and peak RSS as JSON to a file.

    python -m benchmarks.peak OUT.json report --db X --format json --out Y
"""

from __future__ import annotations

import json
import resource
import sys
import time


def peak_rss_mb() -> float:
    """This process's own peak RSS, in MB.

    ``VmHWM`` from /proc, not ``getrusage().ru_maxrss``: Linux carries ``ru_maxrss`` across
    fork and exec, so a child of a big parent reported the parent's peak as its own (every
    measure started after the classify benchmark read the same 357.7 MB).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    out, argv = sys.argv[1], sys.argv[2:]
    from farmwatch.cli import main as farmwatch

    t0 = time.perf_counter()
    code = farmwatch(argv)
    seconds = time.perf_counter() - t0
    with open(out, "w") as f:
        json.dump({"exit": code, "seconds": round(seconds, 2),
                   "peak_rss_mb": peak_rss_mb()}, f)


if __name__ == "__main__":
    main()
