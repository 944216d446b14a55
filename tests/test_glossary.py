"""Every word the lessons define in bold is in docs/glossary.md.

The lessons use bold both to define a word and to stress one. The rule (also stated at the top of
the glossary): a bold span in a lesson's Markdown is a definition unless it is a lead-in (ends with
``.``, ``:``, ``?`` or ``!``, or contains ``:``), a menu path (contains ``›``), longer than four
words, or listed in ``EMPHASIS`` below. Terms are compared without case, plurals, hyphens, a
leading article or a bracketed abbreviation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)

#: Bold spans the lessons use to stress a word or a short phrase, not to define it.
_STRESSED = {
    # 00: headings and keys
    "Questions", "Objectives", "Running a cell", "Shift+Enter", "Starting again cleanly", "Saving",
    "Troubleshooting",
    # 01
    "10 things", "30 numbers per case", "not a screening test", "three names for one size",
    # 02: how malignant nuclei look, how segmentation fails, the nucleus explorer's controls
    "enlarged", "unlike one another", "irregular", "coarse", "ten measurements", "30 numbers",
    "not calibrated", "touching nuclei", "debris", "faintly stained", "one nucleus, ten numbers",
    "not a diagnosis", "size", "dents", "irregular outline", "dent depth", "coarse chromatin",
    # 03
    "learns", "1 = malignant", "0 = benign", "weighs", "adds them up", "squeezes", "0.5", "choice",
    "no", "all", "inside", "every",
    # 04
    "missed", "LR+ is NaN", "Specificity 1.000", "openly", "how common cancer is", "estimates",
    # 05
    "143 test cases", "100 times", "using all 569 cases", "Repeated", "not", "one", "everything",
    "using all 569 women", "inside every fold", "whole recipe", "outer", "inner", "Below 1",
    "Above 1", "cannot",
    # 07
    "Makes up many women", "Asks the model", "what if", "lime's own defaults", "More made-up women",
    "Cut-points that mean something", "All features fitted at once", "hypothesis", "three",
    "all 569 cases",
    # 08: what changes between clinics, and what the data do not record
    "Sensitivity carries over", "who comes to the clinic", "how the cells are imaged",
    "who the women are", "slope", "exactly", "10", "re-measure", "the AUC hardly moves",
    'never "malignant"', "by simulation", "age", "menopausal status", "ethnicity", "breast density",
    "lesion size", "centre", "consecutively", "characteristics", "health inequalities",
    # 09: the parts of a report
    "all 426", "the decision", "the setting", "the explanation",
}  # fmt: skip

_IRREGULAR = {"nuclei": "nucleus", "women": "women", "criteria": "criterion"}


def normalise(term: str) -> str:
    """A bold span as a comparable term: lower case, singular, no brackets, hyphens or article.

    >>> normalise("Fine-needle aspiration (FNA)"), normalise('"worst"'), normalise("The kernel")
    ('fine needle aspiration', 'worst', 'kernel')
    >>> normalise("natural\\nfrequencies"), normalise("Folds"), normalise("nuclei")
    ('natural frequency', 'fold', 'nucleus')
    """
    text = re.sub(r"\([^)]*\)", " ", term.lower())
    text = re.sub(r"[-–‐]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;\"'“”")
    text = re.sub(r"^(the|a|an) ", "", text)
    words = []
    for word in text.split(" "):
        if word in _IRREGULAR:
            word = _IRREGULAR[word]
        elif len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
            word = word[:-1]
        words.append(word)
    return " ".join(words)


EMPHASIS = frozenset(normalise(span) for span in _STRESSED)


def is_definition(span: str) -> bool:
    """False for a lead-in, a menu path or a long phrase; True for a candidate term.

    >>> is_definition("Clinical pause."), is_definition("Kernel › Restart Kernel…")
    (False, False)
    >>> is_definition("calibration slope"), is_definition("risk of cancer that remains among women")
    (True, False)
    """
    span = span.strip()
    if span.endswith((".", ":", "?", "!")) or ":" in span or "›" in span:
        return False
    return len(span.split()) <= 4 and normalise(span) not in EMPHASIS


def lesson_bold(notebooks: list[Path]) -> list[tuple[str, str]]:
    """(lesson, bold span) for every bold span in the notebooks' Markdown cells, in order."""
    found = []
    for path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        lesson = notebook["metadata"].get("bcc_teach", {}).get("lesson", path.stem[:2])
        for cell in notebook["cells"]:
            if cell["cell_type"] == "markdown":
                source = "".join(cell["source"])
                found += [(lesson, m.group(1)) for m in BOLD.finditer(source)]
    return found


def glossary_terms(text: str) -> set[str]:
    """The glossary's terms: everything it sets in bold, normalised."""
    return {normalise(m.group(1)) for m in BOLD.finditer(text)}


def missing_terms(notebooks: list[Path], glossary: str) -> list[str]:
    """'lesson NN: term' for each term the lessons define in bold and the glossary lacks."""
    terms = glossary_terms(glossary)
    missing = {}
    for lesson, span in lesson_bold(notebooks):
        if is_definition(span) and normalise(span) not in terms:
            missing.setdefault(normalise(span), f"lesson {lesson}: {' '.join(span.split())}")
    return sorted(missing.values())


def _lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_every_term_the_lessons_define_in_bold_is_in_the_glossary():
    missing = missing_terms(_lessons(), GLOSSARY.read_text(encoding="utf-8"))
    assert not missing, (
        "These words are set in bold in the lessons but not defined (in bold) in "
        "docs/glossary.md:\n  " + "\n  ".join(missing) + "\nDefine each in the glossary; if "
        "one is only stressed, not defined, add it to EMPHASIS in tests/test_glossary.py."
    )


def test_the_emphasis_list_holds_only_words_the_lessons_still_stress():
    stressed = {normalise(span) for _, span in lesson_bold(_lessons())}
    assert sorted(EMPHASIS - stressed) == []
    assert sorted(EMPHASIS & glossary_terms(GLOSSARY.read_text(encoding="utf-8"))) == []


def test_the_glossary_covers_the_terms_the_issue_names():
    terms = glossary_terms(GLOSSARY.read_text(encoding="utf-8"))
    named = ("sensitivity", "specificity", "PPV", "NPV", "net benefit", "calibration slope",
             "calibration intercept", "OOD", "AUC", "threshold", "prevalence", "leak")  # fmt: skip
    for term in named:
        assert normalise(term) in terms, term


def test_the_glossary_is_in_alphabetical_order():
    text = GLOSSARY.read_text(encoding="utf-8")
    letters = re.findall(r"^## ([A-Z])$", text, re.M)
    assert letters == sorted(letters)
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        title = section.splitlines()[0]
        entries = section.split("\n\n")[1:]  # paragraphs after the heading
        heads = [normalise(BOLD.match(e).group(1)) for e in entries if BOLD.match(e)]
        assert heads == sorted(heads), title
        if len(title) == 1:
            assert all(h.upper().startswith(title) for h in heads), (title, heads)


def test_a_new_lessons_bold_terms_are_named_when_missing(tmp_path):
    """What happens when lesson 10 is merged: its undefined bold terms are listed by lesson."""
    cell = {"cell_type": "markdown", "metadata": {}, "source": [
        "**Clinical pause.** A **net reclassification index** compares two models; the ",
        "**sensitivity** is as before, and it is **not** a probability.",
    ]}  # fmt: skip
    notebook = {"cells": [cell], "metadata": {"bcc_teach": {"lesson": "10"}}}
    path = tmp_path / "10_capstone.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    glossary = GLOSSARY.read_text(encoding="utf-8")
    assert missing_terms([path], glossary) == ["lesson 10: net reclassification index"]
    assert missing_terms([path], glossary + "\n**Net reclassification index (NRI)**: …\n") == []
