"""Typical answers to exercise 09, "Into the clinic" (a plain hash reversed, a k-NN file's
training women, a clinic's batch file with one bad row, and three quizzes).

Right answers are computed as a learner would, with the course's functions the exercise
teaches (``privacy.reverse_plain_hash``, ``deploy.save_model``, ``privacy.patients_in_model_file``,
``deploy.score_file``), writing files only to a temporary folder outside the course.
"""

import functools
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from bcc_teach import data, deploy, models, privacy, shift

#: The exercise's "anonymised" row: the plain SHA-256 hash of a made-up 7-digit number.
HASHED_ID = "8bb0cf6eb9b17d0f7d22b456f121257dc1254e1f01665370476383ea776df414"


def _scored(folder: Path, taught: shift.Taught) -> tuple[deploy.ScoredFile, pd.DataFrame]:
    """The exercise's batch: the test women with one area_mean left empty, scored."""
    saved = deploy.save_model(taught.model, folder / "taught.skops", X_train=taught.X_train,
                              y_train=taught.y_train, threshold=taught.threshold,
                              trained_on="2026-12-01")  # fmt: skip
    clinic = taught.X_test.copy()
    clinic.iloc[35, clinic.columns.get_loc("area_mean")] = np.nan
    clinic.reset_index().to_csv(folder / "clinic_batch.csv", index=False)
    result = deploy.score_file(deploy.load_model(saved.model_path), folder / "clinic_batch.csv",
                               folder / "scores.csv", warning=shift.fit_ood_warning(taught.X_train),
                               show_progress=False)  # fmt: skip
    return result, pd.read_csv(deploy.rejected_path(folder / "scores.csv"))


@functools.cache
def typical():
    found = privacy.reverse_plain_hash(HASHED_ID, ids=range(1_000_000, 10_000_000))
    everywhere = privacy.reverse_plain_hash(HASHED_ID)  # every 6- to 9-digit number: slower
    taught = shift.taught_model()
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, _ = models.split(X, y)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        knn = models.make_model("knn").fit(X_train, y_train)
        saved_knn = deploy.save_model(
            knn, folder / "knn.skops", X_train=X_train, y_train=y_train, threshold=0.5,
            trained_on="2026-12-01",
        )  # fmt: skip
        carried = privacy.patients_in_model_file(saved_knn.model_path, X_train)
        in_test = privacy.patients_in_model_file(saved_knn.model_path, X_test)
        scored, rejected = _scored(folder, taught)
    bad_row = int(rejected["row"].iloc[0])
    position = taught.X_test.index.get_loc(rejected["case_id"].iloc[0])  # counted from 0
    return {
        "q1": (
            [
                int(found.found),
                int(everywhere.found),
                np.int64(found.found),
                float(found.found),
            ],
            [
                (found.tried, ".tried"),
                (1_000_000, "first number of the range"),
                (9_000_000, "how many 7-digit numbers"),
                (found, "record holding several values"),
                (privacy.reverse_plain_hash(HASHED_ID, range(100_000, 1_000_000)).found, "None"),
                (found.found, "text (in quotes)"),
                (HASHED_ID, "text (in quotes)"),
                ("W469", "text (in quotes)"),
                (True, "True/False"),
            ],
        ),
        "q2": (
            ["c", " (C) "],
            [
                ("a", "hash every one of them in minutes"),
                ("b", "a secret that the receiver does not have"),
                ("d", "Trust does not make a list anonymous"),
            ],
        ),
        "q3": (
            [
                carried.n_recovered,
                len(carried.recovered),
                np.int64(carried.n_recovered),
                float(carried.n_recovered),
            ],
            [
                (in_test.n_recovered, "model_file_without_patients"),
                (0, "model_file_without_patients"),
                (31, "30 weights and an intercept"),
                (knn[-1].n_neighbors, "how many neighbours"),
                (30, "number of measurements of each case"),
                (carried.stored.size, "That counts numbers"),
                (sum(carried.numbers_by_step().values()), "every number the model file's steps"),
                (len(X_test), "number of test women"),
                (len(X), "every woman in WDBC"),
                (carried, "a CarriedPatients object"),
            ],
        ),
        "q4": (
            ["a", "A"],
            [
                ("b", "Unplugged is not safe"),
                ("c", "holds instructions, not only numbers"),
                ("d", "looks inside the file, not at its name"),
            ],
        ),
        "q5": (
            [bad_row, np.int64(bad_row), float(bad_row), rejected["row"]],
            [
                (position, "counted from 0"),
                (position + 1, "forgets the header"),
                (scored.scored, "how many women were scored"),
                (scored.rejected, "how many rows were rejected"),
                (scored.rows, "how many women the file holds"),
                (rejected["column"].iloc[0], "text (in quotes)"),
            ],
        ),
        "q6": (
            ["d"],
            [
                ("a", "A rejected row is not dropped"),
                ("b", "No result is not a reassuring result"),
                ("c", "no model's result"),
            ],
        ),
        "q7": (
            ["b"],
            [
                ("a", "decision support, not a diagnosis. At or above"),
                ("c", "not set aside"),
                ("d", "Not whatever they show"),
            ],
        ),
    }
