"""Run ``farmwatch`` in this process and append its wall time and peak RSS as JSON to a file.

    python -m benchmarks.peak OUT.json report --db X --format json --out Y
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    out, argv = sys.argv[1], sys.argv[2:]
    from farmwatch.cli import main as farmwatch

    t0 = time.perf_counter()
    code = farmwatch(argv)
    seconds = time.perf_counter() - t0
    with open(out, "w") as f:
        json.dump({"exit": code, "seconds": round(seconds, 2),
                   "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}, f)


if __name__ == "__main__":
    main()
