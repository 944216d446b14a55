"""Facts particular to one exercise that its questions rely on (the contract over every
question set is in ``test_question_sets.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typical_answers import ex02 as typical02
from typical_answers import table

from bcc_teach import data, deploy, explain, models, privacy, shift
from bcc_teach.checking import Outcome
from bcc_teach.questions import ex02, ex07, ex08, ex09
from bcc_teach.questions.fixtures import split
from bcc_teach.questions.kinds import feature_named

ROOT = Path(__file__).resolve().parent.parent


# -- ex02: one SYNTHETIC field of view ------------------------------------------------------


def test_ex02_the_field_cuts_nuclei_so_q1_is_not_the_number_drawn():
    assert typical02.FOUND.dropped["touching the border"] >= 1
    assert len(typical02.FOUND.contours) < len(typical02.PICTURE.outlines)


def test_ex02_the_field_is_borderline_so_a_label_is_not_a_probability():
    """q7 needs a probability far from 0 and 1, or the label 0/1 would pass as one."""
    assert 0.2 < typical02.P_FIELD[0] < 0.8


def test_ex02_every_message_about_the_probability_says_the_image_is_synthetic():
    assert "SYNTHETIC" in ex02.q7.correct and "SYNTHETIC" in ex02.q7.hints[0]
    for answer, _ in table("ex02")["q7"][1]:
        feedback = ex02.q7.judge(answer)
        if feedback.outcome is Outcome.INCORRECT:
            assert feedback.message.endswith(ex02.SYNTHETIC_REMINDER), answer
    assert ex02.q7.judge(0.01).message.endswith(ex02.SYNTHETIC_REMINDER)


def test_ex02_the_solution_notebook_draws_the_image_the_questions_check():
    solution = ROOT / "solutions" / "ex02_images_to_features.ipynb"
    setup = "".join(json.loads(solution.read_text(encoding="utf-8"))["cells"][1]["source"])
    assert 'features.synthetic_image("malignant", seed=3, radius=12)' in setup
    assert "field = picture.pixels[:, 48:]" in setup
    assert ex02.PICTURE == {"settings": "malignant", "seed": 3, "radius": 12}
    assert ex02.FIRST_COLUMN == 48


# -- ex04: the forest's rule-out threshold ---------------------------------------------------


def test_ex04_the_rule_out_threshold_is_chosen_on_the_training_cases():
    from typical_answers.ex04 import RULE_OUT

    from bcc_teach.questions import ex04

    assert ex04.q4.expected() == pytest.approx(RULE_OUT)


# -- ex07: one woman's explanation -----------------------------------------------------------


def test_ex07_the_case_was_chosen_for_its_contrasts():
    """Her local top differs from the global top, and lime's defaults are less stable."""
    s = ex07.split()
    her = ex07._explanation().table
    model = ex07._model()
    assert model.predict(s.X_test.loc[["W198"]])[0] == 1 and s.y_test.loc["W198"] == 1
    assert her["feature"].iloc[0] != ex07._global_importance().index[0]
    assert {"benign", "malignant"} <= set(her["towards"])
    assert ex07._stability("defaults").jaccard_mean < ex07._stability("course").jaccard_mean


@pytest.mark.parametrize("settings", ["course", "defaults"])
def test_ex07_the_question_sets_explainers_are_the_learners(settings):
    """Built the way the notebook builds them, an explainer gives the same explanation."""
    s = ex07.split()
    model = models.reference_model().fit(s.X_train, s.y_train)
    chosen = explain.COURSE_SETTINGS if settings == "course" else explain.LIME_DEFAULTS
    learners = explain.CaseExplainer(model, s.X_train, s.y_train, settings=chosen)
    ours = ex07._explainer(settings)
    her = s.X_test.loc["W198"]
    assert ours.settings == chosen
    assert ours.explain(her, seed=3).table.equals(learners.explain(her, seed=3).table)


def test_ex07_feature_names_are_read_from_names_and_conditions():
    assert feature_named("concave points_worst") == "concave_points_worst"
    assert feature_named("0.17 < symmetry_worst <= 0.28") == "symmetry_worst"
    assert feature_named("radius") is None


def test_ex07_a_text_whose_methods_fail_is_still_read():
    class Odd(str):
        def strip(self, *args):
            raise RuntimeError("odd")

        def lower(self):
            raise RuntimeError("odd")

    assert ex07.q6.judge(Odd(ex07.q6.expected())).outcome is Outcome.CORRECT


# -- ex08: the taught model at another clinic and under another scanner ---------------------


def test_ex08_a_one_is_both_slips_its_messages_name():
    """q1 and q3 answer 1 with one message for two slips: both must really be 1."""
    counted = ex08._counted()
    assert counted.sensitivity == 1.0 and counted.npv == 1.0  # q1: sensitivity, or the NPV
    after = ex08._smaller() < ex08._taught().threshold
    assert after[ex08._y() == 0].all()  # q3: the specificity after the change is 1 too


def test_ex08_the_scanner_change_hides_cancers_from_the_warning_and_re_measuring_finds_them():
    """What the notebook's prose and q7's feedback say about magnification 0.8 and blur."""
    taught, factors = ex08._taught(), ex08._factors()
    warning = shift.fit_ood_warning(taught.X_train)
    before = shift.scenario(taught, warning, factors)
    smaller = shift.scenario(taught, warning, factors, magnification=0.8)
    blurred = shift.scenario(taught, warning, factors, focus=2.0)
    measured = shift.scenario(taught, warning, factors, magnification=0.8, re_measured=True)
    missed = (smaller.probabilities < taught.threshold) & (taught.y_test == 1).to_numpy()
    assert missed.any() and not smaller.warning.warned[missed].any()
    assert smaller.warning.warned.sum() - before.warning.warned.sum() <= 2  # hardly more often
    assert blurred.warning.rate().value > 0.9  # nearly every blurred slide
    assert measured.sensitivity.value == before.sensitivity.value == 1.0


def test_ex08_recalibration_keeps_the_ranking_and_moves_women_across_the_threshold():
    """The notebook's 400 local women: the AUC stays, some women change side."""
    import numpy as np

    taught, y, p = ex08._taught(), ex08._taught().y_test, ex08._p()
    weights = shift.setting_weights(y, ex08.FEWER)
    local = np.random.default_rng(0).choice(len(y), size=400, p=weights / weights.sum())
    recalibrated = shift.recalibrate(y.iloc[local], p[local]).apply(p)
    before = shift.performance(y, p, taught.threshold, auc_interval=False)
    after = shift.performance(y, recalibrated, taught.threshold, auc_interval=False)
    assert after.auc.value == pytest.approx(before.auc.value)
    assert after.flagged.count < before.flagged.count


def test_ex08_the_two_splits_of_the_original_data_come_out_nearly_the_same():
    """q6's prompt: with few women repeated, the random split flatters hardly at all here."""
    scores, diagnosis, woman = ex08._original()
    result = shift.grouped_vs_naive(shift.scores_model(), scores, diagnosis, woman)
    assert abs(result.naive_auc.value - result.grouped_auc.value) < 0.01
    assert result.women < result.rows


def test_ex08_the_solution_notebook_uses_the_settings_the_questions_check():
    solution = ROOT / "solutions" / "ex08_robustness.ipynb"
    cells = json.loads(solution.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "shift.setting_weights(y_test, 0.2)" in code and ex08.FEWER == 0.2
    assert "factors.factors(magnification=0.8)" in code and ex08.MAGNIFICATION == 0.8
    assert "StratifiedKFold(n_splits=5, shuffle=True, random_state=0)" in code
    assert (ex08.FOLDS, ex08.SPLIT_SEED) == (5, 0)
    assert ex08.q1.window() == ex08.q3.window() == 0.005  # "answers within 0.005 count"


# -- ex09: into the clinic ---------------------------------------------------------------------


def _ex09_code() -> str:
    solution = ROOT / "solutions" / "ex09_into_the_clinic.ipynb"
    cells = json.loads(solution.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def test_ex09_the_hash_is_of_a_made_up_number_found_in_the_range_the_notebook_searches():
    """q1: the notebook's hash is the question set's, of a number no patient of the data has."""
    code = _ex09_code()
    assert f'hashed_id = "{ex09.HASHED}"' in code
    assert ex09.HASHED == privacy.plain_hash(ex09.MADE_UP_ID)
    assert "ids=range(1_000_000, 10_000_000)" in code and ex09.SEARCH == range(10**6, 10**7)
    assert privacy.reverse_plain_hash(ex09.HASHED, ex09.SEARCH).found == str(ex09.MADE_UP_ID)
    for made_up in (ex09.MADE_UP_ID, 7654321):  # the exercise's made-up numbers
        assert str(made_up) not in privacy.raw_ids()


def test_ex09_the_time_for_every_id_comes_from_the_rate_the_notebook_gives():
    assert "rate = 1_000_000" in _ex09_code() and ex09.RATE == 1_000_000
    assert ex09.minutes_for_every_id() == pytest.approx(len(privacy.ID_SPACE) / 1e6 / 60)
    assert len(privacy.ID_SPACE) == 10**9 - 10**5  # every 6- to 9-digit number


def test_ex09_the_questions_women_are_the_taught_models():
    """The notebook uses shift.taught_model()'s women; the question set the fixtures' split."""
    taught, course = shift.taught_model(), split()
    assert taught.X_train.equals(course.X_train) and taught.X_test.equals(course.X_test)
    assert taught.y_test.equals(course.y_test)


def test_ex09_a_saved_knn_file_holds_every_training_woman_and_the_taught_models_none(tmp_path):
    """q3 and its messages: read from files saved as the notebook saves them."""
    taught = shift.taught_model()
    knn = models.make_model("knn").fit(taught.X_train, taught.y_train)
    assert knn[-1].n_neighbors == ex09.NEIGHBOURS
    files = {}
    for name, model in (("knn", knn), ("taught", taught.model)):
        saved = deploy.save_model(
            model,
            tmp_path / f"{name}.skops",
            X_train=taught.X_train,
            y_train=taught.y_train,
            threshold=0.5,
            trained_on="2026-12-01",
        )
        files[name] = privacy.patients_in_model_file(saved.model_path, taught.X_train)
    assert files["knn"].n_recovered == ex09.q3.expected() == len(taught.X_train)
    assert files["taught"].n_recovered == 0
    assert files["taught"].numbers_by_step()["logisticregression"] == len(data.FEATURES) + 1
    assert ex09._carried("logistic_regression").n_recovered == 0


def test_ex09_the_batch_rejects_one_row_where_the_questions_say(tmp_path):
    """q5 and q6, and the prose around them: the notebook's batch, scored as it scores it."""
    code = _ex09_code()
    assert 'clinic.iloc[35, clinic.columns.get_loc("area_mean")] = np.nan' in code
    assert (ex09.BAD_POSITION, ex09.BAD_COLUMN) == (35, "area_mean")
    taught = shift.taught_model()
    saved = deploy.save_model(
        taught.model,
        tmp_path / "taught.skops",
        X_train=taught.X_train,
        y_train=taught.y_train,
        threshold=taught.threshold,
        trained_on="2026-12-01",
    )
    clinic = taught.X_test.copy()
    clinic.iloc[35, clinic.columns.get_loc("area_mean")] = float("nan")
    clinic.reset_index().to_csv(tmp_path / "clinic_batch.csv", index=False)
    warning = shift.fit_ood_warning(taught.X_train)
    result = deploy.score_file(
        deploy.load_model(saved.model_path),
        tmp_path / "clinic_batch.csv",
        tmp_path / "scores.csv",
        warning=warning,
        show_progress=False,
    )
    assert (result.rows, result.scored, result.rejected) == (143, 142, 1)
    import pandas as pd

    rejected = pd.read_csv(result.rejected_path)
    assert rejected["row"].tolist() == [ex09.q5.expected()]
    assert rejected["column_name"].tolist() == ["area_mean"]
    assert rejected["case_id"].tolist() == [taught.X_test.index[35]]
    assert taught.y_test.iloc[35] == 1  # q6's message: she is one of the women with cancer
    # "Had more than 1% of the rows been bad, score_file would have refused the whole file"
    assert deploy.MAX_REJECTED_SHARE == 0.01 and 1 / 143 <= deploy.MAX_REJECTED_SHARE < 2 / 143


def test_ex09_the_reported_woman_is_below_the_threshold_as_q7_says():
    taught = shift.taught_model()
    assert 'X_test.loc["W222"]' in _ex09_code()
    assert taught.probabilities(taught.X_test.loc[["W222"]])[0] < taught.threshold


def test_the_questions_rule_out_threshold_is_the_lessons_function_with_its_slow_part_stored():
    from bcc_teach import metrics
    from bcc_teach.questions import fixtures

    s = split()
    for part in ("train", "test"):
        expected = metrics.rule_out_threshold(
            models.make_model("logistic_regression"), s.cases(part), s.diagnoses(part)
        )
        assert fixtures.rule_out("logistic_regression", part) == expected
    assert fixtures.RULE_OUT_TARGET == 0.98
