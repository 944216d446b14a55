"""How good are the course's models, honestly? Nested repeated cross-validation of each.

    python benchmarks/model_quality.py [repeats]      # default 3 repetitions of 5 × 5 folds

For each named model (``bcc_teach.models.MODELS``), with every choice made inside each outer
fold (``validation.nested_cv``): the logistic regression's strength of regularisation and the
number of neighbours are chosen by an inner 5-fold CV; the rule-out threshold (sensitivity
0.98 on the inner cross-validated probabilities) is chosen inside too. All 569 women are used;
none of them helped choose anything about the fold that scored them.

Printed per model: accuracy at 0.5 and AUC and Brier score of the out-of-fold probabilities,
sensitivity and specificity at the threshold chosen inside, and the calibration slope, each
with its 95% interval (Wilson for shares of women; bootstrap for AUC and Brier score, and Wald
for the slope, on the first repetition's probabilities). Then the goal of issue 13 (accuracy
≥ 0.978, AUC ≥ 0.995, sensitivity ≥ 0.98 with specificity ≥ 0.93) met or not, and the 1993
three-feature result redone (``validation.street_reproduction``, 10 × 10-fold).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("BCC_TEACH_PLAIN_PROGRESS", "1")

from bcc_teach import data, models, validation

GRIDS = {
    "logistic_regression": {"logisticregression__C": [0.03, 0.1, 0.3, 1.0, 3.0]},
    "knn": {"kneighborsclassifier__n_neighbors": [5, 9, 15, 25]},
}
GOAL = {"accuracy": 0.978, "AUC": 0.995, "sensitivity": 0.98, "specificity": 0.93}


def quality(name: str, X, y, repeats: int) -> dict:
    start = time.perf_counter()
    result = validation.nested_cv(models.make_model(name), X, y, GRIDS.get(name), repeats=repeats,
                                  show_progress=False)  # fmt: skip
    first = result.probabilities[0]
    spread = validation.bootstrap_scores(y, first, scores=("accuracy", "auc", "brier"))
    slope = validation.calibration(y, first).slope
    sens, spec = result.rate("sensitivity"), result.rate("specificity")
    chosen = result.folds.drop(columns=["repetition", "fold", "threshold"])
    return {
        "accuracy": (result.score("accuracy"), spread.accuracy),
        "AUC": (result.score("auc"), spread.auc),
        "sensitivity": (sens.value, sens),
        "specificity": (spec.value, spec),
        "Brier": (result.score("brier"), spread.brier),
        "slope": (slope.value, slope),
        "settings": {c: chosen[c].value_counts().to_dict() for c in chosen},
        "thresholds": result.folds["threshold"].describe()[["min", "50%", "max"]].round(3),
        "seconds": time.perf_counter() - start,
    }


def main(repeats: int = 3) -> None:
    X, y = data.load_wdbc_xy()
    print(f"Nested CV: {repeats} repetition(s) of 5 outer × 5 inner folds, all 569 women, "
          "malignant = positive\n")  # fmt: skip
    columns = ["accuracy", "AUC", "sensitivity", "specificity", "Brier", "slope"]
    print(f"{'model':<20}" + "".join(f"{c:>22}" for c in columns) + f"{'seconds':>9}")
    results = {}
    for name in models.MODELS:
        results[name] = row = quality(name, X, y, repeats)
        cells = [f"{row[c][0]:.3f} ({row[c][1].low:.3f}-{row[c][1].high:.3f})" for c in columns]
        print(f"{name:<20}" + "".join(f"{c:>22}" for c in cells) + f"{row['seconds']:>9.1f}")
    print("\n(accuracy at 0.5; sensitivity and specificity at the rule-out threshold chosen "
          "inside each fold; slope: calibration slope, ideal 1)")  # fmt: skip
    for name, row in results.items():
        missed = [f"{k} {row[k][0]:.3f} < {v}" for k, v in GOAL.items() if row[k][0] < v]
        settings = "; ".join(f"{k} chosen {v}" for k, v in row["settings"].items())
        thresholds = row["thresholds"]
        print(f"\n{name}: goal {'met' if not missed else 'not met: ' + ', '.join(missed)}")
        print(f"  thresholds chosen inside: {thresholds['min']} to {thresholds['max']} "
              f"(median {thresholds['50%']})" + (f"; {settings}" if settings else ""))  # fmt: skip
    start = time.perf_counter()
    redo = validation.street_reproduction(X, y, repeats=10, show_progress=False)
    print("\nStreet, Wolberg & Mangasarian (1993), redone by 10 × 10-fold CV "
          f"({time.perf_counter() - start:.0f} s):")  # fmt: skip
    print(redo.table().to_string())
    print("\nSets of features chosen inside the folds (most frequent):")
    print(redo.sets_chosen.head(5).to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
