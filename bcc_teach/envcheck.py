"""Is this computer ready for the course? The checks behind ``python -m bcc_teach check-env``.

>>> from bcc_teach.envcheck import check_python
>>> print(check_python().line())
[ OK ] Python 3.11...
"""

from __future__ import annotations

import io
import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bcc_teach._paths import PROJECT_ROOT

#: The packages the course is built on: always listed one by one.
HEART = (
    "jupyterlab", "ipykernel", "ipywidgets", "jupyterlab_widgets", "scikit-learn", "pandas",
    "numpy", "scipy", "matplotlib", "seaborn", "lime", "nbval", "pytest", "nbformat", "nbclient",
)  # fmt: skip
PYTHON = (3, 11)
#: How to open the course, typed in the course folder (the README's install command ends with
#: it). Given a notebook alone, JupyterLab would serve only that notebook's folder, and the
#: exercises and the README would be out of reach; ``--notebook-dir=.`` serves the whole course.
OPEN_COURSE = "jupyter lab --notebook-dir=. notebooks/00_start_here.ipynb"


@dataclass(frozen=True)
class Check:
    ok: bool
    what: str

    def line(self) -> str:
        return f"[{' OK ' if self.ok else 'FAIL'}] {self.what}"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(requirements: Path) -> dict[str, str]:
    """The ``name==version`` lines of a requirements file, by canonical package name."""
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = (part.strip() for part in line.split("==", 1))
            pins[_canonical(name)] = version
    return pins


def check_python() -> Check:
    """The course is tested on Python 3.11; other versions may fail to install the pins."""
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info[:2] == PYTHON
    wanted = ".".join(map(str, PYTHON))
    note = "" if ok else f" — the course is tested on Python {wanted}; install {wanted} and retry"
    return Check(ok, f"Python {version}{note}")


def check_packages(requirements: Path, everything: bool = False) -> list[Check]:
    """One check per pinned package that is missing or at another version, and per heart package."""
    if not requirements.is_file():
        return [Check(False, f"requirements.txt not found beside the package ({requirements})")]
    checks, quiet_ok = [], 0
    heart = {_canonical(name) for name in HEART}
    for name, pinned in sorted(read_pins(requirements).items()):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            checks.append(Check(False, f"{name} is not installed (pinned {pinned})"))
            continue
        if installed != pinned:
            checks.append(
                Check(False, f"{name} {installed} is installed, the course pins {pinned}")
            )
        elif everything or name in heart:
            checks.append(Check(True, f"{name} {installed}"))
        else:
            quiet_ok += 1
    if quiet_ok:
        checks.append(Check(True, f"{quiet_ok} other pinned packages at their pinned versions"))
    try:
        metadata.version("bcc_teach")
        checks.append(Check(True, "bcc_teach is installed (imports from any folder)"))
    except metadata.PackageNotFoundError:
        checks.append(
            Check(False, "bcc_teach is not installed: run pip install -r requirements.txt")
        )
    return checks


def check_widget_frontend() -> Check:
    """The JupyterLab extension that draws ipywidgets must be installed, or sliders show as text."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("labextensions"):
        manifest = Path(folder, "@jupyter-widgets", "jupyterlab-manager", "package.json")
        if manifest.is_file():
            version = json.loads(manifest.read_text(encoding="utf-8")).get("version", "?")
            return Check(
                True, f"ipywidgets front-end for JupyterLab (jupyterlab-manager {version})"
            )
    return Check(
        False,
        "ipywidgets front-end for JupyterLab not found: sliders would show as text. "
        "Run pip install -r requirements.txt, then restart JupyterLab",
    )


def check_kernel() -> Check:
    """JupyterLab needs the 'python3' kernel to run the lessons."""
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" in KernelSpecManager().find_kernel_specs():
        return Check(True, "Jupyter kernel 'python3' is available")
    return Check(
        False, "Jupyter kernel 'python3' not found: run python -m ipykernel install --user"
    )


def check_jupyterlab_offline(
    config_dir: Path | None = None, app_settings_dir: Path | None = None
) -> list[Check]:
    """Put the course's JupyterLab settings in place (if they are not there yet), then check
    that JupyterLab asks no question about news and its server makes no outside calls.

    ``config_dir`` and ``app_settings_dir`` replace the environment's folders (for tests).
    """
    from bcc_teach import jupyter_offline as offline

    try:
        app = offline.jupyterlab_app(app_settings_dir)
    except Exception as exc:  # report, do not crash the other checks
        return [Check(False, f"JupyterLab's settings cannot be read ({type(exc).__name__}: {exc})")]
    lab_file = Path(app.app_settings_dir) / offline.LAB_FILE
    server_file = (config_dir or offline.env_config_dir()) / offline.SERVER_FILE
    placed = {}
    for key, path, wanted in (
        ("lab", lab_file, offline.lab_overrides(app.schemas_dir)),
        ("server", server_file, offline.SERVER_CONFIG),
    ):
        try:
            placed[key] = offline.place(path, wanted)
        except offline.SettingsFileError as exc:
            placed[key] = str(exc)
        except OSError as exc:
            placed[key] = (
                f"{path} cannot be written ({exc.strerror or exc}): run python -m bcc_teach "
                "check-env once as someone who may write there (on a hub, its administrator)"
            )
    app = offline.jupyterlab_app(app_settings_dir)  # read again, with the files in place
    lab = ("JupyterLab asks no question about Jupyter news, checks for no updates and leaves "
           "drop-down lists their keys")
    server = "JupyterLab's server fetches no news, no updates and no extension list from PyPI"
    checks = []
    for key, what, find_problems in (
        ("lab", lab, lambda: offline.lab_problems(app)),
        ("server", server, lambda: offline.server_problems(app, server_file)),
    ):
        if not isinstance(placed[key], offline.Placed):
            checks.append(Check(False, f"{what}: not set, {placed[key]}"))
            continue
        try:
            problems = find_problems()
        except Exception as exc:  # report, do not crash the other checks
            problems = [f"cannot be checked ({type(exc).__name__}: {exc})"]
        if problems:
            checks.append(
                Check(False, f"{what}: not so, {'; '.join(problems)} (the course's settings "
                             f"are in {placed[key].path}; settings elsewhere undo them)")
            )  # fmt: skip
        else:
            checks.append(Check(True, f"{what} ({placed[key].describe()})"))
    return checks


def check_figures() -> Check:
    """Draw and save a tiny figure (this also builds Matplotlib's font cache on a new machine)."""
    try:
        from matplotlib.figure import Figure

        figure = Figure(figsize=(1, 1))
        figure.subplots().plot([0, 1], [0, 1])
        figure.savefig(io.BytesIO(), format="png")
    except Exception as exc:  # report, do not crash the other checks
        return Check(False, f"Matplotlib cannot draw a figure ({type(exc).__name__}: {exc})")
    return Check(True, "Matplotlib draws figures")


def check_data() -> list[Check]:
    """Each bundled data file against data/SHA256SUMS."""
    from bcc_teach.data import verify_bundled_data

    return [Check(ok, f"data/{name}: {message}") for name, ok, message in verify_bundled_data()]


def verdict(checks: list[Check]) -> str:
    """What ``check-env`` prints last: how many checks failed, or how to open the course.

    >>> print(verdict([Check(True, "Python 3.11.9")]))
    All checks passed: the course is ready. In the course folder, open lesson 00 with:
      jupyter lab --notebook-dir=. notebooks/00_start_here.ipynb
    """
    failed = sum(not check.ok for check in checks)
    if failed:
        return f"{failed} check(s) failed: see 'Troubleshooting' in README.md."
    return (
        "All checks passed: the course is ready. In the course folder, open lesson 00 with:\n"
        f"  {OPEN_COURSE}"
    )


def run_checks(everything: bool = False) -> list[Check]:
    """Every check, in the order ``check-env`` prints them."""
    return [
        check_python(),
        *check_packages(PROJECT_ROOT / "requirements.txt", everything),
        check_widget_frontend(),
        check_kernel(),
        *check_jupyterlab_offline(),
        check_figures(),
        *check_data(),
    ]
