"""Robustness: what happens to the taught model at another hospital, scanner or population.

Built on ``bcc_teach.validation``; each result is a small named record, and every rate counted
on women comes with its 95% interval (malignant = positive).

- ``taught_model``: the course's taught model, its rule-out threshold and its test women;
- ``performance``: sensitivity, specificity, AUC and calibration on one set of women;
- prevalence shift: ``prevalence_shift`` (PPV, NPV and the probabilities in other settings),
  ``recalibrate`` (on local women), ``cross_recalibrated`` (each local woman recalibrated on
  the others), ``local_sample_size`` (how many local women are enough);
- spectrum: ``subgroups`` (figures per subgroup, small ones marked), ``size_groups``;
- imaging shift, on SYNTHETIC images: ``scanner_change``, ``imaging_factors``, ``drift``,
  ``re_measure``, and ``scenario`` (one change worked out whole, for the drift explorer);
- ``fit_ood_warning``: a warning for a case unlike the training women; ``batch_drift``: has a
  batch of new cases changed, feature by feature (monitoring after deployment);
- splits that respect the women: ``grouped_vs_naive`` (repeated samples of one woman),
  ``repeated_aspirates`` (a what-if with several aspirates per woman), ``temporal_validation``
  (train on earlier batches, test on later ones), ``scores_model`` (for the nine scores).

    >>> from bcc_teach import shift
    >>> taught = shift.taught_model()
    >>> taught.performance().sensitivity.counted()
    '53 of 53'
"""

from bcc_teach.shift.groups import (
    GroupedVsNaive,
    Temporal,
    grouped_vs_naive,
    repeated_aspirates,
    scores_model,
    temporal_validation,
)
from bcc_teach.shift.imaging import (
    CHANGES,
    ImagingFactors,
    drift,
    imaging_factors,
    re_measure,
    scanner_change,
)
from bcc_teach.shift.monitoring import BatchDrift, batch_drift
from bcc_teach.shift.ood import OODCheck, OODWarning, fit_ood_warning
from bcc_teach.shift.performance import Performance, auc_with_interval, performance
from bcc_teach.shift.prevalence import (
    SETTINGS,
    LocalSamples,
    PrevalenceShift,
    Recalibration,
    cross_recalibrated,
    local_sample_size,
    prevalence_shift,
    recalibrate,
    setting_weights,
)
from bcc_teach.shift.scenario import Scenario, scenario
from bcc_teach.shift.spectrum import Subgroups, size_groups, subgroups
from bcc_teach.shift.taught import Taught, taught_model

__all__ = [
    "BatchDrift",
    "CHANGES",
    "GroupedVsNaive",
    "Temporal",
    "grouped_vs_naive",
    "repeated_aspirates",
    "scores_model",
    "temporal_validation",
    "SETTINGS",
    "ImagingFactors",
    "LocalSamples",
    "OODCheck",
    "OODWarning",
    "Performance",
    "PrevalenceShift",
    "Recalibration",
    "Scenario",
    "Subgroups",
    "Taught",
    "auc_with_interval",
    "batch_drift",
    "cross_recalibrated",
    "drift",
    "fit_ood_warning",
    "imaging_factors",
    "local_sample_size",
    "performance",
    "prevalence_shift",
    "re_measure",
    "recalibrate",
    "scanner_change",
    "scenario",
    "setting_weights",
    "size_groups",
    "subgroups",
    "taught_model",
]
