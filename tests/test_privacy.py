"""Privacy: keyed pseudonyms, a plain hash reversed, minimisation, models that carry patients,
the network guard, and no raw id in any stored notebook output."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading

import numpy as np
import pytest
import skops.io

from bcc_teach import data, deploy, models, offline, privacy
from bcc_teach._paths import PROJECT_ROOT

KEY = bytes(range(32))


@pytest.fixture
def key_file(tmp_path):
    return privacy.make_key(tmp_path / "clinic.key")


# --- the key -----------------------------------------------------------------------------------


def test_a_key_is_32_random_bytes_in_a_file_only_its_owner_reads(key_file):
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = privacy.read_key(key_file)
    assert len(key) == 32 and key != privacy.read_key(privacy.make_key(key_file.with_name("b")))
    assert key_file.read_text().strip() == key.hex()


def test_a_key_is_never_replaced_silently(key_file):
    before = key_file.read_bytes()
    with pytest.raises(privacy.PrivacyError, match="already exists.*could no longer be matched"):
        privacy.make_key(key_file)
    assert key_file.read_bytes() == before
    privacy.make_key(key_file, overwrite=True)
    assert key_file.read_bytes() != before


@pytest.mark.parametrize("inside", ["clinic.key", "data/clinic.key", "notebooks/clinic.key"])
def test_a_key_inside_the_course_folder_or_its_data_is_refused(inside):
    path = PROJECT_ROOT / inside
    with pytest.raises(privacy.PrivacyError, match="is inside the (course|data) folder"):
        privacy.make_key(path)
    assert not path.exists()
    with pytest.raises(privacy.PrivacyError, match="inside the"):
        privacy.read_key(path)


def test_a_missing_short_exposed_or_garbled_key_is_refused(tmp_path, key_file):
    with pytest.raises(privacy.PrivacyError, match="no key file at .*make_key"):
        privacy.read_key(tmp_path / "missing.key")
    short = tmp_path / "short.key"
    short.write_text(b"0123456789".hex())
    short.chmod(0o600)
    with pytest.raises(privacy.PrivacyError, match="10 bytes long; a key must be at least 32"):
        privacy.read_key(short)
    key_file.chmod(0o644)
    with pytest.raises(privacy.PrivacyError, match=r"read by other users.*chmod 600"):
        privacy.read_key(key_file)
    garbled = tmp_path / "garbled.key"
    garbled.write_text("not a key")
    garbled.chmod(0o600)
    with pytest.raises(privacy.PrivacyError, match="does not hold a key"):
        privacy.read_key(garbled)
    with pytest.raises(privacy.PrivacyError, match="not its file name"):
        privacy.pseudonym(1234567, str(key_file))


# --- pseudonyms --------------------------------------------------------------------------------


def test_a_pseudonym_is_hmac_sha256_of_the_id_and_the_same_for_the_same_key():
    expected = hmac.new(KEY, b"1234567", hashlib.sha256).hexdigest()[:16]
    same_id = (1234567, "1234567", " 1234567 ", 1234567.0, np.int64(1234567))
    assert {privacy.pseudonym(i, KEY) for i in same_id} == {expected}
    assert privacy.pseudonym(1234567, bytes(reversed(KEY))) != expected
    assert privacy.pseudonym(1234568, KEY) != expected
    for bad in (True, 1.5, float("nan"), None, ""):
        with pytest.raises(privacy.PrivacyError, match="patient id must be"):
            privacy.pseudonym(bad, KEY)


def test_pseudonymise_replaces_the_raw_ids_and_keeps_repeat_visits_together():
    wdbc = data.load_wdbc(include_uci_id=True)
    out = privacy.pseudonymise(wdbc, KEY)
    assert "uci_id" in wdbc.columns and "uci_id" not in out.columns  # the input is unchanged
    assert out["pseudonym"].nunique() == 569
    assert privacy.find_raw_ids(out.to_string()) == []
    original = privacy.pseudonymise(data.load_wbc_original(include_uci_id=True), KEY)
    assert original["pseudonym"].nunique() == original["id_group"].nunique() == 645
    assert (original.groupby("id_group")["pseudonym"].nunique() == 1).all()


def test_a_plain_hash_is_reversed_by_trying_every_id_and_a_pseudonym_is_not():
    hidden = 1234567
    ids = range(1_200_000, 1_300_000)
    found = privacy.reverse_plain_hash(privacy.plain_hash(hidden), ids)
    assert (found.found, found.tried) == ("1234567", hidden - ids.start + 1)
    assert found.words() == "Found: one of the 34,568 ids tried has exactly this hash."
    missed = privacy.reverse_plain_hash(hmac.new(KEY, b"1234567", hashlib.sha256).hexdigest(), ids)
    assert (missed.found, missed.tried) == (None, len(ids))
    with pytest.raises(privacy.PrivacyError, match="hexadecimal"):
        privacy.reverse_plain_hash("not-a-hash")


def test_enumeration_speed_gives_a_rate_and_the_time_for_the_whole_id_space():
    speed = privacy.enumeration_speed(20_000)
    assert speed.found is None and speed.tried == 20_000 and speed.ids_per_second > 0
    assert len(privacy.ID_SPACE) == 999_900_000  # every 6- to 9-digit id
    assert speed.time_for() == pytest.approx(999_900_000 / speed.ids_per_second)


# --- minimisation ------------------------------------------------------------------------------


def test_only_a_pseudonym_and_the_30_measurements_leave_the_clinic():
    wdbc = data.load_wdbc(include_uci_id=True)
    out = privacy.minimise(wdbc, KEY)
    assert list(out.outgoing.columns) == ["pseudonym", *data.FEATURES]
    assert out.kept_back == ("case_id", "diagnosis")
    named = privacy.pseudonymise(wdbc, KEY)
    assert out.outgoing["pseudonym"].tolist() == named["pseudonym"].tolist()
    table = out.table()
    assert table["leaves the clinic?"].tolist() == ["no: as a pseudonym only", "no", "no", "yes"]
    with pytest.raises(ValueError, match="lacks the column 'uci_id'"):
        privacy.minimise(data.load_wdbc(), KEY)


# --- a model can carry patients ------------------------------------------------------------


def test_a_knn_file_carries_every_training_case_and_a_logistic_regression_none(tmp_path):
    X_train, _, y_train, _ = models.split(*data.load_wdbc_xy())
    knn = models.make_model("knn").fit(X_train, y_train)
    path = tmp_path / "knn.skops"
    deploy.save_model(knn, path, X_train=X_train, y_train=y_train, threshold=0.1,
                      trained_on="2026-12-01")  # fmt: skip
    carried = privacy.patients_in_model_file(path, X_train)
    assert carried.n_recovered == 426 and carried.where == ("kneighborsclassifier._fit_X",)
    assert sorted(carried.recovered.index) == sorted(X_train.index)
    assert np.array_equal(carried.recovered.loc[X_train.index].to_numpy(), X_train.to_numpy())
    assert carried.numbers_by_step()["kneighborsclassifier"] == 426 * 30 + 426  # rows, diagnoses
    assert carried.table().loc["knn.skops", "training cases inside"] == "426 of 426"
    lr = models.reference_model().fit(X_train, y_train)
    none = privacy.patients_in_model_file(skops.io.dumps(lr), X_train)
    assert none.n_recovered == 0 and none.numbers_by_step()["logisticregression"] == 31
    assert none.words().startswith("The model file holds none of the 426 training cases")


def test_other_cases_are_not_found_in_a_model_file():
    X_train, X_test, y_train, _ = models.split(*data.load_wdbc_xy())
    knn = models.make_model("knn").fit(X_train, y_train)
    assert privacy.patients_in_model_file(skops.io.dumps(knn), X_test).n_recovered == 0


# --- everything runs locally -------------------------------------------------------------------


def test_the_network_guard_refuses_outside_calls_and_then_steps_aside():
    before = (socket.socket.connect, socket.getaddrinfo)
    attempt = privacy.demonstrate_network_block()
    assert attempt.blocked and attempt.words().startswith("Blocked: a connection to example.org")
    with privacy.network_blocked(), privacy.network_blocked():  # blocks may nest
        with pytest.raises(privacy.NetworkBlocked, match="192.0.2.1 \\(port 80\\)"):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            with pytest.raises(offline.NetworkBlocked):
                udp.sendto(b"x", ("8.8.8.8", 53))
        with socket.create_server(("127.0.0.1", 0)) as server:  # loopback stays open
            accepted = threading.Thread(target=lambda: server.accept()[0].close())
            accepted.start()
            socket.create_connection(server.getsockname(), timeout=5).close()
            accepted.join(timeout=5)
    assert (socket.socket.connect, socket.getaddrinfo) == before


# --- raw ids never appear in learner-facing tables ---------------------------------------------


@pytest.mark.parametrize(
    "text, hits",
    [("842302", ["842302"]), ("id 842302.0 malignant", ["842302"]),
     ("<td>84300903</td>", ["84300903"]), ('"uci_id": 8670', ["8670"]), ("sample 8913", ["8913"]),
     ("1842302 8423021 0.842302 842302.5 W842302 x_842302", []),
     ("area 8670, perimeter 8913", []), ("radius 17.99", [])],
)  # fmt: skip
def test_the_raw_id_rule(text, hits):
    ids = {"842302", "84300903", "8670", "8913"}
    assert [hit.raw_id for hit in privacy.find_raw_ids(text, ids)] == hits


def test_the_scan_finds_a_table_of_raw_ids_in_any_text_output_but_not_in_images(tmp_path):
    table = data.load_wdbc(include_uci_id=True).head()
    outputs = [
        {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
         "data": {"text/plain": table.to_string(), "text/html": table.to_html()}},
        {"output_type": "stream", "name": "stdout", "text": ["uci_id ", "8670\n"]},
        {"output_type": "error", "ename": "KeyError", "evalue": "842302", "traceback": []},
        {"output_type": "display_data", "metadata": {}, "data": {"image/png": "842302"}},
    ]  # fmt: skip
    cell = {"cell_type": "code", "source": "", "metadata": {}, "outputs": outputs}
    path = tmp_path / "leaky.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": ""}, cell]}))
    found = privacy.scan_notebook(path)
    kinds = sorted({(hit.cell, hit.output) for hit in found})
    assert kinds == [(2, "error"), (2, "stream stdout"), (2, "text/html"), (2, "text/plain")]
    assert sum(hit.output == "text/plain" for hit in found) == 5
    assert "raw id" in found[0].line()


def test_no_stored_notebook_output_shows_a_raw_id():
    folders = [PROJECT_ROOT / name for name in ("notebooks", "solutions", "exercises")]
    notebooks = [p for folder in folders for p in folder.glob("*.ipynb")]
    outputs = sum(
        len(cell.get("outputs", []))
        for path in notebooks
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
    )
    assert len(notebooks) >= 20 and outputs > 100  # the scan has something to look at
    found = privacy.scan_notebooks(folders)
    assert found == [], "\n".join(hit.line() for hit in found)
