"""JupyterLab offline: no question about Jupyter news, no news feed, no update check, no PyPI.

Out of the box JupyterLab 4.6 asks every learner "Would you like to get notified about official
Jupyter news?", and from then on its server can reach the internet on its own:

* the news feed (``/lab/api/news`` fetches an Atom feed from jupyterlab.github.io) once a
  learner answers *Yes*;
* the update check (``/lab/api/update`` asks pypi.org for JupyterLab's latest version) on every
  page load once the question is answered either way: *No* switches off the news, not the check;
* the extension manager (``/lab/api/extensions`` asks pypi.org for the latest version of each
  installed extension, and searches PyPI) as soon as its panel is opened.

Two files switch all of that off, for every user of the environment (a laptop's ``.venv``, a
hub's user environment), and ``python -m bcc_teach check-env`` (the README's install command)
puts them in place and checks that nothing overrides them:

* the lab settings in ``{sys.prefix}/share/jupyter/lab/settings/overrides.d/bcc_teach.json``
  (JupyterLab's folder for settings shipped by packages; an administrator's ``overrides.json``
  beside it is never written, and wins over it);
* the server settings in ``{sys.prefix}/etc/jupyter/jupyter_lab_config.json``, merged into the
  file if there is one already (a value replaced there is kept in a copy of the old file).

The same lab settings file also gives the keyboard back to the course's widgets. JupyterLab's
single-key notebook shortcuts (the arrows, A, B, D D, M, Y, …) fire whenever anything in a cell's
output has the focus and is not a text box: a learner who tabs to a drop-down list (an
ipywidgets ``Dropdown``, the explorers' case and feature lists) and presses the down arrow moves
to the next cell instead of the next option, and a letter typed to jump to an option inserts or
changes cells (ipywidgets issue 3912). ``widget_key_shortcuts`` re-scopes exactly those shortcuts
so that they do not fire while a drop-down list has the focus; everywhere else they work as
before.

They are not pip ``data-files``: setuptools does not install data files for an editable install
(``-e .`` in requirements.txt), so pip would leave them out. A file that cannot be written, or a
setting undone elsewhere, is reported by ``check-env`` with the file to look at.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
#: Lab settings (defaults for every user): never ask about news, never fetch it, never check for
#: updates. ``fetchNews`` is a string in JupyterLab's schema ("true", "false", "none" = ask).
LAB_OVERRIDES = {NOTIFICATION_PLUGIN: {"fetchNews": "false", "checkForUpdates": False}}
#: Server settings: no news feed URL, an update check that never looks, and an extension manager
#: that lists what is installed without asking PyPI (and installs nothing).
SERVER_CONFIG = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
    }
}
SHORTCUTS_PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
#: Where JupyterLab's single-key notebook shortcuts apply: anything with the focus in a notebook
#: in command mode that is not a text box (JupyterLab 4.1 and later).
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
#: ... and where the course lets them apply: not while a drop-down list has the focus.
NOT_IN_LISTS = ":not(select)"
LAB_FILE = Path("overrides.d", "bcc_teach.json")
SERVER_FILE = "jupyter_lab_config.json"
#: The extension manager JupyterLab uses unless told otherwise (it asks pypi.org).
DEFAULT_EXTENSION_MANAGER = "pypi"


class SettingsFileError(Exception):
    """An existing settings file that cannot be merged with (it is left as it is)."""


@dataclass(frozen=True)
class Placed:
    """What placing one settings file did: ``written`` (new file), ``merged`` (into an existing
    file), or ``present`` (it was already right and was not touched); ``kept`` is the copy of the
    earlier file, made whenever a value in it was replaced."""

    path: Path
    action: str
    kept: Path | None = None

    def describe(self) -> str:
        """A few words for check-env's line.

        >>> Placed(Path("a.json"), "present").describe()
        'a.json'
        >>> Placed(Path("a.json"), "merged", Path("a.json.before-bcc_teach")).describe()
        'a.json, merged just now; the earlier file is kept as a.json.before-bcc_teach'
        """
        words = {"present": "", "written": ", written just now", "merged": ", merged just now"}
        text = f"{self.path}{words[self.action]}"
        return text + (f"; the earlier file is kept as {self.kept}" if self.kept else "")


def merge(existing: dict, wanted: dict) -> tuple[dict, list[str]]:
    """``existing`` with every value of ``wanted`` in it, and the dotted names of the values that
    had another value before (added keys replace nothing). Neither argument is changed.

    >>> merged, replaced = merge({"LabApp": {"default_url": "/lab", "extension_manager": "pypi"}},
    ...                          {"LabApp": {"extension_manager": "readonly"}})
    >>> merged
    {'LabApp': {'default_url': '/lab', 'extension_manager': 'readonly'}}
    >>> replaced
    ['LabApp.extension_manager']
    """
    merged, replaced = dict(existing), []
    for key, value in wanted.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key], inner = merge(merged[key], value)
            replaced += [f"{key}.{name}" for name in inner]
        else:
            if key in merged and merged[key] != value:
                replaced.append(key)
            merged[key] = value
    return merged, replaced


def _kept_copy_name(path: Path) -> Path:
    candidate, number = path.with_name(path.name + ".before-bcc_teach"), 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.before-bcc_teach-{number}")
    return candidate


def place(path: Path, wanted: dict) -> Placed:
    """Put ``wanted`` into the JSON file ``path``: create it, or merge into the file there.

    Values the file already has for other settings stay; a value ``wanted`` replaces is kept in
    a copy of the earlier file (``NAME.before-bcc_teach``), so nothing is lost. A file that is
    not a JSON object is left untouched and raises :class:`SettingsFileError`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = Path(folder, "jupyter_lab_config.json")
    ...     print(place(target, {"LabApp": {"news_url": None}}).action,
    ...           place(target, {"LabApp": {"news_url": None}}).action)
    written present
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
        return Placed(path, "written")
    before = path.read_text(encoding="utf-8")
    try:
        existing = json.loads(before)
    except ValueError as exc:
        raise SettingsFileError(
            f"{path} is not valid JSON ({exc}); it was left as it is: correct it, or move it "
            "away, then run python -m bcc_teach check-env again"
        ) from None
    if not isinstance(existing, dict):
        raise SettingsFileError(f"{path} does not hold a JSON object; it was left as it is")
    merged, replaced = merge(existing, wanted)
    if merged == existing:
        return Placed(path, "present")
    kept = None
    if replaced:
        kept = _kept_copy_name(path)
        kept.write_text(before, encoding="utf-8")
    path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    return Placed(path, "merged", kept)


def env_config_dir() -> Path:
    """The environment's Jupyter config folder, ``{sys.prefix}/etc/jupyter``."""
    from jupyter_core.paths import ENV_CONFIG_PATH

    return Path(ENV_CONFIG_PATH[0]) if ENV_CONFIG_PATH else Path(sys.prefix, "etc", "jupyter")


def jupyterlab_app(app_settings_dir: str | Path | None = None):
    """JupyterLab's server-side application with its configuration read from the config files,
    as ``jupyter lab`` and a hub's single-user server read it (no server is started).

    ``app_settings_dir`` replaces the folder of lab settings (``overrides.d/`` lives there).
    """
    from jupyter_server.serverapp import ServerApp
    from jupyterlab.labapp import LabApp

    server = ServerApp(log_level="CRITICAL")
    server.load_config_file()
    lab = LabApp(log_level="CRITICAL")
    lab.serverapp = server
    lab.load_config_file()  # jupyter_lab_config.*, then jupyter_server_config.* over it
    lab.update_config(server.config)
    if app_settings_dir is not None:
        lab.app_settings_dir = str(app_settings_dir)
    return lab


def _schemas_dir() -> Path:
    from jupyterlab.commands import get_app_dir

    return Path(get_app_dir(), "schemas")


def widget_key_shortcuts(schemas_dir: str | Path | None = None) -> list[dict]:
    """JupyterLab's notebook shortcuts that a drop-down list needs the keys of (no Ctrl, Alt or
    Accel: the arrows, letters, Shift with one of them), each switched off (``disabled``) and
    added again with a selector that leaves out a focused list (``NOT_IN_LISTS``). Read from
    the installed JupyterLab's settings schemas (``schemas_dir``), so it follows its version.

    >>> down = [s for s in widget_key_shortcuts() if s["command"] == "notebook:move-cursor-down"]
    >>> [(s["keys"], "disabled" in s, s["selector"].endswith(":not(select)")) for s in down]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(['ArrowDown'], True, False), (['ArrowDown'], False, True),
     (['J'], True, False), (['J'], False, True)]
    """
    shortcuts = []
    for schema in sorted(Path(schemas_dir or _schemas_dir()).rglob("*.json")):
        try:
            declared = json.loads(schema.read_text(encoding="utf-8")).get("jupyter.lab.shortcuts")
        except (ValueError, AttributeError):
            continue
        for shortcut in declared or []:
            keys = shortcut.get("keys") or []
            if (
                shortcut.get("selector") != COMMAND_MODE
                or shortcut.get("disabled")
                or not keys
                or any(part in key for key in keys for part in ("Accel", "Ctrl", "Alt", "Cmd"))
            ):
                continue
            shortcuts.append({**shortcut, "disabled": True})
            shortcuts.append({**shortcut, "selector": COMMAND_MODE + NOT_IN_LISTS})
    return shortcuts


def lab_overrides(schemas_dir: str | Path | None = None) -> dict:
    """Everything the course's lab settings file holds: ``LAB_OVERRIDES`` (no news, no update
    check) and the shortcuts re-scoped for drop-down lists (``widget_key_shortcuts``)."""
    return {**LAB_OVERRIDES, SHORTCUTS_PLUGIN: {"shortcuts": widget_key_shortcuts(schemas_dir)}}


def lab_defaults(app) -> dict:
    """The defaults JupyterLab's server hands the page for the notification settings, after
    every overrides file (``overrides.d/``, ``overrides.json``, ``labconfig/``) is applied."""
    from jupyterlab_server.settings_utils import get_settings

    result, _ = get_settings(
        app.app_settings_dir, app.schemas_dir, app.user_settings_dir, NOTIFICATION_PLUGIN
    )
    properties = result["schema"]["properties"]
    return {name: properties[name]["default"] for name in LAB_OVERRIDES[NOTIFICATION_PLUGIN]}


def _files_naming(folders: list[Path], names: list[str], words: list[str], not_this: Path):
    found = []
    for folder in folders:
        for name in names:
            for path in sorted(folder.glob(name)):
                if path.resolve() == not_this.resolve() or not path.is_file():
                    continue
                text = path.read_text(encoding="utf-8", errors="replace")
                if any(word in text for word in words):
                    found.append(str(path))
    return found


def _list_key_problems(app) -> list[str]:
    """Whether drop-down lists keep their keys (the re-scoped shortcuts are in effect)."""
    from jupyterlab_server.settings_utils import get_settings

    result, _ = get_settings(
        app.app_settings_dir, app.schemas_dir, app.user_settings_dir, SHORTCUTS_PLUGIN
    )
    default = result["schema"]["properties"]["shortcuts"].get("default") or []
    missing = [s for s in widget_key_shortcuts(app.schemas_dir) if s not in default]
    if not missing:
        return []
    return [f"{len(missing)} notebook shortcuts still take a drop-down list's keys"]


def lab_problems(app) -> list[str]:
    """What still makes JupyterLab ask about news or check for updates, or lets its notebook
    shortcuts take a drop-down list's keys (empty: nothing)."""
    wanted, defaults = LAB_OVERRIDES[NOTIFICATION_PLUGIN], lab_defaults(app)
    wrong = [name for name, value in wanted.items() if defaults.get(name) != value]
    if not wrong:
        return _list_key_problems(app)
    from jupyter_core.paths import jupyter_config_path

    settings = Path(app.app_settings_dir)
    folders = [settings, settings / "overrides.d"]
    folders += [Path(p, "labconfig") for p in jupyter_config_path()]
    suspects = _files_naming(folders, ["*.json", "*.json5"], wrong, settings / LAB_FILE)
    return [
        f"{name} is {json.dumps(defaults.get(name))}, not {json.dumps(wanted[name])}"
        for name in wrong
    ] + ([f"set in {', '.join(suspects)}"] if suspects else [])


def server_settings(app) -> dict:
    """The three server settings as JupyterLab will use them (the update checker by its name)."""
    checker = app.check_for_updates_class
    return {
        "news_url": app.news_url,
        "check_for_updates_class": f"{checker.__module__}.{checker.__qualname__}",
        "extension_manager": app.extension_manager,
    }


def server_problems(app, ours: Path | None = None) -> list[str]:
    """What still lets JupyterLab's server reach the internet (empty: nothing); ``ours`` is the
    course's own server settings file, left out of the files named as the cause."""
    from jupyterlab import NeverCheckForUpdate

    actual = server_settings(app)
    wanted = dict(SERVER_CONFIG["LabApp"])
    wanted["check_for_updates_class"] = (
        f"{NeverCheckForUpdate.__module__}.{NeverCheckForUpdate.__qualname__}"
    )
    wrong = [name for name in wanted if actual[name] != wanted[name]]
    if not wrong:
        return []
    from jupyter_core.paths import jupyter_config_path

    suspects = _files_naming(
        [Path(p) for p in jupyter_config_path()],
        [f"{stem}.{ext}" for stem in ("jupyter_lab_config", "jupyter_server_config",
                                       "jupyter_config") for ext in ("json", "py")],
        wrong,
        ours or env_config_dir() / SERVER_FILE,
    )  # fmt: skip
    return [f"LabApp.{name} is {actual[name]!r}, not {wanted[name]!r}" for name in wrong] + (
        [f"set in {', '.join(suspects)}"] if suspects else []
    )
