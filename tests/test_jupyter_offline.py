"""JupyterLab offline: the course's settings files, how check-env places them, and what a real
JupyterLab server does with them (the page it serves, and no attempt to reach the internet).

The browser test (tests/test_browser.py) checks the part a learner sees: no question about news.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import netguard
import pytest

from bcc_teach import envcheck
from bcc_teach import jupyter_offline as offline

PLUGIN = offline.NOTIFICATION_PLUGIN
#: JupyterLab 4.6's own server defaults, written out: a config layer that stands for "without
#: the course's settings" whatever the environment running the tests has installed.
JUPYTERLAB_DEFAULTS = {
    "LabApp": {
        "news_url": "https://jupyterlab.github.io/assets/feed.xml",
        "check_for_updates_class": "jupyterlab.handlers.announcements.CheckForUpdate",
        "extension_manager": "pypi",
    }
}


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------
# Placing a settings file: write, merge, keep what was there, refuse what cannot be merged
# ------------------------------------------------------------------------------------------


def test_place_writes_a_new_file_then_leaves_it_alone(tmp_path):
    target = tmp_path / "share" / "overrides.d" / "bcc_teach.json"
    assert offline.place(target, offline.LAB_OVERRIDES).action == "written"
    assert _json(target) == {PLUGIN: {"fetchNews": "false", "checkForUpdates": False}}
    before = target.stat().st_mtime_ns
    again = offline.place(target, offline.LAB_OVERRIDES)
    assert (again.action, again.kept) == ("present", None)
    assert target.stat().st_mtime_ns == before
    assert [p.name for p in target.parent.iterdir()] == ["bcc_teach.json"]


def test_place_merges_into_an_existing_file_and_keeps_what_it_replaces(tmp_path):
    target = tmp_path / "jupyter_lab_config.json"
    mine = {"LabApp": {"default_url": "/lab/tree/x", "extension_manager": "pypi"}, "Lsp": {"a": 1}}
    target.write_text(json.dumps(mine), encoding="utf-8")
    original = target.read_bytes()
    placed = offline.place(target, offline.SERVER_CONFIG)
    assert placed.action == "merged"
    assert _json(target) == {
        "LabApp": {"default_url": "/lab/tree/x", **offline.SERVER_CONFIG["LabApp"]},
        "Lsp": {"a": 1},
    }
    assert placed.kept == tmp_path / "jupyter_lab_config.json.before-bcc_teach"
    assert placed.kept.read_bytes() == original
    assert "the earlier file is kept as" in placed.describe()
    # a second replaced value later keeps a second copy, never over the first
    target.write_text(json.dumps(mine), encoding="utf-8")
    assert offline.place(target, offline.SERVER_CONFIG).kept.name.endswith("before-bcc_teach-2")
    assert placed.kept.read_bytes() == original


def test_place_adds_to_a_file_without_a_copy_when_nothing_is_replaced(tmp_path):
    target = tmp_path / "jupyter_lab_config.json"
    target.write_text('{"ServerApp": {"open_browser": false}}', encoding="utf-8")
    placed = offline.place(target, offline.SERVER_CONFIG)
    assert (placed.action, placed.kept) == ("merged", None)
    assert _json(target) == {"ServerApp": {"open_browser": False}, **offline.SERVER_CONFIG}


@pytest.mark.parametrize("text", ['{"LabApp": {"news_url": null,}}', "[1, 2]"])
def test_place_leaves_a_file_it_cannot_merge_with_untouched(tmp_path, text):
    target = tmp_path / "jupyter_lab_config.json"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(offline.SettingsFileError, match="left as it is"):
        offline.place(target, offline.SERVER_CONFIG)
    assert target.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["jupyter_lab_config.json"]


# ------------------------------------------------------------------------------------------
# check-env: places both files, then reads them back as JupyterLab does
# ------------------------------------------------------------------------------------------


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A config folder of the highest priority and an empty lab settings folder, for one test."""
    config, settings = tmp_path / "etc-jupyter", tmp_path / "lab-settings"
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(config))
    return config, settings


def _lines(checks):
    return [check.line() for check in checks]


def test_check_env_places_the_settings_and_then_finds_them_in_effect(folders):
    config, settings = folders
    first = _lines(envcheck.check_jupyterlab_offline(config, settings))
    assert len(first) == 2 and all(line.startswith("[ OK ] ") for line in first), first
    assert first[0].endswith(f"({settings / 'overrides.d' / 'bcc_teach.json'}, written just now)")
    assert first[1].endswith(f"({config / 'jupyter_lab_config.json'}, written just now)")
    assert _json(settings / "overrides.d" / "bcc_teach.json") == offline.lab_overrides()
    assert _json(config / "jupyter_lab_config.json") == offline.SERVER_CONFIG
    second = _lines(envcheck.check_jupyterlab_offline(config, settings))
    assert all(line.startswith("[ OK ] ") and "just now" not in line for line in second), second


def test_check_env_fails_when_an_administrators_overrides_json_undoes_the_lab_settings(folders):
    config, settings = folders
    settings.mkdir()
    admin = settings / "overrides.json"
    admin.write_text(json.dumps({PLUGIN: {"fetchNews": "none"}}), encoding="utf-8")
    lab, server = _lines(envcheck.check_jupyterlab_offline(config, settings))
    assert lab.startswith("[FAIL] JupyterLab asks no question about Jupyter news")
    assert 'fetchNews is "none", not "false"' in lab and f"set in {admin}" in lab
    assert "checkForUpdates" not in lab  # the course's value still holds there
    assert server.startswith("[ OK ] ")
    assert _json(admin) == {PLUGIN: {"fetchNews": "none"}}  # never written by the course


def test_check_env_fails_when_server_config_elsewhere_undoes_the_server_settings(
    folders, tmp_path, monkeypatch
):
    config, settings = folders
    above = tmp_path / "hub-config"
    above.mkdir()
    (above / "jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"extension_manager": "pypi"}}), encoding="utf-8"
    )
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", os.pathsep.join([str(above), str(config)]))
    lab, server = _lines(envcheck.check_jupyterlab_offline(config, settings))
    assert lab.startswith("[ OK ] ")
    assert server.startswith("[FAIL] JupyterLab's server fetches no news")
    assert "LabApp.extension_manager is 'pypi', not 'readonly'" in server
    assert f"set in {above / 'jupyter_server_config.json'}" in server
    assert "news_url" not in server


def test_check_env_reports_a_file_it_cannot_write_or_merge(folders, tmp_path):
    config, settings = folders
    config.mkdir()
    (config / "jupyter_lab_config.json").write_text("{not json", encoding="utf-8")
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    lab, server = _lines(envcheck.check_jupyterlab_offline(config, blocked / "settings"))
    assert lab.startswith("[FAIL] JupyterLab asks no question") and "cannot be written" in lab
    assert "check-env once as someone who may write there" in lab
    assert server.startswith("[FAIL] JupyterLab's server") and "is not valid JSON" in server
    assert (config / "jupyter_lab_config.json").read_text(encoding="utf-8") == "{not json"


# ------------------------------------------------------------------------------------------
# A real JupyterLab server with and without the course's settings
# ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _jupyterlab(folder: Path, config_path: list[Path], settings: Path):
    """``jupyter lab`` on loopback reading ``config_path`` first and its lab settings from
    ``settings``; every attempt to reach the network is refused and written to a log of its own."""
    log = folder / "blocked.log"
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_PATH": os.pathsep.join(map(str, config_path)),
        "JUPYTERLAB_SETTINGS_DIR": str(folder / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces"),
        netguard.LOG_VARIABLE: str(log),
    }
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
        f"--LabApp.app_settings_dir={settings}",
    ]  # fmt: skip
    with open(folder / "server.log", "w") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> str:
        url = f"{base}{path}{'&' if '?' in path else '?'}token={token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                get("/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (folder / "server.log").read_text())
                time.sleep(0.3)
        yield get, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def _what_the_server_does(get) -> dict:
    """What the page would be told and what each of the three outbound features answers."""
    page = get("/lab")
    data = re.search(r'<script id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.DOTALL)
    config = json.loads(data.group(1))
    schema = json.loads(get(f"/lab/api/settings/{PLUGIN}"))["schema"]["properties"]
    return {
        "extension manager": config["extensionManager"]["name"],
        "news disabled": config["news"]["disabled"],
        "fetchNews": schema["fetchNews"]["default"],
        "checkForUpdates": schema["checkForUpdates"]["default"],
        "update": json.loads(get("/lab/api/update"))["notification"],
        "news": json.loads(get("/lab/api/news"))["news"],
        "extensions": [e["name"] for e in json.loads(get("/lab/api/extensions?refresh=1"))],
    }


def test_a_real_jupyterlab_with_the_courses_settings_asks_nothing_and_reaches_nothing(tmp_path):
    ours, defaults, settings = tmp_path / "ours", tmp_path / "defaults", tmp_path / "settings"
    offline.place(defaults / "jupyter_lab_config.json", JUPYTERLAB_DEFAULTS)
    # What check-env places, in folders of this test's own (the defaults lie beneath them, so a
    # setting missing from the course's files shows as JupyterLab's default):
    offline.place(ours / offline.SERVER_FILE, offline.SERVER_CONFIG)
    offline.place(settings / offline.LAB_FILE, offline.LAB_OVERRIDES)
    with _jupyterlab(tmp_path, [ours, defaults], settings) as (get, log):
        seen = _what_the_server_does(get)
    assert seen.pop("extensions")  # the installed extensions are still listed, from disk
    assert seen == {
        "extension manager": "read-only",
        "news disabled": True,
        "fetchNews": "false",  # "none" would make the page ask
        "checkForUpdates": False,
        "update": None,
        "news": [],
    }
    assert not log.exists(), log.read_text()


def test_without_the_courses_settings_the_same_server_reaches_for_the_internet(tmp_path):
    """The control: JupyterLab's defaults, probed the same way, are seen asking and reaching out
    (each attempt refused by the test run's network guard), so the test above can fail."""
    defaults, settings = tmp_path / "defaults", tmp_path / "settings"
    offline.place(defaults / "jupyter_lab_config.json", JUPYTERLAB_DEFAULTS)
    settings.mkdir()
    with _jupyterlab(tmp_path, [defaults], settings) as (get, log):
        seen = _what_the_server_does(get)
    assert (seen["extension manager"], seen["news disabled"]) == ("PyPI", False)
    assert (seen["fetchNews"], seen["checkForUpdates"]) == ("none", True)
    refused = log.read_text()
    assert "name lookup of 'pypi.org'" in refused or "name lookup of b'pypi.org'" in refused
    assert "jupyterlab.github.io" in refused  # the news feed
    assert refused.count("network access blocked") >= 3  # update check, news, extension list


def test_the_instructor_guide_shows_the_settings_check_env_writes():
    guide = (Path(__file__).resolve().parent.parent / "docs" / "instructors.md").read_text()
    shown = [json.loads(block) for block in re.findall(r"```json\n(.+?)\n```", guide, re.DOTALL)]
    assert offline.LAB_OVERRIDES in shown and offline.SERVER_CONFIG in shown
    for path in (f"settings/{offline.LAB_FILE.as_posix()}", f"etc/jupyter/{offline.SERVER_FILE}"):
        assert path in guide, path


def test_drop_down_lists_keep_their_keys_and_every_other_place_keeps_the_shortcuts():
    shortcuts = offline.widget_key_shortcuts()
    off = [s for s in shortcuts if s.get("disabled")]
    on = [s for s in shortcuts if not s.get("disabled")]
    assert len(off) == len(on) >= 20  # the arrows, J/K, A/B, M/Y, D D, …
    commands = {s["command"] for s in off}
    assert commands >= {"notebook:move-cursor-down", "notebook:insert-cell-above"}
    assert all(s["selector"] == offline.COMMAND_MODE for s in off)
    assert all(s["selector"] == offline.COMMAND_MODE + ":not(select)" for s in on)
    assert [(s["command"], s["keys"]) for s in off] == [(s["command"], s["keys"]) for s in on]
    assert not any("Accel" in key or "Ctrl" in key for s in shortcuts for key in s["keys"])


def test_check_env_says_when_lists_lose_their_keys(folders):
    config, settings = folders
    offline.place(settings / offline.LAB_FILE, offline.LAB_OVERRIDES)  # the news settings only
    app = offline.jupyterlab_app(settings)
    assert offline.lab_problems(app)[0].endswith("still take a drop-down list's keys")
    envcheck.check_jupyterlab_offline(config, settings)  # places the whole file
    assert offline.lab_problems(offline.jupyterlab_app(settings)) == []
