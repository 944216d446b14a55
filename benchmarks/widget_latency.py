"""Latency of one explorer update: computation + figure redraw, as a slider move triggers it.

    python benchmarks/widget_latency.py

Moves each explorer's control through its values several times, exactly as a change in
JupyterLab does (everything but the browser's own drawing), and prints the median and 95th
percentile per explorer. Targets on a 2-core machine: threshold and prevalence explorers
median <= 50 ms; nucleus explorer (lesson 02) typical update <= 150 ms. The case explorer
(lesson 07) is timed on cases already explained (LIME itself is timed by
``lime_speed_stability.py``) and for its "what if" slider.
"""

from __future__ import annotations

import statistics
import time

from bcc_teach import data, explain, metrics, models, widgets

ROUNDS = 3


def _time(change, values) -> list[float]:
    times = []
    for _ in range(ROUNDS):
        for value in values:
            start = time.perf_counter()
            change(value)
            times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, y_test = models.split(X, y)
    model = models.reference_model().fit(X_train, y_train)
    p = models.probability_malignant(model, X_test)
    m = metrics.clinical_metrics(y_test, p, 0.5)

    threshold = widgets.threshold_explorer(y_test, p)
    prevalence = widgets.prevalence_explorer(m.sensitivity, m.specificity)
    feature = widgets.feature_explorer(data.load_wdbc())
    nucleus = widgets.nucleus_explorer(model)
    sliders = nucleus.sliders
    nucleus_moves = [(name, sliders[name].min + (sliders[name].max - sliders[name].min) * i / 9)
                     for name in sliders for i in range(10)]  # fmt: skip
    explainer = explain.CaseExplainer(model, X_train, y_train)
    cases = list(X_test.index[:20])
    for case in cases:
        explainer.explain(X_test.loc[case])  # LIME's own time is measured elsewhere
    case = widgets.case_explorer(explainer, X_test, y_test, metrics.rule_out_threshold(
        model, X_train, y_train))  # fmt: skip
    runs = {
        "threshold explorer": _time(
            lambda v: setattr(threshold.slider, "value", v), [i / 100 for i in range(1, 100, 2)]
        ),
        "prevalence explorer": _time(
            lambda v: setattr(prevalence.buttons, "value", v),
            list(metrics.PREVALENCE_SETTINGS) * 10,
        ),
        "feature explorer (lesson 01)": _time(
            lambda v: setattr(feature.dropdown, "value", v), list(data.FEATURES)
        ),
        "nucleus explorer (lesson 02)": _time(
            lambda move: setattr(sliders[move[0]], "value", move[1]), nucleus_moves
        ),
        "case explorer: new case (07)": _time(lambda v: setattr(case.cases, "value", v), cases),
        "case explorer: what if (07)": _time(
            lambda v: setattr(
                case.value, "value", case.value.min + v * (case.value.max - case.value.min)
            ),
            [i / 20 for i in range(21)],
        ),
    }
    print(f"{'explorer':<30} {'updates':>8} {'median ms':>10} {'p95 ms':>8}")
    for name, times in runs.items():
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{name:<30} {len(times):>8} {statistics.median(times):>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
