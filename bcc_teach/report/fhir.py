"""A patient's report as an HL7 FHIR ``RiskAssessment``: the form a record system takes it in.

**What integration with the record means.** FHIR (Fast Healthcare Interoperability Resources)
is the common format in which electronic record systems exchange pieces of a patient's record.
A ``RiskAssessment`` is the piece for "an estimate of how likely an outcome is": here the
model's probability that her lump is malignant, tied to her (by pseudonym), to a time, and to
the method that produced it. Sent to a record system, it would sit in her record beside the
cytology report, where the team reading her triple assessment can see it, and where an audit
can later find which model (by version and fingerprint) said what, and when.

**What it does not mean.** Nothing here contacts a server: ``risk_assessment`` only builds the
resource and checks it against the FHIR rules (with the maintained ``fhir.resources`` models).
A resource in the record is not a diagnosis, does not order a biopsy, and does not make the
model's number more accurate; and a clinic would still have to decide who may write such
resources, how the pseudonym is matched back to her (the clinic keeps the key), and who checks
them. The notes it carries say so: "decision support, not a diagnosis", and the
out-of-distribution warning when it fired.

**The FHIR version.** ``fhir.resources`` 8 builds FHIR R5 by default; the course uses its
R4B models (FHIR 4.3.0, ``fhir.resources.R4B``). R4B is the 2022 technical correction of R4
(4.0.1), the release most record systems run, and ``RiskAssessment`` is the same in substance
in both: the elements used here (status, subject, occurrence, method, basis, prediction with
outcome, probability and qualitative risk, note) have the same names and meaning.

    >>> import datetime
    >>> from bcc_teach import report, shift
    >>> taught = shift.taught_model()
    >>> r = report.patient_report(taught.X_test.loc["W222"], 9999, bytes(range(32)),
    ...                           taught=taught, seeds=[0, 1], n_refits=50)
    >>> resource = report.risk_assessment(r, "2026-12-01T10:30:00+00:00")
    >>> resource.subject.reference == f"Patient/{r.pseudonym}"
    True
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from bcc_teach.report import wording

if TYPE_CHECKING:
    from bcc_teach.report.patient import PatientReport

#: The FHIR release of the models used (``fhir.resources.R4B``).
FHIR_VERSION = "4.3.0 (R4B)"
#: What the prediction is of, in words: the label the model learned.
OUTCOME = "malignant (the Wisconsin team's diagnosis, as the model learned it)"


def _occurrence(occurrence) -> str:
    """The time of the assessment as FHIR dateTime text; the caller gives it (no clock is
    read, so the same report gives the same resource)."""
    if isinstance(occurrence, datetime.datetime):
        if occurrence.tzinfo is None:
            raise ValueError(
                "occurrence needs its time zone, e.g. datetime.datetime(2026, 12, 1, 10, 30, "
                "tzinfo=datetime.timezone.utc): a record system cannot place a time without one."
            )
        return occurrence.isoformat()
    if isinstance(occurrence, datetime.date):
        return occurrence.isoformat()
    if isinstance(occurrence, str) and occurrence.strip():
        return occurrence.strip()
    raise ValueError(
        "occurrence must say when the assessment was made: a date ('2026-12-01'), or a date "
        f"and time with its time zone ('2026-12-01T10:30:00+00:00'); got {occurrence!r}."
    )


def _method(r: PatientReport) -> str:
    version = (
        f"saved model file trained on {r.trained_on}, fingerprint {r.fingerprint}"
        if r.fingerprint
        else "not from a saved model file (no fingerprint)"
    )
    return f"bcc_teach taught model: {r.model}; {version}"


def _qualitative(r: PatientReport) -> str:
    if r.flagged:
        return (
            f"at or above the rule-out threshold ({wording.percent(r.threshold)}): cancer not "
            "ruled out"
        )
    return (
        f"below the rule-out threshold ({wording.percent(r.threshold)}): not flagged; one test "
        "rules nothing out"
    )


def _warning_note(r: PatientReport) -> str:
    if r.warned:
        return (
            "Out-of-distribution warning: do not trust this number. Her measurements are unlike "
            f"the {r.n_train} training women ({r.warning}). This is not a sign of cancer."
        )
    return "No out-of-distribution warning: her measurements are like the training women's."


def risk_assessment(r: PatientReport, occurrence):
    """The report as a FHIR R4B ``RiskAssessment`` (``fhir.resources`` model, validated).

    ``occurrence``: when the assessment was made (a date, a time-zone-aware
    ``datetime.datetime``, or FHIR text such as ``"2026-12-01T10:30:00+00:00"``); you give it,
    so the same report always gives the same resource. The subject is the patient by
    pseudonym only. Its JSON text: ``resource.model_dump_json()`` (pydantic 2's name for what
    was ``.json()``), the same text for the same report; read it back with
    ``RiskAssessment.model_validate_json``. Nothing is sent anywhere.

    >>> risk_assessment(None, datetime.datetime(2026, 12, 1, 10, 30))
    Traceback (most recent call last):
    ...
    ValueError: occurrence needs its time zone, e.g. datetime.datetime(2026, 12, 1, 10, 30, tzinfo=datetime.timezone.utc): a record system cannot place a time without one.
    """  # noqa: E501
    from fhir.resources.R4B.riskassessment import RiskAssessment
    from pydantic import ValidationError

    when = _occurrence(occurrence)
    p = r.probability
    rationale = (
        f"{_qualitative(r)}. Uncertainty: the middle 95% of {r.refits:,} refits of the model on "
        f"resampled training women gave {wording.percent(p.low)} to {wording.percent(p.high)}."
    )
    content = {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": {"reference": f"Patient/{r.pseudonym}", "type": "Patient"},
        "occurrenceDateTime": when,
        "code": {
            "text": "Probability of malignancy of a breast lump from its fine-needle "
            "aspirate (decision support)"
        },
        "method": {"text": _method(r)},
        "basis": [
            {
                "display": "30 nuclear measurements of the fine-needle aspirate image, "
                f"scored by the {r.model} model"
            }
        ],
        "prediction": [
            {
                "outcome": {"text": OUTCOME},
                "probabilityDecimal": p.value,
                "qualitativeRisk": {"text": _qualitative(r)},
                "rationale": rationale,
            }
        ],
        "note": [
            {"text": f"{wording.NOT_A_DIAGNOSIS.capitalize()}."},
            {"text": _warning_note(r)},
        ],
    }
    try:
        return RiskAssessment.model_validate(content)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3]
        )
        raise ValueError(f"The RiskAssessment does not meet the FHIR rules: {problems}.") from None
