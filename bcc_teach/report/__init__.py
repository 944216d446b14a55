"""Into the workflow: a patient's report, the record's form of it, and the model's own report.

The top layer beside ``deploy`` and ``privacy``: it uses the taught model (``shift``), its
explanations (``explain``), pseudonyms (``privacy``) and saved model files (``deploy``), and
nothing below imports it. Split by job:

- ``patient_report`` (``patient``): one woman's case scored by the taught model, gathered into
  a ``PatientReport`` with ``.html()`` (a self-contained page), ``.pdf(path)`` (one A4 page)
  and ``.text()``; the words live in ``wording``, the pages in ``html_page`` and ``pdf_page``;
- ``probability_interval`` (``uncertainty``): how much her probability owes to which training
  women were sampled (refits on bootstrap samples of them);
- ``risk_assessment`` (``fhir``): the report as an HL7 FHIR R4B ``RiskAssessment``, built and
  validated with ``fhir.resources``, sent nowhere;
- ``model_card`` (``card``): the model card generated from the run's figures, with the
  robustness findings of ``shift``; ``tripod_checklist`` (``tripod``): which TRIPOD+AI items
  it reports and which are missing;
- ``after_deployment`` (``after_deployment``): automation bias and monitoring, after DECIDE-AI.

Every report carries the words ``NOT_A_DIAGNOSIS``: "decision support, not a diagnosis".

    >>> from bcc_teach import report
    >>> report.NOT_A_DIAGNOSIS
    'decision support, not a diagnosis'
"""

from bcc_teach.report.after_deployment import Note, after_deployment
from bcc_teach.report.card import Finding, ModelCard, model_card, robustness_findings
from bcc_teach.report.fhir import FHIR_VERSION, OUTCOME, risk_assessment
from bcc_teach.report.patient import PatientReport, patient_report
from bcc_teach.report.tripod import Checklist, ChecklistItem, tripod_checklist
from bcc_teach.report.uncertainty import ProbabilityInterval, probability_interval
from bcc_teach.report.wording import NOT_A_DIAGNOSIS, Section

__all__ = [
    "FHIR_VERSION",
    "NOT_A_DIAGNOSIS",
    "OUTCOME",
    "Checklist",
    "ChecklistItem",
    "Finding",
    "ModelCard",
    "Note",
    "PatientReport",
    "ProbabilityInterval",
    "Section",
    "after_deployment",
    "model_card",
    "patient_report",
    "probability_interval",
    "risk_assessment",
    "robustness_findings",
    "tripod_checklist",
]
