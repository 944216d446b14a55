"""Time of one nucleus through the lesson 02 pipeline: draw it, find it, measure it, summarise.

    python benchmarks/feature_extraction.py

This is the measuring part of one update of lesson 02's nucleus explorer, for nuclei from
small to large, and for a whole synthetic image of several nuclei. The explorer's whole update
(drawing the image, finding and measuring its nuclei, the model and the figure; target on a
2-core machine: median <= 50 ms) is timed by ``widget_latency.py``.
"""

from __future__ import annotations

import statistics
import time

from bcc_teach import features

RUNS = 30


def _time(make) -> list[float]:
    make(0)  # first call loads the libraries: not part of an update
    times = []
    for seed in range(RUNS):
        start = time.perf_counter()
        features.image_features(make(seed))
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    print(f"{'what':<34} {'median ms':>10} {'p95 ms':>8}")
    cases = {
        f"one nucleus, radius {r} px": (
            lambda seed, r=r: features.synthetic_nucleus(radius=r, seed=seed)
        )
        for r in (8, 16, 30)
    }
    cases["whole image (benign-like)"] = lambda seed: features.synthetic_image("benign", seed=seed)
    cases["whole image (malignant-like)"] = lambda seed: features.synthetic_image(
        "malignant", seed=seed
    )
    for name, make in cases.items():
        times = _time(make)
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{name:<34} {statistics.median(times):>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
