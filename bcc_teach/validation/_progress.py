"""Progress for long loops: a bar in a live notebook, one plain line where outputs are stored.

In JupyterLab a loop shows tqdm's notebook bar while it runs (and removes it at the end). When
``BCC_TEACH_PLAIN_PROGRESS`` is set in the environment (the tests set it, and so should anyone
re-executing the notebooks to store their outputs), or outside a notebook, there is no bar:
stored outputs must not depend on timings. Either way, one line says what was done at the end.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

PLAIN = "BCC_TEACH_PLAIN_PROGRESS"


def _live_notebook() -> bool:
    if os.environ.get(PLAIN):
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def steps(iterable, total: int, what: str, show: bool = True):
    """Yield each item of ``iterable`` (``total`` of them), with progress as described above;
    ``what`` names the steps ("cross-validation folds"). ``show=False``: quietly."""
    if not show:
        yield from iterable
        return
    done = 0
    if _live_notebook():
        from tqdm.notebook import tqdm

        for item in tqdm(iterable, total=total, desc=what, leave=False):
            done += 1
            yield item
    else:
        for item in iterable:
            done += 1
            yield item
    print(f"{what}: {done} of {total} done")


@contextmanager
def counting(total: int, what: str, show: bool = True):
    """Progress counted in units (rows of a file), as ``steps`` shows it: yields a function
    ``advance(n)`` to call as each part is done. The plain line is printed only when the work
    finished (an error leaves nothing claiming it was done).

    >>> with counting(5, "rows read") as advance:
    ...     advance(2)
    ...     advance(3)
    rows read: 5 of 5 done
    """
    done = 0
    bar = None
    if show and _live_notebook():
        from tqdm.notebook import tqdm

        bar = tqdm(total=total, desc=what, leave=False, unit=" rows", unit_scale=True)

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if bar is not None:
            bar.update(count)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.close()
    if show:
        print(f"{what}: {done} of {total} done")
