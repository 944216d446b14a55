"""The drift explorer (lesson 08): slide the scanner's magnification, focus or stain, and see the
test women move, the taught model's sensitivity and specificity follow, and the
out-of-distribution warning fire or stay quiet. Malignant is the positive class; every rate
counted on the 143 test women is shown with its 95% interval.

    >>> from bcc_teach import shift
    >>> explorer = drift_explorer()
    >>> explorer
    DriftExplorer(magnification=1.00, focus=0.0, stain=1.0, re_measured=False)
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from bcc_teach import plots, shift


def _change_words(s: shift.Scenario) -> str:
    parts = []
    if s.magnification != 1.0:
        parts.append(f"magnification {s.magnification:.2f}")
    if s.focus:
        parts.append(f"blur {s.focus:.1f} px")
    if s.stain != 1.0:
        parts.append(f"stain {s.stain:.1f}")
    words = ", ".join(parts) or "no change"
    return words + (" (sizes re-measured)" if s.re_measured else "")


def drift_summary(s: shift.Scenario, before: shift.Scenario) -> str:
    """The drift explorer's text (HTML): sensitivity and specificity after the change beside
    those before it (``before``: the scenario without change), each with its 95% interval,
    and how many women the warning fires on.

    >>> from bcc_teach import shift
    >>> taught = shift.taught_model()
    >>> warning = shift.fit_ood_warning(taught.X_train)
    >>> factors = shift.imaging_factors()
    >>> s = shift.scenario(taught, warning, factors, stain=1.3)
    >>> as_measured = shift.scenario(taught, warning, factors)
    >>> "specificity" in drift_summary(s, as_measured)
    True
    """
    after = s
    rows = "".join(
        f'<tr><td>{name}</td><td style="padding-right: 1.5em">{was.words(3)} ({was.counted()})'
        "</td>"
        f"<td><b>{now.words(3)}</b> ({now.counted()})</td></tr>"
        for name, was, now in (
            ("sensitivity", before.sensitivity, after.sensitivity),
            ("specificity", before.specificity, after.specificity),
        )
    )
    warned = s.warning.rate()
    missed = after.sensitivity.total - after.sensitivity.count
    return (
        f"<p><b>{html.escape(_change_words(s))}</b>; threshold {after.threshold:.3f}, "
        "malignant = positive.</p>"
        "<table><tr><th></th><th>as measured in Wisconsin</th><th>after the change</th></tr>"
        f"{rows}</table>"
        f"<p>Cancers missed: {missed} of {after.sensitivity.total}. The out-of-distribution "
        f"warning fires on {warned.counted()} women ({warned.words(3)}): a warning means "
        '"do not trust the number for this woman", never "malignant".</p>'
    )


class DriftExplorer(ipw.VBox):
    """Three sliders and a check box change the scanner; the picture and the figures follow."""

    def __init__(self, taught=None, warning=None, factors=None):
        self.taught = taught or shift.taught_model()
        self.warning = warning or shift.fit_ood_warning(self.taught.X_train)
        self.factors = factors or shift.imaging_factors()
        self.before = shift.scenario(self.taught, self.warning, self.factors)
        sliders = {}
        shown = (("magnification", "magnification", ".2f"), ("focus", "blur (px)", ".1f"),
                 ("stain", "stain", ".1f"))  # fmt: skip
        for name, label, fmt in shown:
            neutral, levels, _ = shift.CHANGES[name]
            sliders[name] = ipw.FloatSlider(
                value=neutral, min=min(levels), max=max(levels), step=levels[1] - levels[0],
                description=label, readout_format=fmt, continuous_update=True,
                style={"description_width": "7em"},
            )  # fmt: skip
        self.sliders = sliders
        self.re_measured = ipw.Checkbox(
            value=False, description="re-measure sizes (calibration slide)", indent=False
        )
        self.figure = plots.DriftFigure(self.taught.X_test, self.taught.y_test)
        self.image = ipw.Image(format="png", width=str(self.figure.width))
        self.summary = ipw.HTML()
        self._shown: dict = {}
        for control in (*sliders.values(), self.re_measured):
            control.observe(lambda change: self.show(), names="value")
        super().__init__([*sliders.values(), self.re_measured, self.image, self.summary])
        self.show()

    def _key(self) -> tuple:
        return (*(round(float(s.value), 6) for s in self.sliders.values()),
                bool(self.re_measured.value))  # fmt: skip

    def show(self) -> None:
        """Work out the scenario the controls say (each once) and redraw."""
        key = self._key()
        if key not in self._shown:
            magnification, focus, stain, re_measured = key
            s = shift.scenario(self.taught, self.warning, self.factors, magnification, focus,
                               stain, re_measured)  # fmt: skip
            picture = self.figure.update(s.X, s.warning.warned, _change_words(s))
            self._shown[key] = (picture, drift_summary(s, self.before))
        self.image.value, self.summary.value = self._shown[key]

    def __repr__(self) -> str:
        m, f, s, r = self._key()
        return (
            f"DriftExplorer(magnification={m:.2f}, focus={f:.1f}, stain={s:.1f}, re_measured={r})"
        )


def drift_explorer(taught=None, warning=None, factors=None) -> DriftExplorer:
    """A drift explorer over the taught model's test women (``shift.taught_model()``, its
    warning ``shift.fit_ood_warning`` and the imaging factors ``shift.imaging_factors()``,
    unless given).

    >>> from bcc_teach import shift
    >>> explorer = drift_explorer()
    >>> explorer.sliders["stain"].value = 1.3
    >>> explorer
    DriftExplorer(magnification=1.00, focus=0.0, stain=1.3, re_measured=False)
    """
    return DriftExplorer(taught, warning, factors)
