"""The words of a patient's report, written once for the web page, the PDF and plain text.

Every figure in a sentence comes from the ``PatientReport`` it describes, so a change to the
model or the data cannot leave the words behind. The sentences are for a clinician: each
technical term gets a plain gloss the first time it appears.

    >>> percent(0.2477), percent(0.00004), percent(0.99992)
    ('24.8%', 'less than 0.1%', 'more than 99.9%')
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bcc_teach import metrics

if TYPE_CHECKING:
    from bcc_teach.report.patient import PatientReport

TITLE = "Breast fine-needle aspirate: what the model says"
#: The words every report carries (GUIDE: the model supports a decision; it makes none).
NOT_A_DIAGNOSIS = "decision support, not a diagnosis"

#: The ten measurements of a nucleus outline, in a few plain words each.
_PLAIN_BASE = {
    "radius": "nuclear size",
    "texture": "unevenness of the staining",
    "perimeter": "length of the nuclear outline",
    "area": "nuclear area",
    "smoothness": "bumpiness of the outline",
    "compactness": "departure from a round shape",
    "concavity": "depth of the dents in the outline",
    "concave_points": "number of dents in the outline",
    "symmetry": "asymmetry of the nucleus",
    "fractal_dimension": "crinkliness of the outline",
}
#: How the image's nuclei were summarised, around the plain words of the measurement.
_PLAIN_STAT = {
    "mean": "{}, averaged over the nuclei",
    "se": "variation in {} from nucleus to nucleus",
    "worst": "{} in the most abnormal nuclei",
}


@dataclass(frozen=True)
class Section:
    """One part of the report: a ``heading``, its ``paragraphs``, and what kind it is
    (``"plain"``, ``"warning"`` to stand out, ``"reasons"`` where LIME's reasons are drawn;
    ``items`` then lists each reason in words, strongest first)."""

    heading: str
    paragraphs: tuple[str, ...]
    kind: str = "plain"
    items: tuple[str, ...] = field(default=())


def percent(p: float) -> str:
    """A probability as a percentage a clinician reads at a glance (one decimal; never a flat
    0% or 100%, which a model's probability never is)."""
    if p < 0.001:
        return "less than 0.1%"
    if p > 0.999:
        return "more than 99.9%"
    return f"{100 * p:.1f}%"


def frequency(p: float) -> str:
    """A probability as women out of a group: ``'about 25 in 100'``.

    >>> frequency(0.248), frequency(0.016), frequency(0.9999)
    ('about 25 in 100', 'about 16 in 1,000', 'almost all (more than 99 in 100)')
    """
    if p >= 0.995:
        return "almost all (more than 99 in 100)"
    if p >= 0.05:
        return f"about {metrics.whole_women(100 * p)} in 100"
    if p >= 0.0005:
        return f"about {metrics.whole_women(1000 * p)} in 1,000"
    return "fewer than 1 in 1,000"


def feature_words(feature: str) -> str:
    """One of the 30 features in plain words.

    >>> feature_words("area_worst")
    'nuclear area in the most abnormal nuclei'
    >>> feature_words("radius_se")
    'variation in nuclear size from nucleus to nucleus'
    """
    base, _, stat = feature.rpartition("_")
    if base not in _PLAIN_BASE or stat not in _PLAIN_STAT:
        return feature
    return _PLAIN_STAT[stat].format(_PLAIN_BASE[base])


def _estimate(estimate, ideal: str, digits: int = 2) -> str:
    """``'-0.21, ideal 0 (95% CI -1.18 to 0.76)'``: a calibration figure beside its ideal."""
    if math.isnan(estimate.value):
        return f"not estimable, ideal {ideal}"
    if math.isnan(estimate.low) or math.isnan(estimate.high):
        return f"{estimate.value:.{digits}f}, ideal {ideal}"
    return f"{estimate.value:.{digits}f}, ideal {ideal} (95% CI {estimate.interval(digits)})"


def _rate(rate, counted: str) -> str:
    """``'1.00 (95% CI 0.93 to 1.00; 53 of 53 cancers flagged)'``."""
    return f"{rate.value:.2f} (95% CI {rate.interval(2)}; {rate.counted()} {counted})"


def target_sensitivity() -> float:
    """The sensitivity the taught model's rule-out threshold is chosen to keep (the default of
    ``metrics.rule_out_threshold``, which ``shift.taught_model`` uses).

    >>> target_sensitivity()
    0.98
    """
    return inspect.signature(metrics.rule_out_threshold).parameters["target_sensitivity"].default


def _probability(r: PatientReport) -> Section:
    p = r.probability
    perf = r.performance
    paragraphs = [
        f"The model gives a probability of malignancy of {percent(p.value)}.",
        f"How firmly its training data pin this down: had the model been trained on another "
        f"sample of {r.n_train} women like its training women, her probability would have come "
        f"out between {percent(p.low)} and {percent(p.high)} (the middle 95% of {r.refits:,} "
        "such refits). This range is about the model's limited training data. It is not a range "
        "for her own chance of cancer, and it leaves out what differs at another clinic or "
        "scanner.",
    ]
    checked = (
        f"calibration intercept {_estimate(perf.intercept, '0')}; slope "
        f"{_estimate(perf.slope, '1')}"
    )
    if r.calibration_checked:
        paragraphs.append(
            f"Can it be read as a frequency? The probabilities were checked against the "
            f"diagnoses of {perf.n} test women ({checked}): consistent with probabilities that "
            "mean what they say, though a check on so few women is imprecise."
            + (
                " But the check was made on women like the training women, and the warning "
                "below says she is not like them: do not read her number as a frequency."
                if r.warned
                else f" So, in a clinic like the one the data come from, {frequency(p.value)} "
                "women with a result like hers would have cancer. Where cancer is more or less "
                "common, the same number means something else until the model is recalibrated "
                "on local women."
            )
        )
    else:
        paragraphs.append(
            f"Do not read it as a frequency: the check of the probabilities against the "
            f"diagnoses of {perf.n} test women ({checked}) does not support it. Read it as a "
            "ranking of risk, not as a number of women in 100."
        )
    return Section("Probability of malignancy", tuple(paragraphs))


def _risk_below(npv: float) -> str:
    return frequency(max(0.0, 1.0 - npv)).replace("about ", "")


def _decision(r: PatientReport) -> Section:
    s = r.setting
    rule = (
        f"The rule-out threshold is a probability of {percent(r.threshold)}: it was chosen on "
        "the training women (each scored by a model fitted without her) as the highest "
        f"probability that still caught {metrics.whole_women(100 * target_sensitivity())} in "
        "100 of their cancers."
    )
    if r.flagged:
        low, high = s.ppv_range
        heading = "Decision: at or above the rule-out threshold, so cancer is NOT ruled out"
        body = (
            f"Her probability ({percent(r.probability.value)}) is at or above the threshold. This "
            f"does not mean she has cancer: in this setting {frequency(s.ppv)} women flagged "
            f"like her have cancer (the positive predictive value, PPV: {s.ppv:.2f}, from "
            f"{low:.2f} to {high:.2f} within the 95% intervals of the test figures). In triple "
            "assessment (clinical examination, imaging and needle sampling) one test rules "
            "nothing in or out: her result is weighed with the other two, and a tissue "
            "diagnosis by core biopsy settles it."
        )
    else:
        worst = s.npv_range[0]
        heading = "Decision: below the rule-out threshold, so the model does not flag her"
        body = (
            f"Her probability ({percent(r.probability.value)}) is below the threshold. A result "
            "below it is judged by the risk among the women below it: in this setting "
            f"{_risk_below(s.npv)} women not flagged still have cancer (1 minus the negative "
            f"predictive value, NPV), and up to {_risk_below(worst)} within the 95% intervals "
            "of the test figures. In triple assessment one test rules nothing out: she is "
            "reassured only if the clinical examination and imaging are benign too. If any of "
            "the three is suspicious (discordant results), she goes on to core biopsy."
        )
    return Section(heading, (rule, body))


def _setting(r: PatientReport) -> Section:
    s, perf = r.setting, r.performance
    sens, spec = perf.sensitivity, perf.specificity
    (ppv_low, ppv_high), (npv_low, npv_high) = s.ppv_range, s.npv_range
    return Section(
        f"Where she is seen: {s.setting}",
        (
            f"Here {percent(s.prevalence)} of the women have cancer ({s.source}).",
            f"The model's figures on {perf.n} test women, with malignant as the positive class: "
            f"sensitivity {_rate(sens, 'cancers flagged')} and specificity "
            f"{_rate(spec, 'benign lumps not flagged')}. In this setting they "
            f"give a PPV of {s.ppv:.2f} (from {ppv_low:.2f} to {ppv_high:.2f}; of the women "
            f"flagged, the share with cancer) and an NPV of {s.npv:.3f} (from {npv_low:.3f} to "
            f"{npv_high:.3f}; of the women not flagged, the share without cancer). Sensitivity "
            "and specificity carry over to another setting; PPV and NPV do not.",
        ),
    )


def _stability_verdict(jaccard: float) -> str:
    if jaccard >= 0.8:
        return "The reasons are stable."
    if jaccard >= 0.6:
        return (
            "The reasons are only partly stable: trust the leading reasons more than their order."
        )
    return "The reasons are unstable: do not lean on them."


def reason_items(r: PatientReport) -> tuple[str, ...]:
    """Each LIME reason in words: its condition, a plain gloss, and which way it pushed."""
    return tuple(
        f"{row.condition}: {feature_words(row.feature)}; pushes towards {row.towards} "
        f"(weight {row.weight:+.3f})"
        for row in r.reasons.itertuples()
    )


def _reasons(r: PatientReport) -> Section:
    st = r.stability
    if st.seeds < 2:
        stable = "Their stability was not checked (LIME was run with one random start only)."
    else:
        stable = (
            f"Asked again with {st.seeds} different random starts, LIME named the same reasons "
            f"to a mean Jaccard index of {st.jaccard_mean:.2f} (the share of reasons two runs "
            "have in common out of all the reasons either named: 1 means the same every time; "
            f"the least alike pair scored {st.jaccard_min:.2f}), and {st.sign_agreement:.0%} of "
            "the reasons "
            f"always pushed the same way. {_stability_verdict(st.jaccard_mean)}"
        )
    return Section(
        "Why the model gave this number (LIME)",
        (
            "LIME explains one result by asking the model about many made-up cases like hers and "
            "fitting a simple model to its answers. The measurements that moved her probability "
            "most, strongest first:",
            stable,
            f"Near her case LIME's simple model matched the real model with an R² of "
            f"{r.local_r2:.2f} (1 = exactly, 0 = not at all). These reasons describe how the "
            "model reached its number, not the biology of her lump.",
        ),
        kind="reasons",
        items=reason_items(r),
    )


def _warning(r: PatientReport) -> Section:
    if r.warned:
        return Section(
            "Warning: do not trust this number",
            (
                f"Her measurements are unlike those of the {r.n_train} women the model learned "
                f"from: {r.warning}. (The distance measures how far her measurements lie from "
                "the training women's, allowing for how they vary together.)",
                "The model gives a number for any measurements, however unusual; here it has no "
                "experience to draw on. This warning is not a sign of cancer: unusual cases can "
                "be benign or malignant. Check the measurements and the image, and rely on the "
                "rest of triple assessment.",
            ),
            kind="warning",
        )
    return Section(
        "Is she like the women the model learned from?",
        (
            f"No warning: her measurements lie within the range of the {r.n_train} training "
            "women, one by one and taken together. The check cannot see every change: images "
            "taken at another magnification can shift the measurements without tripping it.",
        ),
    )


def _model(r: PatientReport) -> Section:
    if r.fingerprint:
        version = (
            f"From the saved model file trained on {r.trained_on}; fingerprint "
            f"{r.fingerprint[:16]}… (check it against the fingerprint published with the model)."
        )
    else:
        version = "Not read from a saved model file, so there is no fingerprint to check."
    return Section(
        "The model",
        (
            f"{r.model}, trained on {r.n_train} women from one centre (University of Wisconsin "
            f"Hospitals, Madison; images of the early 1990s). {version}",
            "A teaching model of the bcc_teach course: not for the care of real patients. Its "
            f"result is {NOT_A_DIAGNOSIS}.",
        ),
    )


def heading_lines(r: PatientReport) -> tuple[str, ...]:
    """The lines under the title: who the report is about, and what it is."""
    return (
        f"Patient (pseudonym): {r.pseudonym}    Case: {r.case_label}",
        f"Setting: {r.setting.setting}    Model result: {percent(r.probability.value)}",
        f"This is {NOT_A_DIAGNOSIS}.",
    )


def sections(r: PatientReport) -> tuple[Section, ...]:
    """The report's sections in order: probability, decision, setting, reasons, warning,
    model."""
    return (_probability(r), _decision(r), _setting(r), _reasons(r), _warning(r), _model(r))


def plain_text(r: PatientReport) -> str:
    """The whole report as plain text."""
    lines = [TITLE, "=" * len(TITLE), *heading_lines(r)]
    for section in sections(r):
        lines += ["", section.heading, "-" * len(section.heading)]
        for i, paragraph in enumerate(section.paragraphs):
            lines.append(paragraph)
            if section.kind == "reasons" and i == 0:
                lines += [f"  • {item}" for item in section.items]
    return "\n".join(lines) + "\n"
