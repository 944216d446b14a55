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
  validated with ``fhir.resources``, sent nowhere.

Every report carries the words ``NOT_A_DIAGNOSIS``: "decision support, not a diagnosis".

    >>> from bcc_teach import report
    >>> report.NOT_A_DIAGNOSIS
    'decision support, not a diagnosis'
"""

from bcc_teach.report.fhir import FHIR_VERSION, OUTCOME, risk_assessment
from bcc_teach.report.patient import PatientReport, patient_report
from bcc_teach.report.uncertainty import ProbabilityInterval, probability_interval
from bcc_teach.report.wording import NOT_A_DIAGNOSIS, Section

__all__ = [
    "FHIR_VERSION",
    "NOT_A_DIAGNOSIS",
    "OUTCOME",
    "PatientReport",
    "ProbabilityInterval",
    "Section",
    "patient_report",
    "probability_interval",
    "risk_assessment",
]
