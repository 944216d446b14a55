"""Typical answers to exercise 10, the capstone (the original Wisconsin data: women counted, a
pipeline that fills in the missing scores, a split by woman and by time, a threshold, the
later women's specificity, LIME's stability, and five quizzes).

Right answers are computed as a learner would, from ``data.load_wbc_original`` with
scikit-learn and the course's functions the exercise teaches; the wrong ones are the slips the
capstone's misconceptions name (the scores imputed before the split, a random split of rows,
the threshold chosen on the later batches, scores read as measurements).
"""

import functools

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from bcc_teach import data, explain, metrics, models


@functools.cache
def typical():
    original = data.load_wbc_original().set_index("case_id")
    scores = list(data.WBC_FEATURES)
    y = (original["diagnosis"] == "malignant").astype(int)
    earlier = original["batch"] <= 4
    met = original["id_group"].isin(original.loc[earlier, "id_group"])
    later = ~earlier & ~met
    X_dev, y_dev = original.loc[earlier, scores], y[earlier]
    women = original.loc[earlier, "id_group"]
    X_later, y_later = original.loc[later, scores], y[later]

    def pipeline():
        return make_pipeline(SimpleImputer(strategy="median"), *models.reference_model())

    fitted = pipeline().fit(X_dev, y_dev)
    imputed_first = pd.DataFrame(SimpleImputer(strategy="median").fit_transform(
        original[scores]), index=original.index, columns=scores)  # fmt: skip
    before_split = models.reference_model().fit(imputed_first[earlier], y_dev)
    mean_filled = make_pipeline(SimpleImputer(), *models.reference_model()).fit(X_dev, y_dev)
    on_everyone = pipeline().fit(original.loc[earlier | later, scores], y[earlier | later])

    grouped = StratifiedGroupKFold(5, shuffle=True, random_state=0)
    p_grouped = cross_val_predict(pipeline(), X_dev, y_dev, groups=women, cv=grouped,
                                  method="predict_proba")[:, 1]  # fmt: skip
    naive = StratifiedKFold(5, shuffle=True, random_state=0)
    p_naive = cross_val_predict(pipeline(), X_dev, y_dev, cv=naive, method="predict_proba")[:, 1]
    threshold = metrics.threshold_for_sensitivity(y_dev, p_grouped, 0.98)
    p_later = fitted.predict_proba(X_later)[:, 1]
    on_test = metrics.threshold_for_sensitivity(y_later, p_later, 0.98)
    at = metrics.clinical_metrics(y_later, p_later, threshold)

    complete = X_dev.dropna()
    explainer = explain.CaseExplainer(fitted, complete, y_dev[complete.index])
    near = explain.stability(explainer, X_later.loc["O490"], seeds=range(5), k=3)
    return {
        "q1": (
            [original["id_group"].nunique(), np.int64(645), 645.0],
            [
                (len(original), "That counts rows (aspirates)"),
                (original["bare_nuclei"].isna().sum(), "That counts the missing scores"),
                (len(original.dropna()), "the rows with every score given"),
                (original["id_group"], "a column (Series)"),
            ],
        ),
        "q2": (
            ["b", " (B) "],
            [
                ("a", "These are scores, not measurements"),
                ("c", "nothing was counted"),
                ("d", "They can be ordered"),
            ],
        ),
        "q4": (
            [fitted, pipeline().fit(X_dev, y_dev)],
            [
                (before_split, "imputed_before_split"),
                (make_pipeline(SimpleImputer(), *models.reference_model()), "not been fitted"),
                (on_everyone, "learned from the later batches too"),
                (pipeline().fit(complete, y_dev[complete.index]), "without the rows that have"),
                (mean_filled, "behaves much like the expected one"),
                (SimpleImputer, "a class"),
            ],
        ),
        "q3": (
            [int((~earlier & met).sum()), np.int64(9), 9.0],
            [
                (0, "random_split_repeated_women"),
                (int((~earlier).sum()), "every row of batches 5 to 8"),
                (int(later.sum()), "the later rows kept for the test"),
                ("9", "text (in quotes)"),
            ],
        ),
        "q5": (
            [threshold, np.float64(threshold), round(threshold, 4)],
            [
                (on_test, "threshold_on_test_batch"),
                (metrics.threshold_for_sensitivity(y_dev, p_naive, 0.98),
                 "random_split_repeated_women"),
                (metrics.threshold_for_sensitivity(y_dev, fitted.predict_proba(X_dev)[:, 1],
                                                   0.98), "training_accuracy"),
                (0.5, "not a threshold chosen for a use"),
            ],
        ),
        "q6": (
            [at.specificity, at.interval("specificity").value, round(at.specificity, 3)],
            [
                (at.sensitivity, "sensitivity_specificity_swapped"),
                (at.ppv, "That is the PPV"),
                (100 * at.specificity, "percentage_for_proportion"),
                (metrics.clinical_metrics(y_dev, p_grouped, threshold).specificity,
                 "development women's specificity"),
                (metrics.clinical_metrics(y_later, p_later, 0.5).specificity,
                 "specificity at 0.5"),
            ],
        ),
        "q7": (
            ["c"],
            [
                ("a", "The other way round"),
                ("b", "too few to tell"),
                ("d", "a well ranked model"),
            ],
        ),
        "q8": (
            [near.jaccard_mean, round(near.jaccard_mean, 2)],
            [
                (near.jaccard_min, "the smallest overlap"),
                (near.local_r2_mean, "the mean local R²"),
                (1 - near.jaccard_mean, "complement"),
                (near, "Pick one with a dot"),
            ],
        ),
        "q9": (
            ["a", "A"],
            [
                ("b", "is not a call of malignant"),
                ("c", "The later batches held no case like hers"),
                ("d", "she needs a result"),
            ],
        ),
        "q10": (
            ["d"],
            [
                ("a", "A rate of 1.000 never stands alone"),
                ("b", "chosen on the later test batches"),
                ("c", "Accuracy mixes the two kinds of error"),
            ],
        ),
        "q11": (
            ["c"],
            [
                ("a", "the eyes are not"),
                ("b", "measured, not assumed"),
                ("d", "A month of cases is few women"),
            ],
        ),
    }
