"""How long does `import bcc_teach` take, and what does loading the data cost?

    python benchmarks/import_time.py

Runs each measurement in fresh Python processes (so nothing is cached in memory) and prints
the median and the slowest of the runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 15
SNIPPETS = {
    "python -c pass (interpreter start)": "pass",
    "import bcc_teach": "import bcc_teach",
    "from bcc_teach import data": "from bcc_teach import data",
    "data.load_wdbc() incl. checksum": "from bcc_teach import data; data.load_wdbc()",
    "from bcc_teach import widgets": "from bcc_teach import widgets",
}
TIMER = "import time; t = time.perf_counter(); exec({code!r}); print(time.perf_counter() - t)"


def measure(code: str) -> list[float]:
    times = []
    for _ in range(RUNS):
        result = subprocess.run(
            [sys.executable, "-c", TIMER.format(code=code)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        times.append(float(result.stdout) * 1000)
    return times


def main() -> None:
    print(f"{'what':<40} {'median ms':>10} {'max ms':>10}   ({RUNS} fresh processes each)")
    for label, code in SNIPPETS.items():
        times = measure(code)
        print(f"{label:<40} {statistics.median(times):>10.1f} {max(times):>10.1f}")


if __name__ == "__main__":
    main()
