"""LIME on the reference model: time per explanation and stability across seeds, lime's defaults
beside the course's settings.

    python benchmarks/lime_speed_stability.py [--cases N]     # default: all 143 test cases

For each test case and each of 10 seeds, one explanation is made (after the explainer is set
up once). Latency is the median time of one explanation; stability is the Jaccard index of the
top-5 features between every pair of seeds, averaged per case, then the mean and the minimum
over cases. Goal: <= 300 ms and mean Jaccard >= 0.9.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time

from bcc_teach import data, explain, models

SEEDS = range(10)


def measure(settings: dict, model, X_train, y_train, cases) -> tuple[float, float, float]:
    explainer = explain.CaseExplainer(model, X_train, y_train, settings)
    explainer.explain(cases.iloc[0], seed=99)  # set-up (discretizer) outside the timings
    times, per_case = [], []
    for _, case in cases.iterrows():
        tops = []
        for seed in SEEDS:
            start = time.perf_counter()
            explanation = explainer.explain(case, seed=seed)
            times.append(time.perf_counter() - start)
            tops.append(set(explanation.table["feature"]))
        pairs = [explain.jaccard(a, b) for a, b in itertools.combinations(tops, 2)]
        per_case.append(statistics.mean(pairs))
    return statistics.median(times) * 1000, statistics.mean(per_case), min(per_case)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=None, help="first N test cases only")
    args = parser.parse_args()
    X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    model = models.reference_model().fit(X_train, y_train)
    cases = X_test if args.cases is None else X_test.head(args.cases)
    print(f"{len(cases)} test cases x {len(SEEDS)} seeds, top-5 features")
    print(f"{'settings':<18} {'median ms':>10} {'Jaccard mean':>13} {'Jaccard min':>12}")
    for name, settings in (("lime defaults", explain.LIME_DEFAULTS),
                           ("course settings", explain.COURSE_SETTINGS)):  # fmt: skip
        latency, mean, lowest = measure(settings, model, X_train, y_train, cases)
        print(f"{name:<18} {latency:>10.0f} {mean:>13.3f} {lowest:>12.3f}")


if __name__ == "__main__":
    main()
