"""How the taught model fares under each simulated shift, and what recalibration and re-measuring
give back.

    python benchmarks/shift.py

The taught model (``shift.taught_model``: reference logistic regression fitted on the 426
training women, rule-out threshold chosen on them) is scored on the 143 test women as they are
and as another scanner would measure them (``shift.drift`` with the factors measured on
SYNTHETIC images, ``shift.imaging_factors``). For each: sensitivity and specificity at the
threshold (Wilson intervals), AUC (bootstrap) and calibration slope (Wald), the share the
out-of-distribution warning fires on (fitted on the training women); then the same after a
recalibration in the large on the drifted test women themselves (each half recalibrated on the
other: ``shift.cross_recalibrated``), and for a magnification after re-measuring with the
known factor (``shift.re_measure``). Then the prevalence shift, how many local women a
recalibration needs, and the grouped-against-random splits.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("BCC_TEACH_PLAIN_PROGRESS", "1")

import pandas as pd

from bcc_teach import data, models, shift

SCENARIOS = {
    "as measured in Wisconsin": {},
    "magnification 0.8": {"magnification": 0.8},
    "magnification 0.9": {"magnification": 0.9},
    "magnification 1.2": {"magnification": 1.2},
    "out of focus (blur 1 px)": {"focus": 1.0},
    "out of focus (blur 2 px)": {"focus": 2.0},
    "paler stain (0.7)": {"stain": 0.7},
    "deeper stain (1.3)": {"stain": 1.3},
}


def _row(taught, y, p, warned=None) -> dict:
    figures = shift.performance(y, p, taught.threshold)
    row = {k: v for k, v in figures.row().items() if k != "calibration intercept"}
    if warned is not None:
        row["OOD warning fires on"] = f"{warned.words(3)} ({warned.counted()})"
    return row


def main() -> None:
    start = time.perf_counter()
    taught = shift.taught_model()
    warning = shift.fit_ood_warning(taught.X_train)
    factors = shift.imaging_factors()
    y = taught.y_test.to_numpy()
    rows = {}
    for name, change in SCENARIOS.items():
        drifted = shift.drift(taught.X_test, factors.factors(**change))
        p = taught.probabilities(drifted)
        rows[name] = _row(taught, y, p, warning.check(drifted).rate())
        if change:
            recalibrated = shift.cross_recalibrated(y, p, "intercept")
            rows[f"{name}, recalibrated on local women"] = _row(taught, y, recalibrated)
        if "magnification" in change:
            measured = shift.re_measure(drifted, change["magnification"])
            rows[f"{name}, re-measured (calibration slide)"] = _row(
                taught, y, taught.probabilities(measured), warning.check(measured).rate()
            )
    table = pd.DataFrame(rows).T
    table.index.name = f"malignant = positive; 143 test women; threshold {taught.threshold:.3f}"
    pd.set_option("display.width", 250, "display.max_colwidth", 60)
    print(table.to_string())
    print(f"\nOOD limit: Mahalanobis distance {warning.limit:.1f} (99th percentile out of fold)")

    print("\nPrevalence shift (the same women reweighted):")
    print(shift.prevalence_shift(y, taught.probabilities(), taught.threshold).table.to_string())
    print("\nRecalibration in the large, a clinic with 15% cancers: how many local women?")
    samples = shift.local_sample_size(y, taught.probabilities(), 0.15)
    print(samples.table.drop(columns=["low", "high"]).to_string())

    original = data.load_wbc_original()
    X, labels = (
        original[list(data.WBC_FEATURES)],
        (original["diagnosis"] == "malignant").astype(int),
    )
    print("\nOriginal Wisconsin data (699 rows, repeated ids kept together or not):")
    print(shift.grouped_vs_naive(shift.scores_model(), X, labels, original["id_group"]).table()
          .to_string())  # fmt: skip
    X_rep, y_rep, women = shift.repeated_aspirates(*data.load_wdbc_xy())
    print("\nWhat-if: three aspirates per WDBC woman, random forest:")
    print(shift.grouped_vs_naive(models.make_model("random_forest"), X_rep, y_rep, women,
                                 repeats=1).table().to_string())  # fmt: skip
    temporal = shift.temporal_validation(shift.scores_model(), X, labels, original["batch"],
                                         (1, 2, 3, 4))  # fmt: skip
    print(
        f"\nTemporal: trained on batches 1–4 ({temporal.earlier.words()} with cancer), tested "
        f"on 5–8 ({temporal.later.words()} with cancer), threshold 0.5:"
    )
    print(temporal.performance.table().to_string())
    print(f"\n({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
