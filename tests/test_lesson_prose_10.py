"""Lesson 10's prose figures (and the capstone rubric's), recomputed (see test_lesson_prose.py)."""

from __future__ import annotations

import re
from functools import cache

from sklearn.impute import SimpleImputer
from test_lesson_prose import says

from bcc_teach import capstone, explain, metrics, shift, validation
from bcc_teach._paths import PROJECT_ROOT

LESSON = "10_capstone.ipynb"


@cache
def worked():
    """The capstone as the lesson runs it: split, model, threshold, both validations."""
    split = capstone.split_by_time()
    model = shift.scores_model().fit(split.X_development, split.y_development)
    p_grouped = capstone.grouped_probabilities(shift.scores_model(), split)
    rule_out = metrics.threshold_for_sensitivity(split.y_development, p_grouped, 0.98)
    p_later = model.predict_proba(split.X_later)[:, 1]
    development = capstone.four_rates(split.y_development, p_grouped, rule_out)
    later = capstone.four_rates(split.y_later, p_later, rule_out)
    return split, model, p_grouped, rule_out, p_later, development, later


def test_lesson10_describes_what_differs_from_wdbc():
    scores = capstone.scores_data()
    missing = int(scores.X.isna().sum().sum())
    women = scores.woman.nunique()
    assert (len(scores.X), missing, women) == (699, 16, 645)
    says(LESSON, f"{missing} aspirates have no bare nuclei score",
         f"The {len(scores.X)} rows come from {women} women",
         f"{len(scores.X) - women} rows are a woman met in an earlier row",
         f"{len(scores.X)} rows from {women} women",
         f"{missing} bare nuclei scores missing")  # fmt: skip
    median = {SimpleImputer(strategy="median").fit(X).statistics_[5]
              for X in (scores.X, worked()[0].X_development)}  # fmt: skip
    assert list(scores.X.columns)[5] == "bare_nuclei" and median == {1.0}
    says(LESSON, "the median is 1 either way")


def test_lesson10_reads_the_later_womens_figures_with_their_intervals():
    split, _, _, _, p_later, development, later = worked()
    assert later.sensitivity.counted() == f"{len(split.y_later[split.y_later == 1])} of 48"
    about = f"{later.sensitivity.low:.2f}"
    assert about == "0.93"
    says(LESSON, "there were only 48 of them", f"a sensitivity as low as about {about}",
         "48 later cancers all found still leaves a sensitivity compatible with about "
         f"{about}")  # fmt: skip
    assert later.sensitivity.value >= development.sensitivity.value
    assert later.specificity.value >= development.specificity.value
    says(LESSON, "did at least as well as the development women")
    assert split.y_later.mean() < split.y_development.mean()
    says(LESSON, "among whom fewer had cancer than in the early batches")
    curve = validation.decision_curve(split.y_later, p_later, [t / 100 for t in range(1, 41)])
    assert (curve.net_benefit > curve.treat_all).all() and (curve.net_benefit > 0).all()
    says(LESSON, "does more good than biopsying every woman or none at every threshold "
         "probability from 0.01 to 0.40")
    slope = validation.calibration(split.y_later, p_later).slope
    assert slope.value > 1 and slope.low < 1 and slope.high > 3
    says(LESSON, "with 48 cancers its interval runs from below 1 to above 3")


def test_lesson10_explains_two_women_near_the_threshold():
    split, model, _, rule_out, p_later, _, _ = worked()
    p = dict(zip(split.X_later.index, p_later, strict=True))
    y = split.y_later
    assert y["O490"] == 1 and p["O490"] >= rule_out and y["O554"] == 0 and p["O554"] < rule_out
    says(LESSON, "O490, who has cancer and was flagged, just", "O554, benign and just below")
    complete = split.X_development.dropna()
    explainer = explain.CaseExplainer(model, complete, split.y_development[complete.index])
    near, below = (explain.stability(explainer, split.X_later.loc[c], seeds=range(5), k=3)
                   for c in ("O490", "O554"))  # fmt: skip
    assert below.jaccard_min == 1.0 and near.jaccard_min < 1.0
    says(LESSON, "O554's three reasons are the same in every draw. O490's are not")
    towards = explainer.explain(split.X_later.loc["O490"], num_features=3).table["towards"]
    assert set(towards) == {"benign"}
    says(LESSON, "All three of her strongest reasons point towards benign")


def test_lesson10_quotes_the_batches_and_the_odd_case():
    scores = capstone.scores_data()
    sizes = scores.batch.value_counts()
    assert sizes[1] > len(scores.X) / 2
    cancers = scores.y.groupby(scores.batch).sum()
    assert (sizes[4], cancers[4]) == (17, 3)
    says(LESSON, "Batch 1 holds more than half the rows", "a batch of 17 aspirates with 3 cancers")
    split = worked()[0]
    complete = split.X_development.dropna()
    warning = shift.fit_ood_warning(complete)
    odd = complete.iloc[:1].copy()
    odd.iloc[0] = [1, 10, 10, 1, 1, 1, 1, 1, 10]
    assert warning.warned(odd)[0] and not warning.warned(split.X_later.dropna()).any()
    says(LESSON, "for none of the later women")


def test_the_capstone_rubric_quotes_the_capstones_figures():
    split, _, _, rule_out, _, development, later = worked()
    rubric = re.sub(r"\s+", " ", (PROJECT_ROOT / "docs" / "capstone_rubric.md").read_text())
    below = metrics.rate(development.npv.total - development.npv.count, development.npv.total)
    phrases = [
        f"At {rule_out:.3f}, out of fold and by woman, the model found "
        f"{development.sensitivity.counted()} development cancers (sensitivity "
        f"{development.sensitivity.value:.3f}, 95% CI {development.sensitivity.interval(3)})",
        f"{below.count} of the {below.total} women below it had cancer",
        f"about {below.value:.0%} (95% CI {below.low:.1%} to {below.high:.0%})",
        f"({later.sensitivity.counted()} found)",
        f"sensitivity {later.sensitivity.value:.3f} ({later.sensitivity.interval(3)})",
        f"specificity {later.specificity.value:.3f} ({later.specificity.interval(3)})",
        f"specificity {development.specificity.value:.3f} ({development.specificity.interval(3)})",
        f"PPV ({later.ppv.value:.3f})",
        f"({len(split.y_later)} women, {later.sensitivity.total} cancers)",
    ]
    for phrase in phrases:
        assert phrase in rubric, phrase


def test_the_instructor_notes_on_lesson10_quote_its_figures():
    split, _, _, rule_out, _, _, later = worked()
    guide = (PROJECT_ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    notes = " ".join(guide.split("### 10 Capstone")[1].split("\n## ")[0].split())
    cancers = int((split.y_later == 1).sum())
    for quoted in (f"who falls below {rule_out:.3f}",
                   f"a sensitivity of {later.sensitivity.value:.3f} on only {cancers} cancers",
                   f"lower end (about {later.sensitivity.low:.2f})"):  # fmt: skip
        assert quoted in notes, quoted
