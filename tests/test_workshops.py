"""The workshop set-ups in docs/workshops.md: their files parse and agree with the course."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

from bcc_teach import envcheck

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
WORKSHOPS = (ROOT / "docs" / "workshops.md").read_text(encoding="utf-8")
VALUES = yaml.safe_load((ROOT / "docs" / "hub" / "z2jh-values.yaml").read_text(encoding="utf-8"))


def _bytes(quantity: str) -> int:
    """A Kubernetes-style memory size as JupyterHub reads it ("768M": 768 × 1024²)."""
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT])", quantity).groups()
    return int(float(number) * 1024 ** ("KMGT".index(unit) + 1))


def test_binder_runtime_is_the_python_of_the_readme_and_check_env():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    wanted = ".".join(map(str, envcheck.PYTHON))
    assert runtime == f"python-{wanted}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"## Quick start (Python {wanted})" in readme
    assert set(re.findall(r"Python (3\.\d+)", readme)) == {wanted}


def test_binder_installs_the_course_pins_unchanged_plus_pinned_extras():
    lines = [
        line.split("#")[0].strip()
        for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ]
    lines = [line for line in lines if line]
    assert lines[0] == "-r ../requirements.txt"
    assert (BINDER / lines[0].split()[1]).resolve() == ROOT / "requirements.txt"
    course = set(envcheck.read_pins(ROOT / "requirements.txt"))
    for extra in lines[1:]:
        name, _, version = extra.partition("==")
        assert version and name.lower() not in {p.lower() for p in course}, extra


def test_postbuild_is_executable_and_runs_check_env_strictly():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK)
    script = post_build.read_text(encoding="utf-8")
    assert script.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in script
    assert script.strip().splitlines()[-1] == "python -m bcc_teach check-env"


def test_the_values_file_names_an_image_and_the_measured_sizes():
    user = VALUES["singleuser"]
    assert set(user["image"]) == {"name", "tag"} and user["image"]["tag"] != "latest"
    # The guide's worst moment: server + the largest lesson + the largest exercise, in MB.
    row = r"^\| (\d\d [^|]+?) \| (\d+) \| [\d.]+ \| \| (ex\d\d|—) \| *(\d*) *\|"
    table = re.findall(row, WORKSHOPS, re.M)
    assert len(table) == 11, table
    lesson = max(int(row[1]) for row in table)
    exercise = max(int(row[3]) for row in table if row[3])
    server = int(re.search(r"server itself held about (\d+) MB", WORKSHOPS).group(1))
    worst = (server + lesson + exercise) * 1e6
    assert worst <= _bytes(user["memory"]["guarantee"]) < _bytes(user["memory"]["limit"])
    assert f"about {server} + {lesson} + {exercise}" in " ".join(WORKSHOPS.split())
    per_core = int(re.search(r"\*\*(\d+) learners per core\*\*", WORKSHOPS).group(1))
    assert user["cpu"]["guarantee"] == 1 / per_core
    assert user["cpu"]["limit"] == 1.0


def test_the_values_file_keeps_learners_offline_but_for_dns_and_git():
    policy = VALUES["singleuser"]["networkPolicy"]
    assert policy["enabled"] is True
    allowed = {rule for rule, on in policy["egressAllowRules"].items() if on}
    assert allowed == {"dnsPortsKubeSystemNamespace"}
    (rule,) = policy["egress"]
    assert rule["ports"] == [{"port": 443, "protocol": "TCP"}]
    assert rule["to"][0]["ipBlock"]["cidr"].endswith("/32")


def test_the_hook_and_the_link_name_the_same_folder_and_real_notebooks():
    command = VALUES["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller" and len(command) == 4 and command[2] == "main"
    links = re.findall(r"https://hub\.example\.org/hub/user-redirect/git-pull\?repo=\S+", WORKSHOPS)
    assert links
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert query["branch"] == ["main"]
        folder, notebook = query["urlpath"][0].removeprefix("lab/tree/").split("/", 1)
        assert folder == command[3] == urlsplit(query["repo"][0]).path.rsplit("/", 1)[-1]
        assert (ROOT / notebook).is_file(), notebook


def test_the_link_recipe_prints_the_example_link():
    recipe = re.search(r"```python\n(.*?)```", WORKSHOPS, re.S).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(recipe, {})
    assert printed.getvalue().strip() in WORKSHOPS.split("```text")[2]
