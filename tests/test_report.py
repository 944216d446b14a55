"""bcc_teach.report: a patient's report (HTML, PDF), its FHIR RiskAssessment, the model card
and the TRIPOD+AI checklist. The slow parts (the taught model, LIME, the refits) are computed
once for the module and passed in, as a lesson would."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from bcc_teach import data, deploy, explain, models, privacy, report, shift, validation

KEY = bytes(range(32))  # a demonstration key (never a real clinic's)
HOSTILE_LABEL = "<script>alert('W1')</script>"
HOSTILE_ID = "<img src=x onerror=alert(1)>"
WHEN = "2026-12-01T10:30:00+00:00"


@pytest.fixture(scope="module")
def taught():
    return shift.taught_model()


@pytest.fixture(scope="module")
def parts(taught):
    """What every report here shares: the test figures, the warning, one set of refits."""
    hostile = taught.X_test.loc["W222"].rename(HOSTILE_LABEL)
    cases = pd.concat([taught.X_test.loc[["W469", "W222", "W153"]], hostile.to_frame().T])
    interval = report.probability_interval(
        taught.model, taught.X_train, taught.y_train, cases, n_refits=100
    )
    return {
        "performance": taught.performance(),
        "warning": shift.fit_ood_warning(taught.X_train),
        "interval": interval,
        "cases": cases,
    }


def _explanation(taught, case) -> explain.Explanation:
    """A made-up LIME table for ``case`` (its probability the model's), to keep tests quick."""
    probability = float(taught.probabilities(case.to_frame().T)[0])
    table = pd.DataFrame({"condition": ["area_worst > 868", "texture_mean <= 18.5"],
                          "feature": ["area_worst", "texture_mean"], "weight": [0.21, -0.08],
                          "towards": ["malignant", "benign"]})  # fmt: skip
    return explain.Explanation(str(case.name), probability, table, 0.4, seed=0)


def _report(taught, parts, label, patient_id, **kwargs):
    case = parts["cases"].loc[label]
    options = {
        "explanation": _explanation(taught, case),
        "stability": explain.StabilityReport(0.7, 0.5, 1.0, 0.4, seeds=10, k=2),
        "interval": parts["interval"],
        "performance": parts["performance"],
        "warning": parts["warning"],
        **kwargs,
    }
    return report.patient_report(case, patient_id, KEY, taught=taught, **options)


@pytest.fixture(scope="module")
def raw_ids():
    wdbc = data.load_wdbc(include_uci_id=True).set_index("case_id")["uci_id"]
    return {case: int(wdbc[case]) for case in ("W469", "W222", "W153")}


@pytest.fixture(scope="module")
def flagged(taught, parts, raw_ids):
    """W469, flagged, with a real LIME explanation and its stability over two seeds."""
    case = parts["cases"].loc["W469"]
    explainer = explain.CaseExplainer(taught.model, taught.X_train, taught.y_train)
    return report.patient_report(
        case, raw_ids["W469"], KEY, taught=taught, explainer=explainer, seeds=[0, 1],
        interval=parts["interval"], performance=parts["performance"], warning=parts["warning"],
    )  # fmt: skip


@pytest.fixture(scope="module")
def cleared(taught, parts, raw_ids):
    return _report(taught, parts, "W222", raw_ids["W222"])


@pytest.fixture(scope="module")
def warned(taught, parts, raw_ids):
    return _report(taught, parts, "W153", raw_ids["W153"])


@pytest.fixture(scope="module")
def hostile(taught, parts):
    return _report(taught, parts, HOSTILE_LABEL, HOSTILE_ID)


@pytest.fixture(scope="module")
def card(taught, parts):
    return report.model_card(taught, test=parts["performance"], warning=parts["warning"])


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


# --- the patient's report ------------------------------------------------------------------


def test_the_report_holds_the_models_figures(taught, flagged, cleared, parts):
    p = taught.probabilities(taught.X_test.loc[["W469", "W222"]])
    assert flagged.probability.value == pytest.approx(p[0], abs=1e-12)
    assert cleared.probability.value == pytest.approx(p[1], abs=1e-12)
    assert flagged.flagged and not cleared.flagged
    assert flagged.probability.low <= flagged.probability.high
    there = parts["performance"]
    assert flagged.setting.ppv_range[0] <= flagged.setting.ppv <= flagged.setting.ppv_range[1]
    assert flagged.setting.prevalence == pytest.approx(212 / 569)
    assert flagged.performance.sensitivity == there.sensitivity
    assert flagged.stability.seeds == 2 and len(flagged.reasons) == 5


def test_html_carries_the_pseudonym_and_never_the_raw_id(flagged, cleared, raw_ids):
    for result, case in ((flagged, "W469"), (cleared, "W222")):
        page = result.html()
        assert result.pseudonym == privacy.pseudonym(raw_ids[case], KEY)
        assert result.pseudonym in page
        assert str(raw_ids[case]) not in page
        assert privacy.find_raw_ids(page, {str(raw_ids[case])}) == []
        assert str(raw_ids[case]) not in result.text()


def test_every_report_says_decision_support_not_a_diagnosis(flagged, cleared, warned):
    for result in (flagged, cleared, warned):
        assert "decision support, not a diagnosis" in result.html().lower()
        assert "decision support, not a diagnosis" in result.text().lower()


def test_html_escapes_a_hostile_label_and_never_shows_a_hostile_id(hostile):
    page = hostile.html()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert hostile.case_label == HOSTILE_LABEL
    assert "onerror" not in page and "img src" not in page  # the id only made the pseudonym
    assert hostile.pseudonym == privacy.pseudonym(HOSTILE_ID, KEY)


def test_html_fetches_nothing(flagged, warned):
    for page in (flagged.html(), warned.html()):
        tags = _Tags()
        tags.feed(page)
        assert not tags.tags & {"script", "link", "img", "iframe", "object", "embed", "form"}
        assert not tags.attributes & {"src", "href", "action", "srcset", "data"}
        assert re.findall(r"https?:|url\(|@import", page) == []
        assert "default-src 'none'" in page  # and the browser is told to load nothing


def test_decision_words_follow_triple_assessment(flagged, cleared):
    flagged_text, cleared_text = flagged.text(), cleared.text()
    assert "cancer is NOT ruled out" in flagged_text and "core biopsy" in flagged_text
    assert "one test rules nothing out" in cleared_text
    assert "discordant results), she goes on to core biopsy" in cleared_text


def test_the_warning_says_do_not_trust_never_malignant(warned, cleared):
    assert warned.warned and not cleared.warned
    warning = next(s for s in warned.sections() if s.kind == "warning")
    assert warning.heading == "Warning: do not trust this number"
    words = " ".join(warning.paragraphs)
    assert "not a sign of cancer" in words and "can be benign or malignant" in words
    assert not re.search(r"\b(is|likely|probably|suggests?)\s+malignan", words)
    assert "do not read her number as a frequency" in warned.text()  # calibration does not hold
    assert "do not trust this number" not in cleared.text().lower()


def test_a_label_that_holds_the_raw_id_is_refused(taught, parts, raw_ids):
    case = parts["cases"].loc["W222"].rename(f"case {raw_ids['W222']}")
    with pytest.raises(privacy.PrivacyError, match="hospital number"):
        report.patient_report(case, raw_ids["W222"], KEY, taught=taught)


def test_an_explanation_of_another_case_is_refused(taught, parts, raw_ids):
    other = _explanation(taught, parts["cases"].loc["W469"])
    with pytest.raises(ValueError, match="another case or model"):
        _report(taught, parts, "W222", raw_ids["W222"], explanation=other)


def test_a_saved_model_gives_the_report_its_fingerprint(taught, parts, raw_ids, tmp_path):
    saved = deploy.save_model(taught.model, tmp_path / "taught.skops", X_train=taught.X_train,
                              y_train=taught.y_train, threshold=taught.threshold,
                              trained_on="2026-12-01")  # fmt: skip
    loaded = deploy.load_model(tmp_path / "taught.skops", fingerprint=saved.fingerprint)
    result = _report(taught, parts, "W222", raw_ids["W222"], model_file=loaded)
    assert result.fingerprint == saved.fingerprint and result.trained_on == "2026-12-01"
    assert saved.fingerprint[:16] in result.html()
    resource = report.risk_assessment(result, WHEN)
    assert saved.fingerprint in resource.method.text


# --- the PDF -------------------------------------------------------------------------------


def _pages(raw: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", raw))


def test_pdf_is_one_page_and_the_same_bytes_twice(flagged, tmp_path):
    first = flagged.pdf(tmp_path / "first.pdf").read_bytes()
    second = flagged.pdf(tmp_path / "second.pdf").read_bytes()
    assert first.startswith(b"%PDF") and _pages(first) == 1
    assert first == second
    assert b"CreationDate" not in first


def test_pdf_of_a_warned_case_fits_its_page_and_never_overwrites(warned, tmp_path):
    path = warned.pdf(tmp_path / "warned.pdf")
    assert _pages(path.read_bytes()) == 1
    with pytest.raises(FileExistsError, match="nothing was written"):
        warned.pdf(path)


# --- FHIR ----------------------------------------------------------------------------------


def test_fhir_resource_validates_and_round_trips(cleared):
    from fhir.resources.R4B.riskassessment import RiskAssessment

    resource = report.risk_assessment(cleared, WHEN)
    assert isinstance(resource, RiskAssessment) and resource.status == "final"
    text = resource.model_dump_json()
    again = RiskAssessment.model_validate_json(text)
    assert again == resource and again.model_dump_json() == text
    assert report.risk_assessment(cleared, WHEN).model_dump_json() == text  # deterministic
    assert json.loads(text)["occurrenceDateTime"] == "2026-12-01T10:30:00Z"


def test_fhir_carries_the_models_probability_and_the_pseudonym_only(cleared, raw_ids):
    resource = report.risk_assessment(cleared, datetime.date(2026, 12, 1))
    prediction = resource.prediction[0]
    assert float(prediction.probabilityDecimal) == cleared.probability.value
    assert prediction.outcome.text == report.OUTCOME
    assert resource.subject.reference == f"Patient/{cleared.pseudonym}"
    assert str(raw_ids["W222"]) not in resource.model_dump_json()
    notes = [note.text for note in resource.note]
    assert "Decision support, not a diagnosis." in notes
    assert "below the rule-out threshold" in prediction.qualitativeRisk.text


def test_fhir_notes_the_warning(warned):
    notes = " ".join(note.text for note in report.risk_assessment(warned, WHEN).note)
    assert "do not trust this number" in notes and "not a sign of cancer" in notes


def test_fhir_wants_the_time_zone_of_a_time(cleared):
    with pytest.raises(ValueError, match="time zone"):
        report.risk_assessment(cleared, datetime.datetime(2026, 12, 1, 10, 30))
    with pytest.raises(ValueError, match="FHIR rules"):
        report.risk_assessment(cleared, "1 December 2026")


# --- the probability's uncertainty ---------------------------------------------------------


def test_probability_interval_is_seeded_and_brackets_the_probability(taught, parts):
    first = parts["interval"]
    assert ((first.low <= first.probability) & (first.probability <= first.high)).all()
    assert first.estimate("W222").method == report.uncertainty.METHOD
    cases = taught.X_test.loc[["W222"]]

    def spread(seed):
        return report.probability_interval(taught.model, taught.X_train, taught.y_train, cases,
                                           n_refits=20, random_state=seed)  # fmt: skip

    once, again, other = spread(0), spread(0), spread(1)
    assert (once.low == again.low).all() and (once.high == again.high).all()
    assert (other.low != once.low).any()
    with pytest.raises(KeyError, match="No case 'W469'"):
        once.estimate("W469")


# --- the model card, the checklist, the note -----------------------------------------------


def test_model_card_figures_are_the_packages_own(card, taught, parts):
    test = parts["performance"]
    assert card.test is test
    X, y = data.load_wdbc_xy()
    nested = validation.nested_cv(models.make_model("logistic_regression"), X, y)
    assert card.nested.rate("sensitivity") == nested.rate("sensitivity")
    text = card.markdown()
    for figure in (test.sensitivity.words(3), test.specificity.words(3), test.auc.words(3),
                   test.slope.words(2), nested.rate("specificity").words(3),
                   card.cross_validation.intervals["auc"].words(3)):  # fmt: skip
        assert figure in text
    smaller = shift.scenario(taught, parts["warning"], shift.imaging_factors(), magnification=0.8)
    assert smaller.sensitivity.words(3) in text
    assert (card.n_women, card.n_train, card.n_test) == (569, 426, 143)
    assert "no age, ethnicity" in text


def test_checklist_marks_demographics_and_external_validation_missing(card):
    checklist = report.tripod_checklist(card)
    assert checklist.status("3c") == "missing" and checklist.status("14") == "missing"
    assert "no demographics" in dict((r.item, r.where) for r in checklist.items)["14"]
    assert checklist.status("20b") == "partly reported"
    external = [row for row in checklist.items if row.item == ""]
    assert [row.status for row in external] == ["missing"]
    assert checklist.status("23a") == "partly reported"
    assert set(checklist.table()["status"]) <= set(report.tripod.STATUSES)
    assert "| 3c |" in checklist.markdown()


def test_checklist_follows_the_card(card):
    with_ages = dataclasses.replace(card, demographics=("age_years",))
    assert report.tripod_checklist(with_ages).status("3c") == "partly reported"
    assert report.tripod_checklist(card).status("22") == "partly reported"  # no saved file


def test_after_deployment_note_takes_the_cards_figures(card):
    text = report.after_deployment(card).markdown()
    ordinary = next(f for f in card.robustness if f.topic.startswith("Ordinary"))
    assert ordinary.figure in text
    assert "Automation bias" in text and "DECIDE-AI" in text and "core biopsy" in text
