"""Showing feedback in the notebook, with its machine-readable record beside the text."""

from __future__ import annotations

import html
import re

from bcc_teach.checking.outcomes import RESULT_MIME, Result

#: What is shown: (border colour, symbol). A symbol must have a glyph in DejaVu Sans, the font
#: that Debian's Chromium and most Linux desktops fall back to; emoji such as a light bulb are
#: drawn as empty boxes where no emoji font is installed. Hints and solutions have no symbol:
#: their title says what they are ("q1: hint 1 of 2"), beside a blue border.
STYLE = {
    "correct": ("#009E73", "✔"),
    "incorrect": ("#E69F00", "✘"),
    "wrong type": ("#E69F00", "✘"),
    "your code raised an error": ("#E69F00", "⚠"),
    "not attempted": ("#999999", "…"),
    "hint": ("#56B4E9", ""),
    "solution": ("#56B4E9", ""),
}


def symbol(kind: str) -> str:
    """The symbol shown with feedback of this kind (an outcome, "hint" or "solution").

    >>> symbol("correct"), symbol("hint")
    ('✔', '')
    """
    return STYLE[kind][1]


def publish(kind: str, title: str, text: str, record: Result, code: str = "") -> None:
    """Display feedback (HTML and plain text) with its machine-readable record.

    Outside IPython (a plain script) the plain text is printed.
    """
    plain = f"{title}\n{text}" + (f"\n\n{code}" if code else "")
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is always installed with the course
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(plain)
        return
    colour, mark = STYLE[kind]
    body = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text)).replace("\n", "<br>")
    code_html = f"<pre>{html.escape(code)}</pre>" if code else ""
    markup = (
        f'<div style="border-left: 6px solid {colour}; padding: 0.4em 0.8em; margin: 0.3em 0;">'
        f"<b>{mark + ' ' if mark else ''}{html.escape(title)}</b><br>{body}{code_html}</div>"
    )
    bundle = {"text/plain": plain, "text/html": markup, RESULT_MIME: record.to_json()}
    display(bundle, raw=True)
