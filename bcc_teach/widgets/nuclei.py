"""The nucleus explorer (lesson 02): sliders for a synthetic nucleus's size, outline and
chromatin. What it shows for one set of values is ``synthetic_case.nucleus_view`` (computed
there, tested there); the explorer wires the sliders to it and displays the answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as ipw

from bcc_teach import data, plots

if TYPE_CHECKING:
    from bcc_teach.synthetic_case import NucleusView


#: The nucleus explorer's sliders: setting name → (label, smallest, largest, step).
NUCLEUS_SLIDERS = {
    "radius": ("size (radius, px)", 8.0, 24.0, 0.5),
    "irregularity": ("irregular outline", 0.0, 0.15, 0.01),
    "concavity": ("dent depth", 0.0, 0.4, 0.02),
    "texture": ("coarse chromatin", 4.0, 40.0, 1.0),
}


def nucleus_summary(view: NucleusView) -> str:
    """The nucleus explorer's text: the ten measurements, the image's mean and worst, and the
    model's probability with the caveat that a synthetic image is not a patient (HTML).

    >>> from bcc_teach import models, synthetic_case
    >>> model = models.reference_model().fit(*data.load_wdbc_xy())
    >>> text = nucleus_summary(synthetic_case.nucleus_view(model, "benign"))
    >>> "SYNTHETIC" in text and "radius" in text
    True
    """
    row = view.row.iloc[0]
    rows = "".join(
        f"<tr><td>{base}</td><td>{view.measurements[base]:.4g}</td>"
        f"<td>{row[base + '_mean']:.4g}</td><td>{row[base + '_worst']:.4g}</td></tr>"
        for base in data.BASE_FEATURES
    )
    return (
        f"<p>The reference model's probability of malignancy for the whole image: "
        f"<b>{view.probability:.2f}</b>.</p>"
        "<p><i>SYNTHETIC image: drawn by the computer, not taken from a patient, and its "
        "measurements are not calibrated to the Wisconsin images. The number shows how an image "
        "becomes a prediction; it is not a diagnosis.</i></p>"
        # a gap between the columns, which JupyterLab's table style leaves touching
        '<table style="border-collapse: separate; border-spacing: 18px 0; margin-left: -18px">'
        "<tr><th>measurement</th><th>this nucleus</th><th>image mean</th>"
        f"<th>image worst</th></tr>{rows}</table>"
    )


class NucleusExplorer(ipw.VBox):
    """Sliders for a nucleus's size, outline and chromatin; the synthetic image, one nucleus,
    its measurements and the model's probability follow (on release of the slider)."""

    def __init__(self, model, preset: str = "benign", seed: int = 0):
        from bcc_teach import features

        if preset not in features.PRESETS:
            raise ValueError(f"preset must be 'benign' or 'malignant', got {preset!r}.")
        self.model, self.seed = model, seed
        self.preset = ipw.ToggleButtons(options=["benign", "malignant"], value=preset,
                                        description="start from")  # fmt: skip
        self.sliders = {
            name: ipw.FloatSlider(
                description=label,
                min=low,
                max=high,
                step=step,
                continuous_update=False,
                style={"description_width": "initial"},
            )  # fmt: skip
            for name, (label, low, high, step) in NUCLEUS_SLIDERS.items()
        }
        self.figure = plots.NucleusFigure()
        self.image = ipw.Image(format="png", width=str(self.figure.width))  # at its own size
        self.summary = ipw.HTML()
        self._seen: dict[tuple, tuple] = {}  # settings → (view, picture, text): the last 24
        self._quiet = False
        self._load_preset(preset)
        self.preset.observe(lambda change: self._load_preset(change["new"]), names="value")
        for slider in self.sliders.values():
            slider.observe(lambda change: self._changed(), names="value")
        super().__init__([self.preset, *self.sliders.values(), self.image, self.summary])

    def _load_preset(self, preset: str) -> None:
        from bcc_teach import features

        base = features.PRESETS[preset]
        self._quiet = True  # one redraw for the whole preset, not one per slider
        for name, slider in self.sliders.items():
            slider.value = getattr(base, name)
        self._quiet = False
        self.show(**self.values())

    def _changed(self) -> None:
        if not self._quiet:
            self.show(**self.values())

    def values(self) -> dict[str, float]:
        """The sliders' current values, by setting name."""
        return {name: float(slider.value) for name, slider in self.sliders.items()}

    def show(self, **values) -> NucleusView:
        """Draw, measure and predict for the current preset changed by ``values``."""
        from bcc_teach import features, synthetic_case

        settings = features.ImageSettings(
            **{**vars(features.PRESETS[self.preset.value]), **values, "name": "your settings"}
        )
        key = tuple(sorted(vars(settings).items()))
        if key not in self._seen:  # settings seen before (a preset, a slider moved back) are kept
            view = synthetic_case.nucleus_view(self.model, settings, seed=self.seed)
            picture = self.figure.update(view.image, view.nucleus)
            if len(self._seen) >= 24:  # a view holds its images (about 1.2 MB): keep a few
                self._seen.pop(next(iter(self._seen)))  # forget the oldest
            self._seen[key] = (view, picture, nucleus_summary(view))
        self.view, self.image.value, self.summary.value = self._seen[key]
        return self.view

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value:g}" for name, value in self.values().items())
        return f"NucleusExplorer({self.preset.value}: {values})"


def nucleus_explorer(model, preset: str = "benign", seed: int = 0) -> NucleusExplorer:
    """A nucleus explorer over a fitted model of the 30 WDBC features.

    >>> from bcc_teach import models
    >>> X, y = data.load_wdbc_xy()
    >>> nucleus_explorer(models.reference_model().fit(X, y))
    NucleusExplorer(benign: radius=12, irregularity=0.05, concavity=0.03, texture=13)
    """
    return NucleusExplorer(model, preset, seed)
