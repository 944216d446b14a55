"""Every relative link in the course opens a file that is there, and "next lesson" follows the map.

Links are read as Markdown (mistune, the parser nbconvert uses), so code spans and code blocks
are not mistaken for links; HTML ``href``/``src`` attributes count too. A link's ``#anchor``
must name a heading of its target. The next lesson always comes from the course map
(``course.next_lesson``), so publishing a lesson makes the notebooks that should now point to
it fail here until they do, and no notebook points to a lesson that is not there.
"""

from __future__ import annotations

import os
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import mistune
import nbformat
import pytest

from bcc_teach.course import LESSONS, next_lesson

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for folder in ("notebooks", "exercises", "solutions")
                   for p in (ROOT / folder).glob("*.ipynb"))  # fmt: skip
DOCUMENTS = [ROOT / "README.md", ROOT / "data" / "README.md", *sorted(ROOT.glob("docs/*.md"))]
EXERCISES = [p for p in NOTEBOOKS if p.parent.name in ("exercises", "solutions")]
LESSON_NOTEBOOKS = [p for p in NOTEBOOKS if p.parent.name == "notebooks"]
#: Wording that promises a lesson "later": true on the day it is written, stale the day the lesson
#: is published. Point to the course map, or to a lesson that is there, instead.
STALE = re.compile(
    r"when it is published|when it's published|once (?:it is )?published|not (?:yet )?published"
    r"|published yet|still being written|yet to be (?:published|written)|will be published"
    r"|coming soon|not (?:yet )?written",
    re.IGNORECASE,
)
#: "Next: lesson 05", "next lesson, 05", "Next, lesson 05": a claim about which lesson comes next.
NEXT_CLAIM = re.compile(r"\bnext\b[:,]?\s+lesson\b\W*(\d\d)", re.IGNORECASE)
_MARKDOWN = mistune.create_markdown(renderer=None, plugins=["table"])


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


class _Attributes(HTMLParser):
    """Collects the href and src attributes (and the id/name anchors) of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            elif name in ("id", "name") and value:
                self.anchors.add(value)


def _html(fragment: str) -> _Attributes:
    parser = _Attributes()
    parser.feed(fragment)
    parser.close()
    return parser


def _walk(tokens):
    for token in tokens:
        yield token
        yield from _walk(token.get("children") or [])


def _plain(tokens) -> str:
    return "".join(t.get("raw", "") for t in _walk(tokens) if t["type"] in ("text", "codespan"))


def markdown_links(text: str) -> list[str]:
    """The targets of the links, images and HTML href/src in Markdown ``text``, in order."""
    links = []
    for token in _walk(_MARKDOWN(text)):
        if token["type"] in ("link", "image"):
            links.append(token["attrs"]["url"])
        elif token["type"] in ("inline_html", "block_html"):
            links.extend(_html(token["raw"]).links)
    return links


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading (JupyterLab's differs only in case and punctuation)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _markdown_anchors(text: str) -> set[str]:
    anchors = set()
    for token in _walk(_MARKDOWN(text)):
        if token["type"] == "heading":
            anchors.add(_slug(_plain(token["children"])))
        elif token["type"] in ("inline_html", "block_html"):
            anchors |= _html(token["raw"]).anchors
    return anchors


@cache
def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


@cache
def anchors_of(path: Path) -> frozenset[str]:
    """The anchors a link to ``path`` may name: its headings (and explicit ids)."""
    if path.suffix == ".ipynb":
        cells = [c.source for c in _read(path).cells if c.cell_type == "markdown"]
        return frozenset().union(*(_markdown_anchors(source) for source in cells))
    if path.suffix == ".md":
        return frozenset(_markdown_anchors(path.read_text(encoding="utf-8")))
    return frozenset()


def sources(path: Path) -> list[tuple[str, str, bool]]:
    """(where, text, is_markdown) for each piece of a document a reader sees.

    A notebook gives its Markdown cells and the HTML/Markdown of its stored outputs (whose own
    ``#`` anchors belong to generated HTML and are not checked).
    """
    if path.suffix == ".md":
        return [(_rel(path), path.read_text(encoding="utf-8"), True)]
    pieces = []
    for index, cell in enumerate(_read(path).cells):
        where = f"{_rel(path)} cell {index}"
        if cell.cell_type == "markdown":
            pieces.append((where, cell.source, True))
        for output in cell.get("outputs", []):
            shown = output.get("data", {})
            if "text/markdown" in shown:
                pieces.append((f"{where} (output)", shown["text/markdown"], True))
            if "text/html" in shown:
                pieces.append((f"{where} (output)", shown["text/html"], False))
    return pieces


def broken_links(document: Path) -> list[str]:
    """Each relative link of ``document`` that does not open an existing file (or heading)."""
    problems = []
    for where, text, is_markdown in sources(document):
        output = where.endswith("(output)")
        for url in markdown_links(text) if is_markdown else _html(text).links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # a web address, mailto:, data: or attachment:, not a file here
            if not parts.path:  # an anchor in the same document
                anchor = _slug(unquote(parts.fragment))
                if anchor and not output and anchor not in anchors_of(document):
                    problems.append(f"{where}: no heading for the anchor in {url!r}")
                continue
            if parts.path.startswith("/"):
                problems.append(f"{where}: {url!r} is absolute; link relative to the document")
                continue
            target = (document.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(ROOT):
                problems.append(f"{where}: {url!r} leads outside the course folder")
            elif not target.exists():
                problems.append(f"{where}: {url!r} does not exist ({_rel(target)} is missing)")
            elif parts.fragment and target.suffix in (".md", ".ipynb"):
                if _slug(unquote(parts.fragment)) not in anchors_of(target):
                    problems.append(f"{where}: {_rel(target)} has no heading for {url!r}")
    return problems


def lessons_linked(document: Path, text: str) -> set[str]:
    """The numbers of the lesson notebooks that Markdown ``text`` of ``document`` links to."""
    by_path = {(ROOT / lesson.notebook).resolve(): lesson.number for lesson in LESSONS}
    found = set()
    for url in markdown_links(text):
        parts = urlsplit(url)
        if parts.path and not (parts.scheme or parts.netloc):
            target = (document.parent / unquote(parts.path)).resolve()
            if target in by_path:
                found.add(by_path[target])
    return found


def _number(path: Path) -> str:
    """The lesson a notebook belongs to: 03 for notebooks/03_… and for ex03_…."""
    return re.match(r"(?:ex)?(\d\d)_", path.name).group(1)


def _last_markdown(path: Path) -> str:
    return [c.source for c in _read(path).cells if c.cell_type == "markdown"][-1]


def next_claims(path: Path) -> list[tuple[str, str]]:
    """(where, lesson number) for each "Next: lesson NN" in a notebook's Markdown cells."""
    claims = []
    for index, cell in enumerate(_read(path).cells):
        if cell.cell_type == "markdown":
            text = " ".join(cell.source.split())
            for match in NEXT_CLAIM.finditer(text):
                claims.append((f"{_rel(path)} cell {index}", match.group(1)))
    return claims


def _next_problems(path: Path, must_link: bool) -> list[str]:
    """What is wrong with the pointer to the next lesson in the last Markdown cell of ``path``."""
    own, upcoming = _number(path), next_lesson(_number(path))
    expected = {upcoming.number} if upcoming else set()
    problems = []
    for where, claimed in next_claims(path):
        if claimed not in expected:
            says = f"lesson {upcoming.number}" if upcoming else "no later lesson (none is there)"
            problems.append(f"{where}: says the next lesson is {claimed}; the course map: {says}")
    linked = lessons_linked(path, _last_markdown(path)) - {own}
    if linked - expected:
        problems.append(
            f"{_rel(path)}, last cell: links to lesson(s) {sorted(linked - expected)}; after "
            f"lesson {own} the next available lesson is {upcoming.number if upcoming else 'none'}"
        )
    if must_link and upcoming and upcoming.number not in linked:
        target = Path(os.path.relpath(ROOT / upcoming.notebook, path.parent)).as_posix()
        problems.append(
            f"{_rel(path)}, last cell: should point to the next lesson, {upcoming.number}: "
            f"[{upcoming.notebook}]({target})"
        )
    return problems


# ------------------------------------------------------------------------------------------
# The checks themselves, on small made-up documents
# ------------------------------------------------------------------------------------------


def test_links_are_read_as_markdown_not_as_text():
    text = (
        "# A heading\n\nSee [the data](../data/README.md#integrity), ![a figure](fig.png),\n"
        '<a href="other.md">html</a> and `[code](not_a_link.md)`.\n\n```\n[fenced](no.md)\n```\n'
    )
    assert markdown_links(text) == ["../data/README.md#integrity", "fig.png", "other.md"]


def test_a_broken_link_and_a_wrong_anchor_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text("# Course\n\n## Quick start\n")
    page = tmp_path / "docs" / "page.md"
    page.write_text(
        "# Page\n\n[ok](../README.md#quick-start) [ok too](#page) [web](https://example.org)\n"
        "[gone](missing.md) [bad anchor](../README.md#nowhere) [outside](../../x.md)\n"
    )
    assert broken_links(page) == [
        "docs/page.md: 'missing.md' does not exist (docs/missing.md is missing)",
        "docs/page.md: README.md has no heading for '../README.md#nowhere'",
        "docs/page.md: '../../x.md' leads outside the course folder",
    ]


def test_stale_wording_is_recognised_across_line_breaks():
    assert STALE.search(" ".join("Next: lesson 02, when it is\npublished.".split()))
    assert STALE.search("lesson 05, which is still being written")
    assert not STALE.search("The data were published in 1995.")


def test_next_lesson_claims_are_read():
    assert NEXT_CLAIM.search("Next: lesson 08, robustness").group(1) == "08"
    assert NEXT_CLAIM.search("the next lesson, 04, is about thresholds").group(1) == "04"
    assert not NEXT_CLAIM.search("The models in the next lessons combine all 30")


def test_next_lesson_skips_planned_lessons_and_ends():
    numbers = [lesson.number for lesson in LESSONS]
    available = [lesson.number for lesson in LESSONS if lesson.available]
    for number in numbers:
        upcoming = next_lesson(number)
        later = [n for n in available if n > number]
        assert (upcoming.number if upcoming else None) == (later[0] if later else None)
        assert upcoming is None or (ROOT / upcoming.notebook).is_file()
    assert next_lesson(numbers[-1]) is None
    with pytest.raises(ValueError, match="no lesson '4'.*'04'"):
        next_lesson("4")


# ------------------------------------------------------------------------------------------
# The course's own documents
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("document", NOTEBOOKS + DOCUMENTS, ids=_rel)
def test_every_relative_link_opens_a_file_that_is_there(document):
    problems = broken_links(document)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("document", NOTEBOOKS + DOCUMENTS, ids=_rel)
def test_no_lesson_is_promised_for_later(document):
    stale = [
        f"{where}: {match.group(0)!r}"
        for where, text, _ in sources(document)
        for match in STALE.finditer(" ".join(text.split()))
    ]
    advice = "point to a lesson that is there, or to the course map in the README"
    assert not stale, "\n".join([*stale, advice])


@pytest.mark.parametrize("path", EXERCISES, ids=_rel)
def test_each_exercise_points_to_the_next_available_lesson(path):
    problems = _next_problems(path, must_link=True)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", LESSON_NOTEBOOKS, ids=_rel)
def test_each_lesson_points_to_its_exercise_or_the_next_lesson(path):
    lesson = next(lesson for lesson in LESSONS if lesson.number == _number(path))
    has_exercise = (ROOT / lesson.exercise).is_file()
    if has_exercise:
        exercise = (ROOT / lesson.exercise).resolve()
        last = _last_markdown(path)
        assert any(
            (path.parent / unquote(urlsplit(url).path)).resolve() == exercise
            for url in markdown_links(last)
        ), f"{_rel(path)}: the last cell should link to [{lesson.exercise}](../{lesson.exercise})"
    # A lesson without an exercise hands over to the next lesson itself.
    problems = _next_problems(path, must_link=not has_exercise)
    assert not problems, "\n".join(problems)
