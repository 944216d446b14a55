"""python -m bcc_teach check-env / course-map, as a learner or an instructor runs them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bcc_teach import envcheck

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "bcc_teach", *args],
        capture_output=True, text=True, cwd="/", env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.fixture(scope="module")
def check_env_here():
    """One run of ``check-env`` in this environment, read by the tests below (each run costs
    about 2 s, most of it loading JupyterLab's server to read its settings)."""
    return _run("check-env")


def test_check_env_passes_here(check_env_here):
    result = check_env_here
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[ OK ] Python 3.11.")
    for package in ("jupyterlab", "scikit-learn", "pandas", "ipywidgets", "lime", "nbval"):
        assert any(line.startswith(f"[ OK ] {package} ") for line in lines), package
    assert any("ipywidgets front-end for JupyterLab" in line for line in lines)
    for jupyterlab in ("JupyterLab asks no question about Jupyter", "JupyterLab's server fetches"):
        assert any(line.startswith(f"[ OK ] {jupyterlab}") for line in lines), jupyterlab
    assert "[ OK ] data/wdbc.csv: matches its published checksum" in lines
    assert not any(line.startswith("[FAIL]") for line in lines)
    assert any(line.startswith("All checks passed") for line in lines)


def test_check_env_all_lists_every_pin():
    pins = envcheck.read_pins(ROOT / "requirements.txt")
    lines = _run("check-env", "--all").stdout.splitlines()
    listed = {line.split()[3] for line in lines if re.fullmatch(r"\[ OK \] \S+ \S+", line)}
    assert listed >= set(pins)


def test_check_env_fails_on_a_damaged_data_file(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    (copy / "wdbc.csv").write_text("uci_id,diagnosis\n")
    result = _run("check-env", env={"BCC_TEACH_DATA": str(copy)})
    assert result.returncode == 1
    assert "[FAIL] data/wdbc.csv: this bundled data file has changed" in result.stdout
    assert "[ OK ] data/wbc_original.csv" in result.stdout
    assert "1 check(s) failed" in result.stdout


def test_package_version_mismatch_is_reported(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        "# pins\npandas==0.0.1\nno-such-package-here==1.0\nnumpy==2.4.6\n-e .\n"
    )
    checks = envcheck.check_packages(requirements)
    lines = [check.line() for check in checks]
    assert "[FAIL] pandas 3.1.1 is installed, the course pins 0.0.1" in lines
    assert "[FAIL] no-such-package-here is not installed (pinned 1.0)" in lines
    assert "[ OK ] numpy 2.4.6" in lines
    assert envcheck.check_packages(tmp_path / "missing.txt")[0].ok is False


def test_requirements_pin_every_line_exactly():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[-1] == "-e ."
    assert all("==" in line for line in lines[:-1])
    pins = envcheck.read_pins(ROOT / "requirements.txt")
    for needed in ("jupyterlab", "scikit-learn", "pandas", "numpy", "scipy", "matplotlib",
                   "seaborn", "ipywidgets", "nbval", "lime", "pytest", "nbformat", "nbclient",
                   "ruff", "hypothesis"):  # fmt: skip
        assert needed in pins, needed


def test_course_map_command_prints_the_readme_table():
    result = _run("course-map")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].startswith("| # | lesson |")
    assert "| 01 | " in result.stdout


def test_schedule_command_prints_the_three_stored_agendas():
    from bcc_teach.schedule import agendas

    result = _run("schedule")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "\n\n".join(agendas().values()) + "\n"
    titles = [line for line in result.stdout.splitlines() if line.startswith("# ")]
    assert [t.split(" (")[0] for t in titles] == [
        "# Half-day workshop", "# Full-day workshop", "# Two-day workshop",
    ]  # fmt: skip
    for name, text in agendas().items():
        assert (ROOT / "docs" / "agendas" / name).read_text(encoding="utf-8") == text
    check = _run("schedule", "--check")
    assert (check.returncode, check.stdout) == (0, "The agendas in docs/agendas/ are current.\n")


def test_unknown_command_is_refused():
    result = _run("make-coffee")
    assert result.returncode == 2
    assert "invalid choice: 'make-coffee'" in result.stderr


# ------------------------------------------------------------------------------------------
# The README's commands, as JupyterLab reads them
# ------------------------------------------------------------------------------------------


def _install_command() -> str:
    """The command in the README's code block after "Install and open the course"."""
    after = README[README.index("Install and open the course") :]
    return re.search(r"```bash\n(.+?)\n```", after, flags=re.DOTALL).group(1)


def _jupyter_server(command: str, monkeypatch):
    """What ``jupyter lab …`` typed in the course folder serves and opens (no server started)."""
    from jupyter_server.serverapp import ServerApp

    words = shlex.split(command)
    assert words[:2] == ["jupyter", "lab"], command
    monkeypatch.chdir(ROOT)
    app = ServerApp()
    app.parse_command_line(words[2:])
    opened = app._resolve_file_to_run_and_root_dir() if app.file_to_run else None
    return app, opened


def test_the_install_command_ends_by_opening_lesson_00_with_the_whole_course(monkeypatch):
    install = _install_command()
    assert install == (
        f"python -m pip install -r requirements.txt && python -m bcc_teach check-env && "
        f"{envcheck.OPEN_COURSE}"
    )
    app, opened = _jupyter_server(envcheck.OPEN_COURSE, monkeypatch)
    assert Path(app.root_dir) == ROOT  # the file browser shows exercises/ and the README too
    assert opened == "notebooks/00_start_here.ipynb"
    # Naming the notebook alone would serve notebooks/ only: lesson 01's link to its exercise
    # (../exercises/…) would lead outside what JupyterLab serves.
    alone, _ = _jupyter_server("jupyter lab notebooks/00_start_here.ipynb", monkeypatch)
    assert Path(alone.root_dir) == ROOT / "notebooks"


def test_every_jupyter_lab_command_in_the_readme_serves_the_course_folder(monkeypatch):
    commands = re.findall(r"`(jupyter lab[^`]*)`", README)
    assert envcheck.OPEN_COURSE in commands
    for command in commands:
        app, opened = _jupyter_server(command, monkeypatch)
        assert Path(app.root_dir) == ROOT, command
        assert opened in (None, "notebooks/00_start_here.ipynb"), command
    server = next(c for c in commands if "--no-browser" in c)
    app, _ = _jupyter_server(server, monkeypatch)
    assert app.allow_root and not app.open_browser


def test_check_env_ends_by_saying_how_to_open_the_course(check_env_here):
    result = check_env_here
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("\n\n" + envcheck.verdict([]) + "\n")
    assert envcheck.OPEN_COURSE in envcheck.verdict([])


def test_readme_quotes_pips_error_for_an_inactive_environment():
    exceptions = pytest.importorskip("pip._internal.exceptions")
    assert f"`error: {exceptions.ExternallyManagedEnvironment.reference}`" in README
