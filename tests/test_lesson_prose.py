"""Figures a lesson's prose repeats, checked against the package that computes them.

A lesson's Markdown cannot be an f-string, so each figure it quotes is recomputed here: if a
library upgrade or a change to the data moves a number, the sentence that quotes it fails.
"""

from __future__ import annotations

import re
from functools import cache

import nbformat
import pytest

from bcc_teach import data, metrics, models
from bcc_teach._paths import PROJECT_ROOT

NUMBER_WORDS = {1: "one", 4: "four", 9: "nine", 19: "nineteen"}


@cache
def prose(notebook: str) -> str:
    """All Markdown of a notebook, with blockquote marks and line breaks folded to spaces."""
    nb = nbformat.read(PROJECT_ROOT / "notebooks" / notebook, as_version=4)
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = re.sub(r"^> ?", "", text, flags=re.MULTILINE)
    return re.sub(r"\s+", " ", text)


def says(notebook: str, *phrases: str) -> None:
    text = prose(notebook)
    for phrase in phrases:
        assert re.sub(r"\s+", " ", phrase) in text, f"{notebook} should say: {phrase!r}"


@cache
def lesson04():
    """Lesson 04's reference model, its test and cross-validated probabilities, and thresholds."""
    X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    model = models.reference_model().fit(X_train, y_train)
    p = models.probability_malignant(model, X_test)
    p_cv = models.cross_validated_probabilities(models.reference_model(), X_train, y_train)
    rule_out = metrics.rule_out_threshold(models.reference_model(), X_train, y_train)
    return y_train, y_test, p, p_cv, rule_out


def pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def test_lesson04_quotes_the_test_figures_at_0_5_with_their_intervals():
    _, y_test, p, _, _ = lesson04()
    m = metrics.clinical_metrics(y_test, p, 0.5)
    c = m.counts
    missed = metrics.rate(c.fn, c.tp + c.fn)
    no_false_alarm = metrics.rate(c.fp, c.fp + c.tn)
    says(
        "04_clinical_metrics.ipynb",
        f"Of the {c.tp + c.fn} women with cancer among the test cases, the model flagged {c.tp} "
        f"and missed {c.fn}; none of the {c.tn} women",
        f"about {metrics.per_thousand(y_test, p, 0.5).missed_cancers:.0f} would have their cancer",
        f"anywhere from about {pct(missed.low)} to {pct(missed.high)} of cancers",
        f"A sensitivity of 0.96 (95% CI {m.interval('sensitivity').interval()})",
        f"1 woman with cancer in {(c.tp + c.fn) / c.fn:.0f} is sent home",
        f"Its interval reaches down to {m.interval('specificity').low:.2f}",
        f"could be up to about {pct(no_false_alarm.high)}",
    )
    assert m.sensitivity == pytest.approx(0.96, abs=0.005)


def test_lesson04_quotes_the_exchange_rates_and_the_training_trade_off():
    y_train, _, _, p_cv, _ = lesson04()
    rates = {t: round(metrics.exchange_rate(t)) for t in (0.5, 0.1, 0.05)}
    says(
        "04_clinical_metrics.ipynb",
        f"the default of 0.5 says one cancer is worth {NUMBER_WORDS[rates[0.5]]} unnecessary",
        f"0.1 says {NUMBER_WORDS[rates[0.1]]}; 0.05 says {NUMBER_WORDS[rates[0.05]]}",
        f"splits the {len(y_train)} training cases into five parts",
    )
    per = {t: metrics.per_thousand(y_train, p_cv, t) for t in (0.5, 0.1, 0.7)}
    says(
        "04_clinical_metrics.ipynb",
        f"a threshold of 0.5 misses about {per[0.5].missed_cancers:.0f} cancers and sends about "
        f"{per[0.5].unnecessary_biopsies:.0f} women",
        f"Lowering it to 0.1 misses about {per[0.1].missed_cancers:.0f} and sends about "
        f"{per[0.1].unnecessary_biopsies:.0f}",
        f"Raising it to 0.7 misses about {per[0.7].missed_cancers:.0f}",
    )


def test_lesson04_judges_the_rule_out_threshold_by_the_risk_below_it():
    y_train, y_test, p, p_cv, rule_out = lesson04()
    training = metrics.clinical_metrics(y_train, p_cv, rule_out).risk_if_benign()
    test = metrics.clinical_metrics(y_test, p, rule_out).risk_if_benign()
    assert test.count == 0
    says(
        "04_clinical_metrics.ipynb",
        f"Below the threshold, {training.count} of the {training.total} training women and none "
        f"of the {test.total} test women had cancer",
        f"the upper ends of the intervals ({training.high:.1%} and {test.high:.1%}) are above it",
        "at most 2% (ACR BI-RADS Atlas, 5th ed., 2013)",
    )
    assert training.high > metrics.PROBABLY_BENIGN_RISK > training.value


def test_lesson04_quotes_what_the_rule_out_threshold_costs():
    _, y_test, p, _, rule_out = lesson04()
    at_half, low = metrics.per_thousand(y_test, p, 0.5), metrics.per_thousand(y_test, p, rule_out)
    found = at_half.missed_cancers - low.missed_cancers
    biopsies = low.unnecessary_biopsies - at_half.unnecessary_biopsies
    none_missed = metrics.rate(0, int(y_test.sum()))
    says(
        "04_clinical_metrics.ipynb",
        f"would find about {found:.0f} more cancers than a threshold of 0.5, at the price of about "
        f"{biopsies:.0f} more biopsies",
        f"about {biopsies / found:.0f} biopsies for each extra cancer found (less than the "
        f"{metrics.exchange_rate(rule_out):.0f} its exchange rate would accept)",
        f"compatible with missing up to about {pct(none_missed.high)} of cancers (the rule of "
        f"three says about {pct(3 / none_missed.total)})",
    )


def test_lesson04_quotes_the_settings_and_their_natural_frequencies():
    _, y_test, p, _, rule_out = lesson04()
    ruled = metrics.clinical_metrics(y_test, p, rule_out)
    sens, spec = ruled.interval("sensitivity"), ruled.interval("specificity")
    clinic = metrics.in_setting(sens, spec, "diagnostic clinic")
    screening = metrics.in_setting(sens, spec, "screening population")
    c, s = clinic.frequencies, screening.frequencies
    says(
        "04_clinical_metrics.ipynb",
        f"in the diagnostic clinic, {c.found + c.false_alarms} are flagged and {c.found} of them",
        f"{s.found + s.false_alarms} would be flagged and only {s.found} of them have cancer",
        f"{s.false_alarms} women would have a biopsy they did not need",
        f"the NPV could be as low as {clinic.npv_range[0]:.2f}, that is, up to 1 woman in "
        f"{1 / (1 - clinic.npv_range[0]):.0f} called benign",
        f"about {s.with_cancer} have cancer; the test flags all {s.found}, and {s.false_alarms} "
        f"women without cancer as well. So of the {s.found + s.false_alarms} women flagged",
        f"missing up to about {metrics.whole_women(10 * screening.missed_range[1])} cancers in "
        "every 10,000 women screened",
        "where about 6 in 1,000 women have cancer",
    )
    assert s.found == s.with_cancer and round(1000 * screening.prevalence) == 6
    # the settings' figures, as the lesson words them (Lehman et al. 2017)
    says(
        "04_clinical_metrics.ipynb",
        "only 4.4% have cancer",
        f"{metrics.PREVALENCE_SETTINGS['biopsy after recall'][0]:.1%} have cancer",
        "screening detects 5.1 cancers per 1,000 mammograms and misses about 0.8 per 1,000 more",
        f"about {1000 * metrics.PREVALENCE_SETTINGS['screening population'][0]:.1f} per 1,000",
        "the share of the physicians' **estimates** that were correct",
    )


def test_lesson03_quotes_the_screening_baseline_and_the_auc_difference():
    X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    aucs = [
        metrics.roc_points(y_test, models.probability_malignant(fitted, X_test)).auc
        for fitted in (
            models.reference_model().fit(X_train, y_train),
            models.make_model("random_forest").fit(X_train, y_train),
        )
    ]
    cancers, benign = int(y_test.sum()), int((y_test == 0).sum())
    screening = metrics.PREVALENCE_SETTINGS["screening population"][0]
    says(
        "03_first_model.ipynb",
        f"of the {cancers * benign:,} pairs of one woman with cancer and one without "
        f"({cancers} × {benign}), the forest puts about "
        f"{round((aucs[0] - aucs[1]) * cancers * benign, -1):.0f} more in the wrong order",
        f"where about {1000 * screening:.0f} in 1,000 women have cancer",
        f"would be {1 - screening:.1%} accurate",
        "nobody has checked that yet for this model",
    )


def test_lesson01_compares_the_clinic_with_screening_in_true_figures():
    clinic = metrics.PREVALENCE_SETTINGS["diagnostic clinic"][0]
    screening = metrics.PREVALENCE_SETTINGS["screening population"][0]
    ppv_here = metrics.predictive_values(0.95, 0.95, clinic).ppv
    ppv_screening = metrics.predictive_values(0.95, 0.95, screening).ppv
    says(
        "01_meet_the_data.ipynb",
        f"Of 1,000 women like these, about {1000 * clinic:.0f} had cancer",
        f"about {1000 * screening:.0f} have cancer: roughly {round(clinic / screening, -1):.0f} "
        "times fewer",
        f'right about {100 * ppv_here:.0f} times in 100 when it says "malignant" here, but only '
        f"about {100 * ppv_screening:.0f} times in 100 if it were used in screening",
        "5.1 cancers per 1,000 screens, and about 0.8 per 1,000 more",
        f"about {1000 * screening:.1f} per 1,000 women screened have cancer",
        "**recorded diagnosis**",
        "not a screening test",
    )
    card = re.sub(r"\s+", " ", (PROJECT_ROOT / "data" / "README.md").read_text(encoding="utf-8"))
    assert f"about {1000 * screening:.1f} per 1,000 have cancer" in card  # the data card agrees
    assert "referral population" not in card.lower()  # the source says only "a breast mass"


def test_lesson07_says_what_the_1993_plane_and_w331_really_show():
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    three = ["area_worst", "smoothness_worst", "texture_mean"]
    plane = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000, random_state=0))
    plane_threshold = metrics.rule_out_threshold(plane, X_train[three], y_train)
    threshold = metrics.rule_out_threshold(models.reference_model(), X_train, y_train)
    p = models.probability_malignant(models.reference_model().fit(X_train, y_train), X_test)
    p_plane = models.probability_malignant(plane.fit(X_train[three], y_train), X_test[three])
    cv = [
        roc_auc_score(y_train, models.cross_validated_probabilities(model, X, y_train))
        for model, X in ((models.reference_model(), X_train), (plane, X_train[three]))
    ]
    assert cv[0] > cv[1]  # "there the 30-feature model ranks women slightly better"
    alarms = [
        metrics.confusion(y_test, probs, cut).fp
        for probs, cut in ((p_plane, plane_threshold), (p, threshold))
    ]
    says(
        "07_explaining_with_lime.ipynb",
        f"at the price of more false alarms ({alarms[0]} against {alarms[1]})",
        "scored on **all 569 cases**",
        "diagnosed 176 consecutive new patients correctly",
        "there the 30-feature model ranks women slightly better",
    )
    # W331: her worst concave points are above every benign training case
    benign_max = X_train.loc[y_train == 0, "concave_points_worst"].max()
    assert X_test.loc["W331", "concave_points_worst"] > benign_max
    says(
        "07_explaining_with_lime.ipynb",
        "need not be her largest nuclei) are above every benign case it learned from",
        "the list shows her recorded diagnosis",
    )
    assert "largest nuclei:" not in prose("07_explaining_with_lime.ipynb")


#: Words a clinician would object to: one test rules nothing out in triple assessment, and the
#: label is the recorded diagnosis, not a biopsy result (GUIDE, "Clinical truth").
OVERCLAIMS = re.compile(
    r"\bruled\s+out\b|\bcan\s+be\s+reassured\b|\bbiopsy\s+result\b"
    r"|\bbiopsy:\s+\{?(malignant|benign|biopsy)",
    re.IGNORECASE,
)


def test_no_notebook_or_question_overclaims():
    files = [
        *sorted(PROJECT_ROOT.glob("notebooks/*.ipynb")),
        *sorted(PROJECT_ROOT.glob("solutions/*.ipynb")),
        *sorted(PROJECT_ROOT.glob("bcc_teach/questions/*.py")),
        *sorted(PROJECT_ROOT.glob("bcc_teach/widgets/*.py")),
        PROJECT_ROOT / "README.md",
        PROJECT_ROOT / "data" / "README.md",
    ]
    found = []
    for path in files:
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            text = "\n".join(c.source for c in nb.cells)
        else:
            text = path.read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"^\s*(> ?|# ?)", "", text, flags=re.MULTILINE))
        found += [f"{path.name}: {m.group(0)!r}" for m in OVERCLAIMS.finditer(text)]
    assert not found, found


@cache
def lesson05():
    """Lesson 05's repeated cross-validation of the reference model and its checks."""
    from bcc_teach import validation

    X, y = data.load_wdbc_xy()
    cv = validation.repeated_cv(models.reference_model(), X, y, folds=10, repeats=2,
                                random_state=0, show_progress=False)  # fmt: skip
    check = validation.calibration(cv.y, cv.probabilities[0])
    curve = validation.decision_curve(cv.y, cv.probabilities[0])
    return X, y, cv, check, curve


def test_lesson05_quotes_its_figures():
    from bcc_teach import validation

    X, y, cv, check, curve = lesson05()
    spread = validation.split_spread(models.reference_model(), X, y, splits=100,
                                     show_progress=False).table().loc["sensitivity"]  # fmt: skip
    assert round(1 / (1 - spread["lowest"])) == 8 and spread["highest"] == 1.0
    says(
        "05_honest_validation.ipynb",
        "misses about 1 cancer in 8, and another that it misses none",
        f"moves the sensitivity by almost {100 / 53:.0f} points",
        f"it counts the {int(y.sum())} women with cancer for sensitivity, the "
        f"{int((y == 0).sum())}",
        "with an interval that says the true figure could be a few points lower or higher",
    )
    prospective = metrics.rate(176, 176)
    assert round(100 * (1 - prospective.low)) == 2
    says(
        "05_honest_validation.ipynb",
        "misdiagnosing up to about 2 in 100 women like them",
        "pooled a sensitivity of 0.927 (95% CI 0.921 to 0.933)",
        "a specificity of 0.948 (95% CI 0.943 to 0.952)",
        "11 studies gave 0.920 and 0.768",
        '"correctly diagnosed 176 consecutive new patients as of November 1995"',
        "reported an accuracy of 97.5%",
    )
    middle = check.curve[(check.curve["mean probability"] > 0.1)
                         & (check.curve["mean probability"] < 0.9)]["women"].sum()  # fmt: skip
    assert 20 <= middle <= 80 and check.slope.contains(1.0)
    says("05_honest_validation.ipynb", "only a few dozen of the 569", "slope's interval includes 1")
    gains = curve.table().loc[[0.02, 0.05, 0.1, 0.2], "model's gain per 100 women"]
    assert (gains > 0).all() and gains.is_monotonic_increasing
    assert round(100 * curve.prevalence) == 37
    says(
        "05_honest_validation.ipynb",
        f"from about 0.02 ({metrics.exchange_rate(0.02):.0f} unnecessary biopsies",
        f"to 0.2 ({metrics.exchange_rate(0.2):.0f})",
        "Of 100 women like these, 37 have cancer",
        f"flagging at 0.1 accepts {metrics.exchange_rate(0.1):.0f} unnecessary",
    )
    X_train, _, y_train, _ = models.split(X, y)
    per_feature = y_train.sum() / X.shape[1]
    assert round(per_feature) == 5
    says(
        "05_honest_validation.ipynb",
        f"{int(y_train.sum())} training cancers for {X.shape[1]} features",
        "With about 5 cancers per feature",
    )
