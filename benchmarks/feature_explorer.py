"""Latency of one feature-explorer update (lesson 01): computation + figure redraw.

    python benchmarks/feature_explorer.py

Changes the explorer's drop-down through every feature several times, exactly as a click in
JupyterLab does (without the browser's own drawing), and prints the median and 95th percentile.
"""

from __future__ import annotations

import statistics
import time

from bcc_teach import data, widgets

ROUNDS = 3


def main() -> None:
    table = data.load_wdbc()
    explorer = widgets.feature_explorer(table)
    times = []
    for _ in range(ROUNDS):
        for feature in data.FEATURES:
            start = time.perf_counter()
            explorer.dropdown.value = feature
            times.append((time.perf_counter() - start) * 1000)
        explorer.dropdown.value = "radius_mean"
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"feature explorer update: {len(times)} updates, "
        f"median {statistics.median(times):.1f} ms, 95th percentile {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
