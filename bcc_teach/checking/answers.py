"""Reading a learner's answer: what kind of thing it is, and turning it into a number or text.

Everything here is careful with objects a learner built: a method that raises, or returns the
wrong type, ends as ``WrongType`` with a message, never as an error out of ``check()``.

>>> as_number(3, "count"), as_number(47.00000000000001, "count")
(3.0, 47.0)
>>> as_text(["radius_mean"])
'radius_mean'
"""

from __future__ import annotations

import copy
import dataclasses
import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any

from bcc_teach.checking.outcomes import WrongType

# Kinds of answer: what a wrong type is told it should have been.
KINDS = {
    "proportion": "a number between 0 and 1",
    "count": "a whole number (a count of cases)",
    "number": "a number",
    "function": "a function (written with def)",
    "choice": "one of the option letters, in quotes",
    "model": "a fitted scikit-learn Pipeline (a scaler, then a classifier)",
    "text": "text in quotes",
}

_MAX_EXPORT = 10_000  # values kept of an array-like answer in its record


def safe_text(value: Any, limit: int = 200) -> str:
    """``str(value)``, or its type's name where ``str`` fails or returns something odd."""
    try:
        text = str(value)
        if not isinstance(text, str):
            raise TypeError
    except BaseException:  # a learner's __str__ may raise anything
        try:
            text = f"<{type(value).__name__} object>"
        except BaseException:
            text = "<object>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def kind_of(value: Any) -> str:
    """Name the kind of a value in plain words: "text", "a table (DataFrame)", …

    >>> kind_of(None), kind_of("M")
    ('None (nothing: did a function forget to return its result?)', 'text')
    """
    try:
        return _kind_of(value)
    except BaseException:
        return "an object that cannot be read"


def _kind_of(value: Any) -> str:
    if value is None:
        return "None (nothing: did a function forget to return its result?)"
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, complex):
        return "a complex number (with an imaginary part, written with j)"
    if isinstance(value, numbers.Number):  # Decimal and Fraction too
        return "a number"
    if isinstance(value, str):
        return "text"
    names = {
        "DataFrame": "a table (DataFrame)",
        "Series": "a column (Series)",
        "ndarray": "an array",
        "list": "a list",
        "tuple": "a tuple",
        "dict": "a dictionary",
        "set": "a set",
    }
    name = type(value).__name__
    if name in names:
        return names[name]
    if callable(value):
        return "a function"
    return f"a {name} object"


def _is_plain_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _record_of_numbers(value: Any) -> bool:
    """A course result record (``PerThousand``, ``StabilityReport``): mostly numbers, by name."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return False
    values = [getattr(value, f.name) for f in dataclasses.fields(value)]
    return sum(map(_is_plain_number, values)) * 2 > len(values)


def _one_value(value: Any) -> Any:
    """The single value held by a one-element array, Series, 1×1 table or list; else ``value``."""
    import numpy as np

    if isinstance(value, list | tuple) and len(value) == 1:
        return value[0]
    if hasattr(value, "shape") and getattr(value, "size", 0) == 1:
        return np.asarray(value).reshape(-1)[0]
    return value


def as_number(value: Any, kind: str) -> float:
    """Turn an answer into a float, or raise WrongType saying what was expected.

    ``kind`` is one of ``KINDS`` (it names the expected type in the message).
    """
    expected = KINDS[kind]
    try:
        return _as_number(value, kind, expected)
    except WrongType:
        raise
    except Exception:  # an object whose methods fail
        raise WrongType(
            f"This answer could not be read as a number; the question expects {expected}."
        ) from None


def _as_number(value: Any, kind: str, expected: str) -> float:
    import numpy as np

    if isinstance(value, bool | np.bool_):
        raise WrongType(
            f"This is True/False; the question expects {expected}. Did you compare (==, >) "
            "where a count or a share was wanted?"
        )
    if isinstance(value, str | bytes):
        raise WrongType(
            f"This is text (in quotes); the question expects {expected}. Remove the quotes, "
            "or compute the value with code."
        )
    if hasattr(value, "shape") and getattr(value, "size", 0) == 1:
        value = _one_value(value)  # one value in an array, Series or 1×1 table
    if hasattr(value, "shape") and getattr(value, "shape", None) not in ((), None):
        raise WrongType(
            f"This is {kind_of(value)}, holding many values; the question expects {expected}. "
            "Reduce it to one value, for example with .sum(), .mean() or len()."
        )
    if isinstance(value, dict):
        raise WrongType(
            f"This is a dictionary holding several values; the question expects {expected}. "
            'Pick one entry by its name, in square brackets: result["name"].'
        )
    if _record_of_numbers(value):
        names = [
            f.name for f in dataclasses.fields(value) if _is_plain_number(getattr(value, f.name))
        ]
        raise WrongType(
            f"This is a record holding several values ({', '.join(names[:4])}, …); the question "
            f"expects {expected}. Pick one with a dot, for example result.{names[0]}."
        )
    if isinstance(value, list | tuple | set | frozenset):
        raise WrongType(f"This is a collection of values; the question expects {expected}.")
    if isinstance(value, complex) or (
        isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real)
    ):
        raise WrongType(
            f"This is a complex number (it has an imaginary part, written with j); the question "
            f"expects {expected}. A j, or a square root of a negative number, crept in."
        )
    if isinstance(value, Decimal):
        value = float(value)
    if not isinstance(value, numbers.Real | Fraction):
        raise WrongType(f"This is {kind_of(value)}; the question expects {expected}.")
    number = float(value)
    if math.isnan(number):
        raise WrongType(
            f"This is NaN ('not a number'): often a division by zero or an empty selection. "
            f"The question expects {expected}."
        )
    if math.isinf(number):
        raise WrongType(f"This is infinite; the question expects {expected}.")
    if kind == "count":
        whole = round(number)
        if abs(number - whole) > 1e-9 * max(1.0, abs(number)):
            raise WrongType(f"This has a fractional part; the question expects {expected}.")
        number = float(whole)
    return number


def as_text(value: Any, expected: str = KINDS["text"]) -> str:
    """Turn an answer into text: a string, or one string in a one-element list, array or Series.

    Raises ``WrongType`` (saying what was expected) for anything else.
    """
    try:
        value = _one_value(value)
    except Exception:
        pass
    if isinstance(value, bytes):
        raise WrongType(f"This is bytes (b'…'); the question expects {expected}.")
    if not isinstance(value, str):
        raise WrongType(f"This is {kind_of(value)}; the question expects {expected}.")
    try:
        text = str.strip(value)
    except Exception:
        raise WrongType(f"This text could not be read; the question expects {expected}.") from None
    if not text:
        raise WrongType(f"This text is empty; the question expects {expected}.")
    return text


def fresh(value: Any) -> Any:
    """A deep copy of an input before it is handed to learner code, so that code that changes
    its inputs in place (``p[p >= t] = 1``) cannot change what later checks use."""
    return copy.deepcopy(value)


def exported(value: Any) -> Any:
    """A JSON-safe form of an answer for its record: numbers, text, lists; None if unreadable.

    >>> exported(0.25), exported([1, 2]), exported(object()) is None
    (0.25, [1, 2], True)
    """
    try:
        return _exported(value, depth=0)
    except Exception:
        return None


def _exported(value: Any, depth: int) -> Any:
    import numpy as np

    if isinstance(value, str):
        return value[:_MAX_EXPORT]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real | Decimal):
        number = float(value)  # 12 significant digits: the same on every machine
        return float(f"{number:.12g}") if math.isfinite(number) else str(number)
    if depth > 2:
        return None
    if hasattr(value, "to_numpy") or isinstance(value, np.ndarray):
        array = np.asarray(value)
        if array.size > _MAX_EXPORT or array.dtype.kind not in "biuf":
            return None
        return [_exported(v, depth + 1) for v in array.reshape(-1).tolist()]
    if isinstance(value, list | tuple) and len(value) <= _MAX_EXPORT:
        return [_exported(v, depth + 1) for v in value]
    if isinstance(value, dict) and len(value) <= 100:
        return {str(k): _exported(v, depth + 1) for k, v in value.items()}
    return None
