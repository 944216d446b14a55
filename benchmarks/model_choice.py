"""Which model should be the course's reference model? Cross-validated on the training cases.

    python benchmarks/model_choice.py

For each named model in ``bcc_teach.models.MODELS`` (and the logistic regression at two other
strengths of regularisation), 5-fold cross-validation on the 426 training cases of the course's
split gives the AUC (how well it ranks cancers above benign lumps) and the Brier score (how
close its probabilities are to what happened: lower is better). The test cases are not used.
"""

from __future__ import annotations

import time

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from bcc_teach import data, models


def main() -> None:
    X_train, _, y_train, _ = models.split(*data.load_wdbc_xy())
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    candidates = {name: models.make_model(name) for name in models.MODELS}
    for strength in (0.1, 0.3):
        candidates[f"logistic_regression C={strength}"] = make_pipeline(
            StandardScaler(), LogisticRegression(C=strength, max_iter=5000, random_state=0)
        )
    print(f"{'model':<32} {'AUC':>14} {'Brier':>8} {'seconds':>8}")
    for name, model in candidates.items():
        start = time.perf_counter()
        scores = cross_validate(model, X_train, y_train, cv=folds,
                                scoring=("roc_auc", "neg_brier_score"))  # fmt: skip
        auc, brier = scores["test_roc_auc"], -scores["test_neg_brier_score"]
        seconds = time.perf_counter() - start
        print(f"{name:<32} {auc.mean():.3f} ± {auc.std():.3f} {brier.mean():>8.3f} {seconds:>8.1f}")


if __name__ == "__main__":
    main()
