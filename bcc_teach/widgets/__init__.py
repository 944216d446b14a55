"""Interactive explorers for JupyterLab (ipywidgets).

Each explorer is a thin view: a control wired to a tested function from the modules below
(``render_feature`` draws with ``plots`` and summarises with ``data``; the prevalence explorer
shows ``metrics.in_setting``; the nucleus explorer shows ``synthetic_case.nucleus_view``), so
its logic is tested without a browser and timed in ``benchmarks/``. Figures are sent to the
browser as PNG images inside the widget, so the notebook's stored outputs stay the same from
run to run; they are drawn at 96 pixels per inch and shown at their own size, so their type
reads at 11 points. An explorer keeps what it has shown (a threshold, a feature, a patient, a
nucleus's settings) and shows it again at once.

    >>> from bcc_teach import widgets
    >>> widgets.feature_explorer()          # in a notebook: pick a feature, see its distribution
    FeatureExplorer(feature='radius_mean')

The modules, one explorer family each (every name is also here, as ``widgets.<name>``):
``basics`` (the feature explorer, the widget check), ``clinical_metrics`` (the threshold and
prevalence explorers), ``nuclei`` (the nucleus explorer), ``cases`` (the LIME case
explorer) and ``drift`` (the drift explorer of lesson 08). ``widgets.NucleusView`` and
``widgets.nucleus_view`` are ``synthetic_case.NucleusView`` and
``synthetic_case.nucleus_view``, loaded when first asked for.
"""

from __future__ import annotations

from bcc_teach.widgets.basics import (
    FeatureExplorer,
    WidgetCheck,
    feature_explorer,
    render_feature,
    slider_message,
    widget_check,
)
from bcc_teach.widgets.cases import CaseExplorer, case_explorer, case_summary
from bcc_teach.widgets.clinical_metrics import (
    PrevalenceExplorer,
    ThresholdExplorer,
    prevalence_explorer,
    prevalence_summary,
    threshold_explorer,
    threshold_summary,
)
from bcc_teach.widgets.drift import DriftExplorer, drift_explorer, drift_summary
from bcc_teach.widgets.nuclei import (
    NUCLEUS_SLIDERS,
    NucleusExplorer,
    nucleus_explorer,
    nucleus_summary,
)

__all__ = [
    "NUCLEUS_SLIDERS",
    "CaseExplorer",
    "DriftExplorer",
    "FeatureExplorer",
    "NucleusExplorer",
    "NucleusView",
    "PrevalenceExplorer",
    "ThresholdExplorer",
    "WidgetCheck",
    "case_explorer",
    "case_summary",
    "drift_explorer",
    "drift_summary",
    "feature_explorer",
    "nucleus_explorer",
    "nucleus_summary",
    "nucleus_view",
    "prevalence_explorer",
    "prevalence_summary",
    "render_feature",
    "slider_message",
    "threshold_explorer",
    "threshold_summary",
    "widget_check",
]


def __getattr__(name: str):
    # The nucleus chain lives below the widgets; importing it (features: SciPy, scikit-image)
    # waits until it is asked for, so that ``import bcc_teach.widgets`` stays quick.
    if name in {"NucleusView", "nucleus_view"}:
        from bcc_teach import synthetic_case

        return getattr(synthetic_case, name)
    raise AttributeError(f"module 'bcc_teach.widgets' has no attribute {name!r}")
