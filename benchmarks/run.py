#!/usr/bin/env python3
"""Run every benchmark (or the ones named) and print their figures: `python benchmarks/run.py [NAME ...]`.

Each bench_*.py is a standalone command that measures Sambung against a peer in the
same run and prints figures and ratios; this runner only runs them one after the other.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    benches = sorted(HERE.glob("bench_*.py"))
    if names:
        benches = [b for b in benches if any(n in b.stem for n in names)]
    failed = 0
    for bench in benches:
        print(f"\n=== {bench.stem} ===", flush=True)
        started = time.monotonic()
        rc = subprocess.call([sys.executable, str(bench)], cwd=HERE.parent)
        print(f"--- {bench.stem}: exit {rc}, {time.monotonic() - started:.1f} s", flush=True)
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
