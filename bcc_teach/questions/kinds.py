"""Question kinds of this course's own, shared by question sets: an answer that names a feature.

>>> feature_named("507.15 < Area_worst <= 696.05"), feature_named("pink")
('area_worst', None)
"""

from __future__ import annotations

import re
from typing import Any

from bcc_teach import data
from bcc_teach.checking import TextQuestion, WrongType, as_text, kind_of

FEATURE_KIND = "a feature's name as text in quotes, copied from the table's feature column"
_PATTERNS = {name: re.compile(rf"(?<![a-z_]){re.escape(name)}(?![a-z_])") for name in data.FEATURES}


def feature_named(text: str) -> str | None:
    """The one feature a text names: a name ("Area worst") or a condition ("area_worst > 900").

    None when it names no feature; raises ``WrongType`` when it names several.
    """
    lowered = text.strip().lower()
    found = [name for name, pattern in _PATTERNS.items() if pattern.search(lowered)]
    if not found:
        joined = re.sub(r"[\s\-]+", "_", lowered)
        found = [name for name in data.FEATURES if name == joined]
    if len(found) > 1:
        raise WrongType(
            f"This text names {len(found)} features ({', '.join(found[:3])}); the question "
            "expects one feature's name, in quotes."
        )
    return found[0] if found else None


class FeatureQuestion(TextQuestion):
    """The answer is one feature's name (text). A condition from LIME's table names it too.

    Implement ``expected()`` (the feature's name) and optionally ``mistakes()``, a dictionary
    from a feature's name to the message for giving it; ``other(feature)`` answers any other
    feature.
    """

    expects = FEATURE_KIND

    def read(self, value: Any) -> str:
        import pandas as pd

        many = getattr(value, "size", 1) != 1
        if isinstance(value, pd.Series) and many:
            raise WrongType(
                f"This is {kind_of(value)}: one row or column of a table, holding many values. "
                f"The question expects {FEATURE_KIND}. A row's name is in its .name."
            )
        if isinstance(value, pd.DataFrame | pd.Index) and many:
            raise WrongType(
                f"This is {kind_of(value)}; the question expects {FEATURE_KIND}. Pick one "
                "name from it, or read it off the table and type it."
            )
        return self.normalise(as_text(value, FEATURE_KIND))

    def normalise(self, text: str) -> str:
        feature = feature_named(text)
        if feature is None:
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise WrongType(
                f'"{shown}" is not one of the 30 feature names. Copy a name from the table\'s '
                "feature column, in quotes."
            )
        return feature
