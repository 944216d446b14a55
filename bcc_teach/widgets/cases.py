"""The case explorer (lesson 07): one test patient's probability, the decision at the
threshold, LIME's explanation, where her strongest features sit, and "what if".
The explanations come from ``explain``; the explorer wires the controls and displays them.

The label of each case is the diagnosis recorded for it by the Wisconsin team (the data card
says only "as recorded"), here called the recorded diagnosis.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as ipw

from bcc_teach import inputs, metrics, plots

if TYPE_CHECKING:
    import pandas as pd


def _diagnosis(truth: int) -> str:
    return "malignant" if truth == 1 else "benign"


def _decision(probability: float, threshold: float) -> str:
    """The model's part of the decision. In triple assessment one test rules nothing out."""
    if metrics.flagged([probability], threshold)[0]:  # the course's one rule: at or above
        return f"at or above the threshold ({threshold:.2f}): <b>flagged</b> for core biopsy"
    return (
        f"below the threshold ({threshold:.2f}): <b>not flagged</b>; the other parts of triple "
        "assessment (examination and imaging) still decide"
    )


def case_summary(
    explanation, truth: int, threshold: float, sits: pd.DataFrame, what_if: tuple | None = None
) -> str:
    """The case explorer's text (HTML): the probability and the decision at the threshold, the
    recorded diagnosis, where the strongest features sit, and the "what if" answer.

    ``explanation``: from ``explain.CaseExplainer.explain``; ``truth``: 1 if the recorded
    diagnosis is malignant, 0 if benign; ``sits``: from ``explain.where_case_sits``;
    ``what_if``: ``(feature, her value, the value asked about, the model's new probability)``
    or None.

    >>> import pandas as pd
    >>> from bcc_teach.explain import Explanation
    >>> table = pd.DataFrame({"condition": ["area_worst > 900"], "feature": ["area_worst"],
    ...                       "weight": [0.2], "towards": ["malignant"]})
    >>> sits = pd.DataFrame({"value": [1200.0], "below_in_benign": [99.0],
    ...                      "below_in_malignant": [60.0]}, index=["area_worst"])
    >>> text = case_summary(Explanation("W001", 0.93, table, 0.8, 0), 1, 0.09, sits,
    ...                     ("area_worst", 1200.0, 700.0, 0.06))
    >>> "<b>flagged</b>" in text and "would be <b>0.06</b>" in text and "not flagged" in text
    True
    """
    p = explanation.probability
    parts = [
        f"<p><b>{html.escape(explanation.case_id)}</b>: the model's probability of malignancy "
        f"is <b>{p:.2f}</b>, {_decision(p, threshold)}. Recorded diagnosis (the Wisconsin "
        f"team's): <b>{_diagnosis(truth)}</b>.</p>",
        f"<p>LIME's simple local model matched the real model near this case with R² = "
        f"{explanation.local_r2:.2f} (1 = perfectly).</p>",
    ]
    rows = "".join(
        f"<tr><td>{html.escape(str(f))}</td><td>{r['value']:.4g}</td>"
        f"<td>{r['below_in_benign']:.0f}%</td><td>{r['below_in_malignant']:.0f}%</td></tr>"
        for f, r in sits.iterrows()
    )
    parts.append(
        "<table><tr><th>feature</th><th>this patient</th><th>benign cases below her</th>"
        f"<th>malignant cases below her</th></tr>{rows}</table>"
    )
    if what_if is not None:
        feature, old, value, changed = what_if
        parts.append(
            f"<p><b>What if</b> {html.escape(feature)} were {value:.4g} instead of {old:.4g}, "
            f"everything else unchanged? The model's probability would be <b>{changed:.2f}</b> "
            f"instead of {p:.2f}: {_decision(changed, threshold)}.</p>"
        )
    return "".join(parts)


class CaseExplorer(ipw.VBox):
    """Pick a test patient: her probability, the decision, LIME's explanation and where her
    strongest features sit; a "what if" slider changes one feature and asks the model again.

    A patient's explanation, picture and table are worked out once and kept, so going back to
    her is instant; while LIME works on a new patient (a few seconds), the line above the
    picture says so.
    """

    def __init__(self, explainer, X_test, y_test, threshold: float, case: str | None = None):
        from bcc_teach import explain

        if not isinstance(explainer, explain.CaseExplainer):
            raise TypeError("explainer must be an explain.CaseExplainer(model, X_train, y_train).")
        inputs.check_labels(y_test, "y_test")
        inputs.check_threshold(threshold)
        self.explainer, self.X, self.y, self.threshold = explainer, X_test, y_test, threshold
        options = [(f"{i} · recorded diagnosis: {_diagnosis(t)}", i)
                   for i, t in zip(X_test.index, y_test, strict=True)]  # fmt: skip
        case = X_test.index[0] if case is None else case
        if case not in X_test.index:
            raise ValueError(f"No case {case!r} in X_test.")
        self.cases = ipw.Dropdown(options=options, value=case, description="patient",
                                  layout=ipw.Layout(width="max-content"))  # fmt: skip
        self.status = ipw.HTML()
        self.feature = ipw.Dropdown(description="what if")
        self.value = ipw.FloatSlider(description="were", continuous_update=False,
                                     readout_format=".4g")  # fmt: skip
        self.figure = plots.CaseFigure(explainer.X_train, explainer.y_train)
        self.image = ipw.Image(format="png", width=str(self.figure.width))  # at its own size
        self.summary = ipw.HTML()
        self._seen: dict[str, tuple] = {}  # case → (explanation, picture, where she sits)
        self._quiet = False
        self.show_case(case)
        self.cases.observe(lambda change: self.show_case(change["new"]), names="value")
        self.feature.observe(lambda change: self._pick_feature(change["new"]), names="value")
        self.value.observe(lambda change: self._what_if(), names="value")
        super().__init__([self.cases, self.status, self.image, self.summary,
                          ipw.HBox([self.feature, self.value])])  # fmt: skip

    def _text(self, what_if=None) -> str:
        truth = int(self.y.loc[self.case.name])
        return case_summary(self.explanation, truth, self.threshold, self._sits, what_if)

    def _work_out(self, case_id: str) -> tuple:
        """The explanation, the picture and the table of one case (each worked out once)."""
        from bcc_teach import explain

        if case_id not in self._seen:
            case = self.X.loc[case_id]
            self.status.value = (
                f"<i>Computing the explanation for {html.escape(str(case_id))}… (LIME asks the "
                "model about many made-up cases near her: a few seconds)</i>"
            )
            explanation = self.explainer.explain(case)
            title = f"{case_id}: what pushed the probability ({explanation.probability:.2f})"
            picture = self.figure.update(explanation.table, case, title)
            sits = explain.where_case_sits(case, self.explainer.X_train, self.explainer.y_train,
                                           list(explanation.table["feature"]))  # fmt: skip
            self._seen[case_id] = (explanation, picture, sits)
            self.status.value = ""
        return self._seen[case_id]

    def show_case(self, case_id: str) -> None:
        """Explain one test case and redraw; the "what if" control starts at her own values."""
        self.explanation, self.image.value, self._sits = self._work_out(case_id)
        self.case = self.X.loc[case_id]
        self._quiet = True
        self.feature.options = list(self.explanation.table["feature"])
        self.feature.value = self.feature.options[0]
        self._quiet = False
        self._pick_feature(self.feature.value)

    def _pick_feature(self, feature: str | None) -> None:
        if self._quiet or feature is None:
            return
        column = self.explainer.X_train[feature]
        low, high = float(column.min()), float(column.max())
        own = float(self.case[feature])
        low, high = min(low, own), max(high, own)
        self._quiet = True
        # one message to the browser and one check of min, max and value together: otherwise
        # the browser's slider clamps an intermediate state and sends back a "what if"
        with self.value.hold_sync(), self.value.hold_trait_notifications():
            self.value.min, self.value.max, self.value.value = low, high, own
            self.value.step = (high - low) / 200
        self._quiet = False
        self.summary.value = self._text()

    def _what_if(self) -> None:
        if self._quiet:
            return
        self.what_if(self.feature.value, self.value.value)

    def what_if(self, feature: str, value: float) -> float:
        """Ask the model about this patient with ``feature`` set to ``value``; show the answer."""
        from bcc_teach import explain

        changed = explain.what_if(self.explainer.model, self.case, feature, float(value))
        old = float(self.case[feature])
        self.summary.value = self._text((feature, old, float(value), changed))
        return changed

    def __repr__(self) -> str:
        return f"CaseExplorer(case={self.cases.value!r}, threshold={self.threshold:.3f})"


def case_explorer(explainer, X_test, y_test, threshold: float, case: str | None = None):
    """A LIME case explorer over the test cases, with the decision at ``threshold``.

    >>> from bcc_teach import data, explain, models
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> explainer = explain.CaseExplainer(model, X_train, y_train)
    >>> case_explorer(explainer, X_test, y_test, threshold=0.092, case="W331")
    CaseExplorer(case='W331', threshold=0.092)
    """
    return CaseExplorer(explainer, X_test, y_test, threshold, case)
