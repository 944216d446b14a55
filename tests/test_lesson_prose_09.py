"""Lesson 09's prose figures, recomputed (see test_lesson_prose.py)."""

from __future__ import annotations

import inspect
from functools import cache

from test_lesson_prose import says

from bcc_teach import data, deploy, models, privacy, shift

LESSON = "09_into_the_clinic.ipynb"


@cache
def taught():
    return shift.taught_model()


def test_lesson09_counts_the_women_a_model_file_carries(tmp_path):
    t = taught()
    knn = models.make_model("knn").fit(t.X_train, t.y_train)
    files = {}
    for name, model in (("knn.skops", knn), ("taught.skops", t.model)):
        files[name] = deploy.save_model(model, tmp_path / name, X_train=t.X_train,
                                        y_train=t.y_train, threshold=t.threshold,
                                        trained_on="2026-12-01").model_path  # fmt: skip
    carried = privacy.patients_in_model_file(files["knn.skops"], t.X_train)
    assert carried.n_recovered == len(t.X_train)
    says(LESSON, f"holds **all {len(t.X_train)}** training women")
    small = privacy.patients_in_model_file(files["taught.skops"], t.X_train)
    assert small.n_recovered == 0
    numbers = small.table()["numbers learned"].iloc[0]
    assert numbers == 30 + 1 + 3 * 30  # "30 weights and an intercept, and the scaler's" three
    says(LESSON, "holds its 30 weights and an intercept, and the scaler's means and spreads")


def test_lesson09_scores_eleven_and_rejects_one(tmp_path):
    t = taught()
    saved = deploy.save_model(t.model, tmp_path / "taught.skops", X_train=t.X_train,
                              y_train=t.y_train, threshold=t.threshold,
                              trained_on="2026-12-01")  # fmt: skip
    model = deploy.load_model(saved.model_path)
    wdbc = data.load_wdbc().set_index("case_id")
    new = wdbc.loc[t.X_test.index[:12]].drop(columns="diagnosis").reset_index()
    new["radius_mean"] = new["radius_mean"].astype(object)
    new.loc[4, "radius_mean"] = "13,5"
    new.to_csv(tmp_path / "new.csv", index=False)
    default = inspect.signature(deploy.score_file).parameters["max_rejected_share"].default
    assert 1 / 12 > default == 0.01  # "One bad row in 12 is more than 1%"
    result = deploy.score_file(model, tmp_path / "new.csv", tmp_path / "scores.csv",
                               warning=shift.fit_ood_warning(t.X_train), show_progress=False,
                               max_rejected_share=0.1)  # fmt: skip
    assert (result.scored, result.rejected) == (11, 1)
    says(LESSON, "11 cases scored and 1 rejected", "together they make the 12 cases read",
         "One bad row in 12 is more than 1%")  # fmt: skip


def test_lesson09_reads_w136s_report_as_it_comes_out():
    t = taught()
    p = float(t.probabilities(t.X_test.loc[["W136"]])[0])
    assert t.threshold <= p < 0.2  # "the taught model flagged her, just"
    assert not shift.fit_ood_warning(t.X_train).check(t.X_test.loc[["W136"]]).warned.any()
    says(LESSON, "the taught model flagged her, just", "here it does not fire")
