"""The taught model's model card, generated from the figures the package computes.

A model card says in one page what a model is for, what it was trained and tested on, how well
it did (every figure with its 95% interval), how it held up when something changed, and what
it cannot tell. Here every figure comes from the run itself: the test women's figures from
``shift.performance``, the cross-validated ones from ``validation.nested_cv`` and
``validation.repeated_cv`` (the calls lessons 05 and 06 make, read back from the course's
store), the robustness findings from ``shift`` (lesson 08). Change the model or the data and
the card changes with them.

    >>> from bcc_teach import report, shift
    >>> taught = shift.taught_model()
    >>> card = report.model_card(taught)
    >>> card.test.sensitivity == taught.performance().sensitivity
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import data, deploy, models, shift, validation
from bcc_teach.deploy.metadata import describe_model

if TYPE_CHECKING:
    import pandas as pd

#: Words that would name a demographic column (age, sex, ethnicity, …) in a table of cases.
DEMOGRAPHIC_WORDS = ("age", "sex", "gender", "ethnic", "race", "menopaus", "density", "bmi")
#: Where the Wisconsin data come from, and when (data/README.md, the data card).
CENTRE = "University of Wisconsin Hospitals, Madison"
PERIOD = "the early 1990s (the dates of the first and last woman are not given with WDBC)"
#: The sources the card cites.
SOURCES = (
    "Street WN, Wolberg WH, Mangasarian OL. Nuclear feature extraction for breast tumor "
    "diagnosis. IS&T/SPIE 1993 Electronic Imaging vol. 1905, 861–870 (the WDBC data).",
    "Lehman CD et al. National performance benchmarks for modern screening digital "
    "mammography. Radiology 2017;283:49–58 (the screening what-if).",
    "Collins GS et al. TRIPOD+AI statement. BMJ 2024;385:e078378 (what a report should hold).",
)


@dataclass(frozen=True)
class Finding:
    """One robustness finding: what changed (``topic``), the figure that shows what it did
    (``figure``, with its interval), and what it means for a clinic (``meaning``)."""

    topic: str
    figure: str
    meaning: str


@dataclass(frozen=True, eq=False)
class ModelCard:
    """The model card (``model_card`` makes it): the model and its threshold, its intended
    use, the women it was built and tested on (and the demographic columns the data hold:
    none for WDBC), its figures on the test women (``test``, ``shift.Performance``) and in
    cross-validation (``nested``, ``cross_validation``), by nuclear size (``size_groups``),
    under change (``robustness``), its ``limitations``, and the evaluations on women from
    elsewhere (``external_validation``: none). ``trained_on`` and ``fingerprint`` come from a
    saved model file, when one is given."""

    model: str
    threshold: float
    intended_use: str
    n_women: int
    n_malignant: int
    n_train: int
    n_train_malignant: int
    n_test: int
    n_test_malignant: int
    demographics: tuple[str, ...]
    test: shift.Performance
    nested: validation.NestedCV
    cross_validation: validation.RepeatedCV
    size_groups: shift.Subgroups
    robustness: tuple[Finding, ...]
    limitations: tuple[str, ...]
    external_validation: tuple[str, ...] = ()
    trained_on: str | None = None
    fingerprint: str | None = None

    def performance_table(self) -> pd.DataFrame:
        """Each figure with its 95% interval, the women it was counted on and how
        (malignant = positive)."""
        import pandas as pd

        t, cv, nested = self.test, self.cross_validation, self.nested
        with_cancer = f"{t.sensitivity.total} test women with cancer"
        without = f"{t.specificity.total} test women without cancer"
        test_women = f"{self.n_test} test women ({self.n_test_malignant} with cancer)"
        all_women = f"all {self.n_women} women, out of fold"
        rows = [
            ("sensitivity at the threshold", t.sensitivity.words(3), with_cancer, "Wilson"),
            ("specificity at the threshold", t.specificity.words(3), without, "Wilson"),
            ("AUC", t.auc.words(3), test_women, t.auc.method),
            ("calibration intercept (ideal 0)", t.intercept.words(2), test_women,
             t.intercept.method),
            ("calibration slope (ideal 1)", t.slope.words(2), test_women, t.slope.method),
            ("sensitivity, threshold chosen inside each fold", nested.rate("sensitivity").words(3),
             all_women, "nested CV; Wilson"),
            ("specificity, threshold chosen inside each fold", nested.rate("specificity").words(3),
             all_women, "nested CV; Wilson"),
            ("AUC", cv.intervals["auc"].words(3), all_women,
             f"{cv.repeats} × {cv.folds}-fold CV; {cv.intervals['auc'].method}"),
            ("Brier score (0 is perfect)", cv.intervals["brier"].words(3), all_women,
             f"{cv.repeats} × {cv.folds}-fold CV; {cv.intervals['brier'].method}"),
        ]  # fmt: skip
        table = pd.DataFrame(rows, columns=["figure", "value (95% CI)", "counted on", "interval"])
        table.index = pd.RangeIndex(1, len(rows) + 1, name=f"malignant = positive; threshold "
                                    f"{self.threshold:.3f}")  # fmt: skip
        return table

    def markdown(self) -> str:
        """The card as Markdown, to show in a notebook or to print."""
        version = (
            f"Saved model file trained on {self.trained_on}; fingerprint `{self.fingerprint}`."
            if self.fingerprint
            else "Not a saved model file yet: save it with `deploy.save_model` to give it a "
            "fingerprint to publish."
        )
        demographics = ", ".join(self.demographics) or "none"
        lines = [
            "# Model card: the bcc_teach taught model",
            "",
            f"**Model.** {self.model}; flags a case when its probability of malignancy is at or "
            f"above {self.threshold:.3f} (the rule-out threshold, chosen on the training women). "
            f"{version}",
            "",
            "## Intended use",
            "",
            self.intended_use,
            "",
            "Decision support, not a diagnosis. Not for screening, not as the only test, and "
            "not at another centre before its performance there has been checked on local women.",
            "",
            "## Data",
            "",
            f"WDBC (Wisconsin Diagnostic Breast Cancer): {self.n_women} women with a breast lump "
            f"that was sampled by fine-needle aspiration, {self.n_malignant} with cancer, at one "
            f"centre ({CENTRE}), {PERIOD}. Each case is 30 measurements of the cell nuclei in a "
            "digitised image of the aspirate. The outcome is the Wisconsin team's recorded "
            "diagnosis (benign or malignant).",
            "",
            f"Demographic columns in the data: {demographics}. There is no age, ethnicity, "
            "menopausal status or breast density, so nothing can be said about how the model "
            "behaves in different groups of women.",
            "",
            f"Split: {self.n_train} training women ({self.n_train_malignant} with cancer) to fit "
            f"the model and choose its threshold; {self.n_test} test women "
            f"({self.n_test_malignant} with cancer), kept aside and looked at once, at the end.",
            "",
            "## Performance (malignant = positive)",
            "",
            *_markdown_table(self.performance_table()),
            "",
            "By nuclear size (nested cross-validation: each woman called at the threshold chosen "
            "inside her fold). The data allow no subgroups by age or ethnicity.",
            "",
            *_subgroup_lines(self.size_groups),
            "",
            "## Robustness",
            "",
            *(f"- **{f.topic}**: {f.figure}. {f.meaning}." for f in self.robustness),
            "",
            "## Limitations",
            "",
            *(f"- {item}" for item in self.limitations),
            "",
            "## Sources",
            "",
            *(f"- {source}" for source in SOURCES),
        ]
        return "\n".join(lines) + "\n"


def _is_demographic(column: str) -> bool:
    """Whether a column's name says it holds a demographic (``age_years``, ``ethnicity``)."""
    return any(part.startswith(DEMOGRAPHIC_WORDS) for part in column.lower().split("_"))


def _markdown_table(table: pd.DataFrame) -> list[str]:
    header = ["", *table.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for number, row in table.iterrows():
        lines.append("| " + " | ".join([str(number), *map(str, row)]) + " |")
    return lines


def _subgroup_lines(groups: shift.Subgroups) -> list[str]:
    lines = []
    for name, (sens, spec) in groups.rates.items():
        caution = groups.table.loc[name, "caution"]
        lines.append(
            f"- {name}: sensitivity {sens.value:.2f} (95% CI {sens.interval(2)}; {sens.counted()} "
            f"with cancer flagged), specificity {spec.value:.2f} (95% CI {spec.interval(2)}; "
            f"{spec.counted()} benign not flagged)" + (f"; {caution}" if caution else "")
        )
    return lines


def robustness_findings(
    taught: shift.Taught, warning: shift.OODWarning | None = None, test=None
) -> tuple[Finding, ...]:
    """What lesson 08 found when something changed, each finding with its figure: a setting
    with fewer cancers, another scanner (magnification 0.8; blur of 2 pixels; on SYNTHETIC
    images), and how often the out-of-distribution warning fires on ordinary new women.

    >>> from bcc_teach import shift
    >>> findings = robustness_findings(shift.taught_model())
    >>> [f.topic.split(":")[0] for f in findings][:2]
    ['A setting with fewer cancers', 'Another scanner']
    """
    test = taught.performance() if test is None else test
    warning = shift.fit_ood_warning(taught.X_train) if warning is None else warning
    p = taught.probabilities()
    shifted = shift.prevalence_shift(taught.y_test, p, taught.threshold).table
    clinic, screening = shifted.index[0], shifted.index[-1]
    factors = shift.imaging_factors()  # stored with the course: measured on synthetic images
    smaller = shift.scenario(taught, warning, factors, magnification=0.8)
    blurred = shift.scenario(taught, warning, factors, focus=2.0)
    ordinary = warning.check(taught.X_test).rate()
    before = test.sensitivity.words(3)
    return (
        Finding(
            f"A setting with fewer cancers: {screening}",
            f"PPV {shifted.loc[screening, 'PPV']} against {shifted.loc[clinic, 'PPV']} in the "
            f"{clinic}, each with the range the test intervals allow; sensitivity the same, "
            f"{shifted.loc[screening, 'sensitivity']}",
            "PPV and the probabilities do not carry over: there the average probability would "
            f"be {shifted.loc[screening, 'average probability']:.3f} where "
            f"{shifted.loc[screening, 'women with cancer']:.4f} of the women have cancer. "
            "Recalibrate on local women first; and this model is not a screening test",
        ),
        Finding(
            "Another scanner: magnification 0.8 (synthetic images)",
            f"sensitivity {smaller.sensitivity.words(3)} against {before}; the "
            f"out-of-distribution warning fired on {smaller.warning.rate().counted()} women",
            "A smaller magnification hides cancers and the warning does not see it: re-measure "
            "with a calibration slide, or recalibrate on local women, before trusting the model",
        ),
        Finding(
            "Another scanner: out of focus by 2 pixels (synthetic images)",
            f"sensitivity {blurred.sensitivity.words(3)} against {before}; the warning fired "
            f"on {blurred.warning.rate().counted()} women",
            "Blur is caught by the warning, which says 'do not trust this number', not 'malignant'",
        ),
        Finding(
            "Ordinary new women: the test women as measured in Wisconsin",
            f"the warning fired on {ordinary.counted()} women, {ordinary.words(3)}",
            "A few ordinary women look unusual to the warning; they need a second look at the "
            "measurements, not a diagnosis",
        ),
    )


def _limitations(card_figures: dict) -> tuple[str, ...]:
    return (
        f"One centre, one period, {card_figures['n_women']} women: every figure has a wide "
        f"interval (the test sensitivity of {card_figures['sensitivity']} comes from "
        f"{card_figures['cancers']} cancers).",
        "No demographics: whether the model works as well for women of every age and "
        "ethnicity cannot be checked (no fairness analysis is possible).",
        "No external validation: the test women are a random quarter of the same women, not "
        "women from another centre or a later period.",
        "The outcome is the diagnosis the Wisconsin team recorded; how and when each diagnosis "
        "was confirmed is not recorded with the data.",
        "Images from early-1990s equipment, with nucleus outlines started by hand: another "
        "scanner, stain or operator shifts the measurements (see Robustness).",
        f"Calibration was checked on {card_figures['n_test']} test women only; the probability "
        "is read as a frequency only in a clinic like this one.",
        "LIME's reasons for one woman change somewhat from run to run: each report gives their "
        "stability.",
    )


def model_card(
    taught: shift.Taught | None = None,
    *,
    test: shift.Performance | None = None,
    warning: shift.OODWarning | None = None,
    model_file=None,
) -> ModelCard:
    """The taught model's card, from the figures the package computes on this run.

    ``taught``: the taught model (``shift.taught_model()`` if none); ``test``: its figures on
    the test women (``taught.performance()`` if none); ``warning``: the fitted
    out-of-distribution warning (fitted on the training women if none); ``model_file``: the
    saved model (``deploy.save_model`` or ``deploy.load_model``), for its date and fingerprint.
    The cross-validated figures are the calls lessons 05 and 06 make (stored with the course,
    so they are read back in a moment).

    >>> card = model_card()
    >>> card.demographics, card.external_validation
    ((), ())
    """
    if model_file is not None and not isinstance(
        model_file, deploy.LoadedModel | deploy.SavedModel
    ):
        raise TypeError(
            "model_file must be what deploy.save_model or deploy.load_model returned; got "
            f"{type(model_file).__name__}."
        )
    taught = shift.taught_model() if taught is None else taught
    test = taught.performance() if test is None else test
    X, y = data.load_wdbc_xy()
    # the calls of lessons 06 and 05, read back from the course's store
    nested = validation.nested_cv(models.make_model("logistic_regression"), X, y,
                                  show_progress=False)  # fmt: skip
    repeated = validation.repeated_cv(models.reference_model(), X, y, folds=10, repeats=2,
                                      random_state=0, show_progress=False)  # fmt: skip
    sizes = shift.subgroups(y, nested.flagged(), shift.size_groups(X))
    columns = [str(c) for c in data.load_wdbc().columns]
    demographics = tuple(c for c in columns if _is_demographic(c))
    info = None if model_file is None else model_file.info
    figures = {"n_women": len(y), "sensitivity": test.sensitivity.words(3),
               "cancers": test.sensitivity.total, "n_test": test.n}  # fmt: skip
    return ModelCard(
        model=describe_model(taught.model) if info is None else info.model,
        threshold=taught.threshold,
        intended_use=deploy.INTENDED_USE if info is None else info.intended_use,
        n_women=len(y),
        n_malignant=int(y.sum()),
        n_train=len(taught.y_train),
        n_train_malignant=int(taught.y_train.sum()),
        n_test=len(taught.y_test),
        n_test_malignant=int(taught.y_test.sum()),
        demographics=demographics,
        test=test,
        nested=nested,
        cross_validation=repeated,
        size_groups=sizes,
        robustness=robustness_findings(taught, warning, test),
        limitations=_limitations(figures),
        trained_on=None if info is None else info.trained_on,
        fingerprint=None if model_file is None else model_file.fingerprint,
    )
