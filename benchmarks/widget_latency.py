"""Latency of one explorer update: computation + figure redraw, as a control change triggers it.

    python benchmarks/widget_latency.py

Moves each explorer's control through its values, exactly as a change in JupyterLab does
(everything but the browser's own drawing), and prints the median and 95th percentile per
explorer. Target on a 2-core machine: every explorer's median <= 50 ms.

The explorers keep what they have shown (a threshold, a feature, a nucleus's settings, a
patient) and show it again at once. So that the table measures real work, each round starts
from a new explorer: every update in it is a value the explorer has not shown before. The last
row, "shown before", moves the case explorer back to patients it has already shown. The case
explorer is timed on cases LIME has already explained (LIME itself is timed by
``lime_speed_stability.py``); its first-time explanation takes longer, and the explorer says
so while it works.
"""

from __future__ import annotations

import statistics
import time

from bcc_teach import data, explain, metrics, models, shift, widgets

ROUNDS = 3


def _time(make, change, values) -> list[float]:
    """Milliseconds per update: each round a new explorer (``make()``) moved through ``values``."""
    times = []
    for _ in range(ROUNDS):
        explorer = make()
        for value in values:
            start = time.perf_counter()
            change(explorer, value)
            times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, y_test = models.split(X, y)
    model = models.reference_model().fit(X_train, y_train)
    p = models.probability_malignant(model, X_test)
    m = metrics.clinical_metrics(y_test, p, 0.5)
    wdbc = data.load_wdbc()
    rates = (m.interval("sensitivity"), m.interval("specificity"))

    sliders = widgets.nucleus_explorer(model).sliders
    nucleus_moves = [(name, s.min + (s.max - s.min) * i / 9)
                     for name, s in sliders.items() for i in range(10)]  # fmt: skip
    explainer = explain.CaseExplainer(model, X_train, y_train)
    cases = list(X_test.index[:20])
    for case in cases:
        explainer.explain(X_test.loc[case])  # LIME's own time is measured elsewhere
    rule_out = metrics.rule_out_threshold(model, X_train, y_train)

    def case_explorer():
        return widgets.case_explorer(explainer, X_test, y_test, rule_out, case=cases[-1])

    def what_if(explorer, share):
        low, high = explorer.value.min, explorer.value.max
        explorer.value.value = low + share * (high - low)

    taught = shift.taught_model()
    warning, factors = shift.fit_ood_warning(taught.X_train), shift.imaging_factors()
    drift_moves = [(name, level) for name, (neutral, levels, _) in shift.CHANGES.items()
                   for level in (*levels[1:], neutral)]  # fmt: skip

    def drift_move(explorer, move):
        explorer.sliders[move[0]].value = move[1]

    seen = case_explorer()
    for case in cases:
        seen.cases.value = case
    runs = {
        "threshold explorer (03-04)": _time(
            lambda: widgets.threshold_explorer(y_test, p),
            lambda e, v: setattr(e.slider, "value", v),
            [i / 100 for i in range(1, 100, 2)],
        ),
        "prevalence explorer (04)": _time(
            lambda: widgets.prevalence_explorer(*rates),
            lambda e, v: setattr(e.buttons, "value", v),
            list(metrics.PREVALENCE_SETTINGS)[1:] * 10 + ["diagnostic clinic"],
        ),
        "feature explorer (01)": _time(
            lambda: widgets.feature_explorer(wdbc),
            lambda e, v: setattr(e.dropdown, "value", v),
            list(data.FEATURES[1:]),
        ),
        "nucleus explorer (02)": _time(
            lambda: widgets.nucleus_explorer(model),
            lambda e, move: setattr(e.sliders[move[0]], "value", move[1]),
            nucleus_moves,
        ),
        "case explorer: new patient (07)": _time(
            case_explorer, lambda e, v: setattr(e.cases, "value", v), cases[:-1]
        ),
        "case explorer: what if (07)": _time(case_explorer, what_if, [i / 20 for i in range(21)]),
        "drift explorer (08)": _time(
            lambda: widgets.drift_explorer(taught, warning, factors), drift_move, drift_moves
        ),
        "case explorer: shown before (07)": _time(
            lambda: seen, lambda e, v: setattr(e.cases, "value", v), cases
        ),
    }
    print(f"{'explorer':<34} {'updates':>8} {'median ms':>10} {'p95 ms':>8}")
    for name, times in runs.items():
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{name:<34} {len(times):>8} {statistics.median(times):>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
