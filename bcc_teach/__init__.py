"""bcc_teach: the helper package behind the breast-cancer classifier course.

The lessons import what they need from the modules below; importing ``bcc_teach`` itself loads
nothing heavy (no pandas, scikit-learn, lime or widgets), so it is instant.

    >>> from bcc_teach import data
    >>> wdbc = data.load_wdbc()

Modules, lowest layer first (a module only imports from the ones before it):
``inputs`` (checks of what a learner passes in, with messages that say how to fix it),
``data`` (bundled datasets, reading a clinic's CSV), ``features`` (from a synthetic cytology
image to the 30 numbers), ``models`` (named pipelines, the reference
model), ``metrics`` (sensitivity, PPV, thresholds, prevalence), ``validation`` (intervals,
repeated and nested cross-validation, calibration, decision curves), ``shift`` (the taught model
at another hospital, scanner or population), ``deploy`` (model files saved with their metadata
and loaded with checks; why a pickle is unsafe), ``privacy`` (keyed pseudonyms, minimisation,
models that carry patients, no raw ids in outputs), ``explain`` (LIME explanations and
their stability), ``report`` (a patient's report as a web page, a PDF and a FHIR
RiskAssessment; the model card and its TRIPOD+AI checklist), ``capstone`` (lesson 10: the
original Wisconsin data split by woman and by time, and its figures with their intervals),
``synthetic_case`` (a synthetic
image through features and a model), ``style`` (colours), ``plots``
(figures), ``widgets`` (interactive explorers). Beside them: ``offline`` (the network
guard, which imports nothing else), ``checking`` (exercise questions
and feedback), ``questions`` (one question set per exercise), ``authoring`` (exercises made from
solutions), ``grading`` (grading a folder of notebooks), ``course`` (the course map),
``jupyter_offline`` (JupyterLab settings that keep it from reaching the internet) and
``envcheck`` (is my setup right?).
"""

__version__ = "0.1.0"
