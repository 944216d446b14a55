"""LIME explanations: the right class, tidy tables, no warnings, seeds that mean something."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from bcc_teach import data, explain, models

X, Y = data.load_wdbc_xy()
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = models.split(X, Y)
MODEL = models.reference_model().fit(X_TRAIN, Y_TRAIN)
QUICK = {**explain.COURSE_SETTINGS, "num_samples": 3000}  # same method, fewer samples: fast


@pytest.fixture(scope="module")
def explainer():
    return explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, QUICK)


def test_an_explanation_is_a_tidy_table(explainer):
    result = explainer.explain(X_TEST.loc["W331"])
    assert result.case_id == "W331"
    assert result.probability == pytest.approx(
        models.probability_malignant(MODEL, X_TEST.loc[["W331"]])[0]
    )
    table = result.table
    assert list(table.columns) == ["condition", "feature", "weight", "towards"]
    assert len(table) == 5
    assert list(table["weight"].abs()) == sorted(table["weight"].abs(), reverse=True)
    for _, row in table.iterrows():
        assert row["feature"] in data.FEATURES and row["feature"] in row["condition"]
        assert row["towards"] == ("malignant" if row["weight"] > 0 else "benign")
    assert 0 <= result.local_r2 <= 1


def test_malignant_is_the_class_explained(explainer):
    """For the most malignant-looking test case, the strongest reasons point to malignant."""
    p = models.probability_malignant(MODEL, X_TEST)
    most, least = X_TEST.index[np.argmax(p)], X_TEST.index[np.argmin(p)]
    towards_most = explainer.explain(X_TEST.loc[most]).table["weight"].sum()
    towards_least = explainer.explain(X_TEST.loc[least]).table["weight"].sum()
    assert towards_most > towards_least


def test_same_seed_same_answer_whatever_came_before():
    first = explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, QUICK)
    second = explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, QUICK)
    second.explain(X_TEST.iloc[0], seed=4)  # another case explained first
    a = first.explain(X_TEST.loc["W331"], seed=4).table
    b = second.explain(X_TEST.loc["W331"], seed=4).table
    assert a.equals(b)


def test_explanations_are_cached(explainer):
    first = explainer.explain(X_TEST.loc["W014"], seed=1)
    assert explainer.explain(X_TEST.loc[["W014"]], seed=1) is first  # a one-row table works too


def test_stability_report(explainer):
    same = explain.stability(explainer, X_TEST.loc["W331"], seeds=[2, 2])
    assert isinstance(same, explain.StabilityReport)
    assert (same.jaccard_mean, same.jaccard_min, same.sign_agreement) == (1.0, 1.0, 1.0)
    assert (same.seeds, same.k) == (2, 5)
    report = explain.stability(explainer, X_TEST.loc["W014"], seeds=range(4))
    assert 0 <= report.jaccard_min <= report.jaccard_mean <= 1
    assert 0 <= report.sign_agreement <= 1 and 0 <= report.local_r2_mean <= 1
    assert report.table()["mean Jaccard"] == report.jaccard_mean
    with pytest.raises(ValueError, match="at least one seed"):
        explain.stability(explainer, X_TEST.loc["W014"], seeds=[])


def test_stability_report_by_hand():
    """Seeds naming {a, b} and {a, c} (Jaccard 1/3), and a third naming {a, b} again.

    Pairs: {a,b}–{a,c} 1/3, {a,b}–{a,b} 1, {a,c}–{a,b} 1/3: mean 5/9, smallest 1/3. Feature b
    points towards benign once and malignant once, a and c never flip: 2 of 3 agree.
    """
    import pandas as pd

    def made_up(features, towards, r2):
        table = pd.DataFrame({"feature": features, "towards": towards})
        return explain.Explanation("W1", 0.5, table, r2, 0)

    answers = {
        0: made_up(["a", "b"], ["malignant", "benign"], 0.2),
        1: made_up(["a", "c"], ["malignant", "benign"], 0.4),
        2: made_up(["a", "b"], ["malignant", "malignant"], 0.6),
    }

    class Fixed:
        def explain(self, case, seed, num_features):
            return answers[seed]

    report = explain.stability(Fixed(), None, seeds=[0, 1, 2], k=2)
    assert report.jaccard_mean == pytest.approx(5 / 9)
    assert report.jaccard_min == pytest.approx(1 / 3)
    assert report.sign_agreement == pytest.approx(2 / 3)
    assert report.local_r2_mean == pytest.approx(0.4)
    assert (report.seeds, report.k) == (3, 2)


def test_jaccard():
    assert explain.jaccard({"a", "b"}, {"a", "b"}) == 1.0
    assert explain.jaccard({"a"}, {"b"}) == 0.0
    assert explain.jaccard(set(), set()) == 1.0


def test_lime_defaults_select_five_features_themselves():
    default = explain.CaseExplainer(
        MODEL, X_TRAIN, Y_TRAIN, {**explain.LIME_DEFAULTS, "num_samples": 1000}
    )
    table = default.explain(X_TEST.loc["W331"]).table
    assert len(table) == 5 and table["feature"].is_unique


def test_global_importance_beside_the_weights():
    table = explain.global_importance(MODEL, X_TEST, Y_TEST)
    assert list(table.columns) == ["permutation", "permutation_sd", "weight"]
    assert set(table.index) == set(data.FEATURES)
    weights = models.feature_weights(MODEL, X.columns)
    assert table["weight"].to_dict() == pytest.approx(weights.to_dict())
    assert table["permutation"].is_monotonic_decreasing
    tree = models.make_model("decision_tree").fit(X_TRAIN, Y_TRAIN)  # a model with no weights
    assert explain.global_importance(tree, X_TEST, Y_TEST)["weight"].isna().all()


def test_bad_input_is_refused(explainer):
    with pytest.raises(ValueError, match="one case at a time"):
        explainer.explain(X_TEST.head(2))
    with pytest.raises(ValueError, match="lacks the feature"):
        explainer.explain(X_TEST.loc["W331"].drop("radius_mean"))
    with pytest.raises(ValueError, match="one row of X"):
        explainer.explain([1, 2, 3])
    with pytest.raises(ValueError, match="is it fitted"):
        explain.CaseExplainer(models.reference_model(), X_TRAIN, Y_TRAIN)


def test_no_figure_left_open():
    plt.close("all")
    explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, QUICK).explain(X_TEST.iloc[3])
    assert plt.get_fignums() == []


def test_explanation_figure(explainer):
    from matplotlib.colors import to_hex

    from bcc_teach import plots

    table = explainer.explain(X_TEST.loc["W331"]).table
    ax = plots.explanation(table, title="W331")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(table["condition"])[::-1]
    expected = ["#d55e00" if w > 0 else "#0072b2" for w in table["weight"]][::-1]
    assert [to_hex(bar.get_facecolor()) for bar in ax.patches] == expected
    plt.close(ax.figure)


@pytest.mark.parametrize("name", ["entropy", "quartile"])
def test_quick_sampler_draws_what_lime_draws(name):
    from lime import discretize
    from scipy import stats

    lime_class = {"entropy": discretize.EntropyDiscretizer,
                  "quartile": discretize.QuartileDiscretizer}[name]  # fmt: skip
    args = (X_TRAIN.to_numpy(), [], list(X_TRAIN.columns))
    kwargs = {"labels": Y_TRAIN.to_numpy()}
    lime_own = lime_class(*args, **kwargs, random_state=np.random.RandomState(1))
    quick = explain.quick_sampling(name)(*args, **kwargs, random_state=np.random.RandomState(2))
    assert isinstance(quick, lime_class)
    checked = 0
    for feature in (0, 7, 23, 27):  # radius_mean, concave_points_mean, area_worst, ...
        for bin_index in range(len(quick.means[feature])):
            values = np.full(4000, bin_index)
            ours = quick.get_undiscretize_values(feature, values)
            theirs = lime_own.get_undiscretize_values(feature, values.copy())
            low, high = quick.mins[feature][bin_index], quick.maxs[feature][bin_index]
            assert low <= ours.min() and ours.max() <= high
            assert stats.ks_2samp(ours, theirs).pvalue > 1e-3, (feature, bin_index)
            checked += 1
    assert checked >= 8


def test_course_settings_use_the_quick_sampler_and_lime_defaults_do_not():
    course = explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, QUICK)
    default = explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, explain.LIME_DEFAULTS)
    course.explain(X_TEST.iloc[0])
    default.explain(X_TEST.iloc[0])
    assert type(course._explainer.discretizer).__name__ == "QuickEntropyDiscretizer"
    assert type(default._explainer.discretizer).__name__ == "QuartileDiscretizer"
    # one generator: reseeding the explainer reseeds the sampler too
    assert course._explainer.discretizer.random_state is course._explainer.random_state


def _bounds(condition: str) -> list[str]:
    """The numbers in a LIME condition: one (``a <= 1.2``, ``a > 1.2``) or two (``1 < a <= 2``)."""
    parts = condition.split(" ")
    return [parts[0], parts[4]] if len(parts) == 5 else [parts[2]]


@pytest.mark.parametrize("settings", [QUICK, explain.LIME_DEFAULTS], ids=["course", "lime"])
def test_conditions_read_with_enough_significant_figures(settings):
    """lime writes every cut with two decimals ("fractal_dimension_se <= 0.00", "0.36 <
    symmetry_worst <= 0.36"); the course's conditions never read 0.00 and their two bounds
    always differ, and each bound is the cut to at least three significant figures."""
    explainer = explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, settings)
    explainer.explain(X_TEST.loc["W331"])
    discretizer = explainer._explainer.discretizer
    lime_would_say = 0
    for feature, names in discretizer.names.items():
        cuts = discretizer.maxs[feature][:-1]
        assert len(names) == len(cuts) + 1
        for name in names:
            bounds = _bounds(name)
            assert X_TRAIN.columns[feature] in name
            assert len(set(bounds)) == len(bounds), name
            assert "0.00" not in bounds and "0" not in bounds, name
        for cut, shown in zip(cuts, [_bounds(n)[-1] for n in names[:-1]], strict=True):
            assert float(shown) == pytest.approx(cut, rel=5e-3)
            lime_would_say += f"{cut:.2f}" in ("0.00", "-0.00")
    if settings is QUICK:
        assert lime_would_say > 0, "the course's cuts include some lime would show as 0.00"


def test_condition_labels_by_hand():
    assert explain.condition_labels("area_worst", [868.24, 1234.5]) == [
        "area_worst <= 868",
        "868 < area_worst <= 1230",
        "area_worst > 1230",
    ]
    # close cuts get the figures they need to differ, and only those
    assert explain.condition_labels("x", [0.36120, 0.36124, 0.3613, 1.2]) == [
        "x <= 0.3612",
        "0.3612 < x <= 0.36124",
        "0.36124 < x <= 0.3613",
        "0.3613 < x <= 1.2",
        "x > 1.2",
    ]
    with pytest.raises(ValueError, match="at least one value"):
        explain.condition_labels("x", [])


def test_the_explanations_conditions_are_the_readable_ones(explainer):
    table = explainer.explain(X_TEST.loc["W014"]).table
    discretizer = explainer._explainer.discretizer
    readable = {name for names in discretizer.names.values() for name in names}
    assert set(table["condition"]) <= readable


def test_an_explanation_is_stored_and_read_back_only_for_the_same_model_and_case(
    tmp_path, monkeypatch
):
    from bcc_teach.validation import _store

    monkeypatch.setattr(_store, "STORE", tmp_path)
    monkeypatch.setenv(_store.WRITE, "1")
    computed = explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, QUICK).explain(X_TEST.loc["W331"])
    (stored,) = tmp_path.glob("_lime_explanation-*.json")
    assert '"depends"' in stored.read_text() and _store.stale() == []
    monkeypatch.delenv(_store.WRITE)
    refitted = models.reference_model().fit(X_TRAIN, Y_TRAIN)  # the same fit, another object
    again = explain.CaseExplainer(refitted, X_TRAIN, Y_TRAIN, QUICK).explain(X_TEST.loc["W331"])
    pd.testing.assert_frame_equal(again.table, computed.table)  # exactly as computed
    assert (again.probability, again.local_r2, again.case_id) == (
        computed.probability, computed.local_r2, "W331")  # fmt: skip
    other_fit = models.reference_model().set_params(logisticregression__C=0.1)
    other = explain.CaseExplainer(other_fit.fit(X_TRAIN, Y_TRAIN), X_TRAIN, Y_TRAIN, QUICK)
    assert other.fingerprint != explain.CaseExplainer(refitted, X_TRAIN, Y_TRAIN, QUICK).fingerprint
    assert other.explain(X_TEST.loc["W331"]).probability != computed.probability
    moved = X_TEST.loc["W331"].copy()
    moved["radius_mean"] += 1.0
    assert explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, QUICK).explain(moved).probability != (
        computed.probability)  # fmt: skip
    assert len(list(tmp_path.glob("*.json"))) == 1  # only the first was stored
    assert _store.code(("explain",)) != _store.code()  # this module is in its fingerprint
