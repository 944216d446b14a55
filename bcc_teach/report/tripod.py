"""A TRIPOD+AI checklist for the taught model, filled in from its model card.

TRIPOD+AI (Collins et al., BMJ 2024;385:e078378) lists what a report of a prediction model
should hold, whether it was built by regression or machine learning. A journal asks for it with
a paper; a procurement review asks much the same before buying a model. ``tripod_checklist``
takes a selection of its items and marks each from what the model card holds: reported (and
where), partly reported, missing (and why), or not applicable.

**The item numbers.** Each number and the topic it names were checked against the statement's
checklist (its table 2) as reproduced word for word in two independent public copies, which
agree item for item; the topics here are written in the course's own words. A row about
external validation has no number: TRIPOD+AI asks for a study to be reported fully, not for an
external validation, but a procurement review asks whether there was one.

    >>> from bcc_teach import report
    >>> checklist = report.tripod_checklist(report.model_card())
    >>> checklist.status("3c")
    'missing'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import data, metrics
from bcc_teach.report import wording
from bcc_teach.report.card import CENTRE, ModelCard

if TYPE_CHECKING:
    import pandas as pd

SOURCE = "TRIPOD+AI statement: Collins GS et al. BMJ 2024;385:e078378 (checklist, table 2)"
STATUSES = ("reported", "partly reported", "missing", "not applicable")


@dataclass(frozen=True)
class ChecklistItem:
    """One row: the TRIPOD+AI ``item`` number ("" for a row that is not an item of its own),
    its ``topic``, its ``status`` (one of ``STATUSES``), and ``where`` it is reported or why
    it is not."""

    item: str
    topic: str
    status: str
    where: str


@dataclass(frozen=True)
class Checklist:
    """The checklist's rows (``items``), in the statement's order."""

    items: tuple[ChecklistItem, ...]

    def status(self, item: str) -> str:
        """The status of one item, by its number (``"3c"``)."""
        for row in self.items:
            if row.item == item:
                return row.status
        numbers = ", ".join(row.item for row in self.items if row.item)
        raise KeyError(f"No item {item!r} in this checklist; it has {numbers}.")

    def missing(self) -> tuple[ChecklistItem, ...]:
        """The rows marked missing: what a journal or a procurement review would ask for."""
        return tuple(row for row in self.items if row.status == "missing")

    def table(self) -> pd.DataFrame:
        """One row per item: topic, status, and where it is reported or why not."""
        import pandas as pd

        table = pd.DataFrame(
            [(row.item or "—", row.topic, row.status, row.where) for row in self.items],
            columns=["item", "topic", "status", "where, or why not"],
        ).set_index("item")
        table.index.name = "TRIPOD+AI item"
        return table

    def markdown(self) -> str:
        """The checklist as a Markdown table, with its source."""
        lines = [
            "| TRIPOD+AI item | topic | status | where, or why not |",
            "|---|---|---|---|",
            *(
                f"| {row.item or '—'} | {row.topic} | **{row.status}** | {row.where} |"
                for row in self.items
            ),
            "",
            f"Source: {SOURCE}. Topics in the course's words; a selection of the items.",
        ]
        return "\n".join(lines) + "\n"


def _intervals_everywhere(card: ModelCard) -> bool:
    test = card.test
    figures = [test.sensitivity, test.specificity, test.auc, test.intercept, test.slope]
    figures += [card.nested.rate("sensitivity"), card.nested.rate("specificity")]
    figures += [card.cross_validation.intervals[name] for name in ("auc", "brier")]
    return all(math.isfinite(f.low) and math.isfinite(f.high) for f in figures)


def tripod_checklist(card: ModelCard) -> Checklist:
    """A selection of TRIPOD+AI items, each marked from what ``card`` (``model_card()``) holds.

    >>> from bcc_teach import report
    >>> [row.item for row in tripod_checklist(report.model_card()).missing()]
    ['3c', '14', '17', '19', '']
    """
    if not isinstance(card, ModelCard):
        raise TypeError(f"card must be report.model_card(); got {type(card).__name__}.")
    X, _ = data.load_wdbc_xy()
    missing_values = int(X.isna().sum().sum())
    demographics = ", ".join(card.demographics)
    no_demographics = "the data hold no demographics (age, ethnicity, …)"
    threshold_target = metrics.whole_women(100 * wording.target_sensitivity())
    rows = [
        ("3b", "Intended use: the women it is for, its place in the care pathway, its users",
         "reported", "Intended use"),
        ("3c", "Known health inequalities between groups of women",
         "partly reported" if card.demographics else "missing",
         f"demographics held: {demographics}" if card.demographics else
         f"{no_demographics}, so nothing is known about inequalities among these women"),
        ("5a", "Where the development and evaluation data come from; how representative",
         "partly reported", "Data: one centre; the evaluation women are a random quarter of "
         "the same women, so how representative they are of another clinic is unknown"),
        ("5b", "Dates of the data", "partly reported",
         "Data: the early 1990s; the first and last dates are not given with WDBC"),
        ("6a", "Setting; number and location of centres", "reported",
         f"Data: one centre ({CENTRE}), women with a breast lump sampled by fine-needle "
         "aspiration"),
        ("8a", "The outcome: what it is, how and when it was assessed", "partly reported",
         "Data: the Wisconsin team's recorded diagnosis; how and when each was confirmed is "
         "not recorded"),
        ("9b", "The predictors and how they were measured", "reported",
         "Data: 30 measurements of the nuclei in a digitised image (the data card gives each)"),
        ("10", "How the number of women was arrived at, and whether it was enough",
         "partly reported", f"Data: {card.n_women} women, all there were; no sample-size "
         "calculation was made (the intervals show what so few women allow)"),
        ("11", "Missing data", "reported" if missing_values == 0 else "partly reported",
         "Data: no value is missing" if missing_values == 0 else
         f"{missing_values} values missing: how they were handled is not in the card"),
        ("12c", "Type of model, how it was built, and how it was validated internally",
         "reported", f"Model ({card.model}); Performance: nested and repeated "
         "cross-validation, and the test women"),
        ("12e", "Measures of performance: discrimination, calibration, clinical utility",
         "partly reported", "Performance: AUC, calibration intercept and slope, sensitivity "
         "and specificity at the threshold; clinical utility (decision curves, lesson 05) is "
         "not in the card"),
        ("14", "Approaches to model fairness", "missing" if not card.demographics else
         "partly reported", f"{no_demographics}, so fairness could not be examined"
         if not card.demographics else f"demographics held: {demographics}"),
        ("15", "The model's output, and how the threshold was chosen", "reported",
         f"Model: a probability of malignancy, flagged at or above {card.threshold:.3f}, "
         f"chosen on the training women to catch {threshold_target} in 100 of their cancers"),
        ("16", "Differences between the development and evaluation data", "reported",
         "Data: none, the test women are a random quarter of the same women (which is why "
         "this is internal, not external, validation)"),
        ("17", "Ethics approval and consent", "missing",
         "not given with the public data; a study would have to name them"),
        ("18f", "Availability of the analysis code", "reported",
         "the bcc_teach package of this course"),
        ("19", "Patient and public involvement", "missing", "none is recorded"),
        ("20b", "Characteristics of the women, including demographics",
         "partly reported", f"Data: the numbers with and without cancer; {no_demographics}"
         if not card.demographics else f"Data; demographics: {demographics}"),
        ("22", "The full model, so that others can use and test it",
         "reported" if card.fingerprint else "partly reported",
         f"the saved model file, fingerprint {card.fingerprint[:16]}…" if card.fingerprint
         else "the model is described; save it with deploy.save_model to publish the file and "
         "its fingerprint"),
        ("23a", "Performance with confidence intervals, including for key subgroups",
         "partly reported", ("Performance: every figure with its 95% CI" if
         _intervals_everywhere(card) else "Performance: some figures lack an interval")
         + "; subgroups by nuclear size only, none by demographics"),
        ("26", "Limitations", "reported", f"Limitations ({len(card.limitations)} listed)"),
        ("", "External validation: the model tested on women from another centre or period",
         "reported" if card.external_validation else "missing",
         "; ".join(card.external_validation) or "none: the only test women are a random "
         "quarter of the same centre's women"),
    ]  # fmt: skip
    return Checklist(tuple(ChecklistItem(*row) for row in rows))
