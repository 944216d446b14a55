"""Telling the learner's errors from the course's, and calling learner code safely.

An error raised inside the learner's own code is reported as theirs, with their line; an error
anywhere else is reported as an answer that could not be read, never as a traceback.
"""

from __future__ import annotations

import linecache
import sys
import traceback
from pathlib import Path

from bcc_teach.checking.answers import fresh, safe_text

_PACKAGE_DIR = str(Path(__file__).resolve().parent.parent)


def _library_dirs() -> tuple[str, ...]:
    """Where installed code lives: the environment, the base Python, and the user's site
    packages (``pip install --user``); an error raised there is not the learner's."""
    import site
    import sysconfig

    places = {sys.prefix, sys.base_prefix, *sysconfig.get_paths().values()}
    try:
        places.add(site.getusersitepackages())
    except Exception:  # pragma: no cover - some embedded Pythons have no user site
        pass
    return tuple({str(Path(p).resolve()) for p in places if p})


_LIBRARY_DIRS = _library_dirs()


class LearnerError(Exception):
    """The learner's code raised; ``message`` says what and where, in their words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _is_learner_file(filename: str) -> bool:
    if filename.startswith("<") and not filename.startswith(("<ipython-input", "<string")):
        return False
    try:
        path = str(Path(filename).resolve())
    except (OSError, ValueError):
        return True
    return not path.startswith(_PACKAGE_DIR) and not path.startswith(_LIBRARY_DIRS)


def learner_frame(exc: BaseException) -> traceback.FrameSummary | None:
    """The innermost frame of the traceback that belongs to the learner's own code."""
    try:
        frames = traceback.extract_tb(exc.__traceback__)
    except Exception:
        return None
    learner = [f for f in frames if _is_learner_file(f.filename)]
    return learner[-1] if learner else None


def describe_error(
    exc: BaseException, frame: traceback.FrameSummary, when: str = "when the answer was tried"
) -> str:
    """One kind sentence naming the learner's error, its line, and what to do."""
    try:
        line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    except Exception:
        line = ""
    said = safe_text(exc)  # once: a learner's __str__ need not say the same thing twice
    detail = said.splitlines()[0][:200] if said.strip() else ""
    name = safe_text(type(exc).__name__, 60)
    text = f"{name}{': ' + detail if detail else ''}"
    where = f" (line {frame.lineno} of your code" + (f": `{line}`)" if line else ")")
    return (
        f"Your code raised an error {when}: {text}{where}. Fix that line, run your cell again, "
        "then check again."
    )


def call(function, *args, what: str = "when the answer was tried"):
    """Call learner code on fresh copies of ``args``.

    Raises ``LearnerError`` when it raises in the learner's own code; re-raises anything else
    (a ``KeyboardInterrupt`` always propagates: the learner asked to stop).
    """
    try:
        return function(*fresh(args))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit too: a learner's sys.exit() is theirs
        frame = learner_frame(exc)
        if frame is None:
            raise
        raise LearnerError(describe_error(exc, frame, what)) from None
