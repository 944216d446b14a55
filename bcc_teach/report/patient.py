"""One woman's report: what the taught model says about her case, and how far to trust it.

``patient_report`` scores one case with the taught model and gathers everything the report
says into a ``PatientReport``: her pseudonym (never her hospital number), the probability of
malignancy with its uncertainty, the decision at the rule-out threshold and what it means in
triple assessment, the setting's prevalence with the PPV and NPV there, the LIME reasons with
their stability, the out-of-distribution warning, and the model's version. The record shows
itself as a web page (``.html()``), a one-page PDF (``.pdf(path)``) or plain text
(``.text()``); the words are written once, in ``report.wording``.

    >>> from bcc_teach import privacy, report, shift
    >>> taught = shift.taught_model()
    >>> key = bytes(range(32))   # a demonstration key; make a real one with privacy.make_key
    >>> result = report.patient_report(taught.X_test.loc["W469"], 842302, key, taught=taught,
    ...                                seeds=[0, 1], n_refits=50)
    >>> result.pseudonym == privacy.pseudonym(842302, key), result.flagged
    (True, True)
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach import deploy, explain, inputs, metrics, privacy, shift, validation
from bcc_teach.deploy.metadata import describe_model
from bcc_teach.report import wording
from bcc_teach.report.uncertainty import ProbabilityInterval, probability_interval

if TYPE_CHECKING:
    import pandas as pd

#: How far a precomputed explanation's probability may differ from the model's and still be
#: taken as hers (LIME asks the same model, so the two agree to rounding).
_SAME_PROBABILITY = 1e-9


@dataclass(frozen=True, eq=False)
class PatientReport:
    """What one woman's report says (``patient_report`` makes it).

    ``pseudonym``: her keyed pseudonym (``privacy.pseudonym``); ``case_label``: the label of her
    row in the course's tables (e.g. ``W469``), never her hospital number; ``probability``: the
    model's probability of malignancy as a ``validation.Estimate`` whose interval is the middle
    95% of refits on resampled training women (``refits`` of them, on ``n_train`` women);
    ``threshold`` and ``flagged`` (at or above it: not ruled out); ``setting``: the setting's
    prevalence, PPV and NPV with the ranges the test intervals allow (``metrics.InSetting``);
    ``performance``: the model's figures on the test women (``shift.Performance``), whose
    calibration is what lets the probability be read as a frequency; ``reasons``: LIME's table
    (condition, feature, weight, towards) with its ``local_r2`` and ``stability``
    (``explain.StabilityReport``); ``warned`` and ``warning``: the out-of-distribution check
    and why it fired ("" if it did not); ``model``, ``trained_on``, ``fingerprint``: which
    model (the date and fingerprint when it came from a saved model file, else None).
    """

    pseudonym: str
    case_label: str
    probability: validation.Estimate
    refits: int
    n_train: int
    threshold: float
    flagged: bool
    setting: metrics.InSetting
    performance: shift.Performance
    reasons: pd.DataFrame
    local_r2: float
    stability: explain.StabilityReport
    warned: bool
    warning: str
    model: str
    trained_on: str | None = None
    fingerprint: str | None = None

    @property
    def calibration_checked(self) -> bool:
        """True when the test women's calibration is consistent with ideal: the intercept's
        95% interval holds 0 and the slope's holds 1 (so the probability may be read as a
        frequency, in a setting like the one it was checked in)."""
        intercept, slope = self.performance.intercept, self.performance.slope
        if any(math.isnan(v) for v in (intercept.low, intercept.high, slope.low, slope.high)):
            return False
        return intercept.contains(0.0) and slope.contains(1.0)

    def sections(self) -> tuple[wording.Section, ...]:
        """The report's sections, each a heading and its paragraphs (``wording.Section``)."""
        return wording.sections(self)

    def text(self) -> str:
        """The whole report as plain text (headings underlined), e.g. to ``print``. It ends
        with the words every report carries: ``wording.NOT_A_DIAGNOSIS``."""
        return wording.plain_text(self)

    def html(self) -> str:
        """The report as one self-contained web page: no scripts, no links, nothing fetched;
        every text escaped. Save it with ``Path("report.html").write_text(r.html())``."""
        from bcc_teach.report import html_page

        return html_page.render(self)

    def pdf(self, path: str | Path, overwrite: bool = False) -> Path:
        """Draw the report on one A4 page (matplotlib) and save it as a PDF at ``path``; the
        same report gives the same bytes every time (no date stamped in the file). An
        existing file is never replaced unless ``overwrite=True``."""
        from bcc_teach.report import pdf_page

        return pdf_page.render(self, path, overwrite)


def _id_text(patient_id: object) -> str:
    """Her id as text, as a pseudonym reads it (1234567 and 1234567.0 are the same id)."""
    if isinstance(patient_id, numbers.Real) and not isinstance(patient_id, bool):
        if float(patient_id).is_integer():
            return str(int(patient_id))
    return str(patient_id).strip()


def _check_label(label: str, patient_id: object) -> None:
    """Refuse a row label that carries her hospital number: it would be printed on the report."""
    raw = _id_text(patient_id)
    if privacy.find_raw_ids(label, {raw}) or (not raw.isdigit() and raw and raw in label):
        raise privacy.PrivacyError(
            "The case's row label contains her hospital number, and the report prints the "
            "label. Label the rows with the course's case ids (e.g. W469) or with pseudonyms "
            "before reporting: X.index = pseudonyms."
        )


def _model_file_facts(model_file, taught: shift.Taught, frame, probability: float) -> tuple:
    """The description, date of training and fingerprint of a saved model, after checking that
    it is the model that scored her (same threshold and, when loaded, the same probability)."""
    if model_file is None:
        return describe_model(taught.model), None, None
    if not isinstance(model_file, deploy.LoadedModel | deploy.SavedModel):
        raise TypeError(
            "model_file must be what deploy.load_model (or deploy.save_model) returned; got "
            f"{type(model_file).__name__}."
        )
    info = model_file.info
    if not math.isclose(info.threshold, taught.threshold, rel_tol=0, abs_tol=1e-12):
        raise ValueError(
            f"The model file's threshold is {info.threshold:g}, the taught model's "
            f"{taught.threshold:g}: a report must name the model that made the call."
        )
    if isinstance(model_file, deploy.LoadedModel):
        saved = float(model_file.probability_malignant(frame)[0])
        if not math.isclose(saved, probability, rel_tol=0, abs_tol=1e-12):
            raise ValueError(
                f"The model file gives her a probability of {saved:.6f}, the taught model "
                f"{probability:.6f}: they are different models. Report the one you used."
            )
    return info.model, info.trained_on, model_file.fingerprint


def _explanation(explanation, explainer, taught, row, probability, seeds):
    if explanation is None:
        if explainer is None:
            explainer = explain.CaseExplainer(taught.model, taught.X_train, taught.y_train)
        return explainer.explain(row, seed=seeds[0]), explainer
    if not isinstance(explanation, explain.Explanation):
        raise TypeError(
            "explanation must be what explain.CaseExplainer(...).explain(case) returned; got "
            f"{type(explanation).__name__}."
        )
    if abs(explanation.probability - probability) > _SAME_PROBABILITY:
        raise ValueError(
            f"The explanation given is of a probability of {explanation.probability:.6f}, but "
            f"the model gives her {probability:.6f}: it explains another case or model."
        )
    return explanation, explainer


def _interval(interval, taught, frame, probability, n_refits, random_state):
    if interval is None:
        interval = probability_interval(taught.model, taught.X_train, taught.y_train, frame,
                                        n_refits=n_refits, random_state=random_state)  # fmt: skip
    if not isinstance(interval, ProbabilityInterval):
        raise TypeError(
            "interval must be what report.probability_interval(...) returned; got "
            f"{type(interval).__name__}."
        )
    estimate = interval.estimate(frame.index[0])
    if abs(estimate.value - probability) > _SAME_PROBABILITY:
        raise ValueError(
            f"The interval given is around a probability of {estimate.value:.6f}, but the "
            f"model gives her {probability:.6f}: it belongs to another case or model."
        )
    return estimate, interval


def patient_report(
    case,
    patient_id,
    key: bytes,
    *,
    taught: shift.Taught | None = None,
    setting="diagnostic clinic",
    model_file=None,
    explanation: explain.Explanation | None = None,
    stability: explain.StabilityReport | None = None,
    explainer: explain.CaseExplainer | None = None,
    interval: ProbabilityInterval | None = None,
    performance: shift.Performance | None = None,
    warning: shift.OODWarning | None = None,
    seeds=range(10),
    n_refits: int = 1000,
    random_state: int = 0,
) -> PatientReport:
    """Score one case with the taught model and gather what her report says.

    ``case``: her 30 measurements (a row of X, e.g. ``X_test.loc["W469"]``); ``patient_id``:
    her hospital number, used only to make her pseudonym with ``key`` (``privacy.read_key``)
    and never kept; ``taught``: the taught model (``shift.taught_model()`` if none);
    ``setting``: where she is seen, one of ``metrics.PREVALENCE_SETTINGS`` or a prevalence;
    ``model_file``: the saved model (``deploy.load_model``), whose date and fingerprint the
    report then names.

    The slow parts can be passed in when already computed (a lesson or a test computes them
    once): ``explanation`` (LIME, ``explainer.explain(case)``) and its ``stability``
    (``explain.stability``, over ``seeds``), ``interval`` (``report.probability_interval``,
    ``n_refits`` refits), ``performance`` (``taught.performance()``) and ``warning``
    (``shift.fit_ood_warning(taught.X_train)``). Each is checked to belong to her and to this
    model.

    >>> from bcc_teach import shift
    >>> taught = shift.taught_model()
    >>> r = patient_report(taught.X_test.loc["W222"], "H-0001", bytes(range(32)),
    ...                    taught=taught, seeds=[0, 1], n_refits=50)
    >>> r.flagged, "H-0001" in r.html()
    (False, False)
    """
    taught = shift.taught_model() if taught is None else taught
    if not isinstance(taught, shift.Taught):
        raise TypeError(f"taught must be shift.taught_model(); got {type(taught).__name__}.")
    pseudonym = privacy.pseudonym(patient_id, key)  # checks the id and the key
    row = inputs.check_case_row(case, list(taught.X_train.columns))
    label = str(row.name)
    _check_label(label, patient_id)
    frame = row.to_frame().T
    probability = float(taught.probabilities(frame)[0])
    model, trained_on, fingerprint = _model_file_facts(model_file, taught, frame, probability)
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must name at least one seed for LIME, e.g. seeds=range(10).")
    explanation, explainer = _explanation(explanation, explainer, taught, row, probability, seeds)
    if stability is None:
        if explainer is None:
            explainer = explain.CaseExplainer(taught.model, taught.X_train, taught.y_train)
        stability = explain.stability(explainer, row, seeds=seeds, k=len(explanation.table))
    estimate, interval = _interval(interval, taught, frame, probability, n_refits, random_state)
    performance = taught.performance() if performance is None else performance
    there = metrics.in_setting(performance.sensitivity, performance.specificity, setting)
    warning = shift.fit_ood_warning(taught.X_train) if warning is None else warning
    check = warning.check(frame)
    return PatientReport(
        pseudonym=pseudonym,
        case_label=label,
        probability=estimate,
        refits=interval.refits,
        n_train=interval.n_train,
        threshold=taught.threshold,
        flagged=probability >= taught.threshold,
        setting=there,
        performance=performance,
        reasons=explanation.table.copy(),
        local_r2=explanation.local_r2,
        stability=stability,
        warned=bool(check.warned.iloc[0]),
        warning=str(check.reasons().iloc[0]),
        model=model,
        trained_on=trained_on,
        fingerprint=fingerprint,
    )
