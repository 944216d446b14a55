"""Batch scoring you can trust (deploy.score_file) and features of a folder of images on Dask.

Rows are counted as a spreadsheet counts them: the header is row 1. Columns of the test files:
A case_id, B diagnosis, C radius_mean, D texture_mean, E perimeter_mean, F area_mean, …
"""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd
import pytest
from test_read_cases import _set  # a cell put in a spreadsheet row of a CSV text

from bcc_teach import data, deploy, features, models, shift
from bcc_teach.deploy import batch

THRESHOLD = 0.1


@pytest.fixture(scope="module")
def split():
    return models.split(*data.load_wdbc_xy())


@pytest.fixture(scope="module")
def model(split, tmp_path_factory):
    X_train, _, y_train, _ = split
    path = tmp_path_factory.mktemp("model") / "lr.skops"
    fitted = models.reference_model().fit(X_train, y_train)
    deploy.save_model(fitted, path, X_train=X_train, y_train=y_train, threshold=THRESHOLD,
                      trained_on="2026-12-01")  # fmt: skip
    return deploy.load_model(path)


@pytest.fixture(scope="module")
def warning(split):
    return shift.fit_ood_warning(split[0])


@pytest.fixture(scope="module")
def cases():
    """400 WDBC cases with case_id (W0000, W0001, …) and diagnosis columns."""
    table = data.load_wdbc().head(400).copy()
    table["case_id"] = [f"W{i:04d}" for i in range(len(table))]
    return table


def _text(table: pd.DataFrame) -> str:
    return table.to_csv(index=False, lineterminator="\n")


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())
            if p.is_file()}  # fmt: skip


def _score(model, warning, source, output, **options):
    options.setdefault("show_progress", False)
    return deploy.score_file(model, source, output, warning=warning, **options)


def test_every_case_is_scored_with_the_models_probability_threshold_and_fingerprint(
    model, warning, cases, tmp_path
):
    source = tmp_path / "clinic.csv"
    source.write_text(_text(cases))
    before = source.read_bytes(), source.stat().st_mtime_ns
    result = _score(model, warning, source, tmp_path / "scores.csv")
    scores = pd.read_csv(result.output_path, dtype={"case_id": str, "ood_reason": str},
                         keep_default_na=False)  # fmt: skip
    assert list(scores.columns) == list(deploy.OUTPUT_COLUMNS)
    assert scores["row"].tolist() == list(range(2, len(cases) + 2))
    assert scores["case_id"].tolist() == cases["case_id"].tolist()
    expected = model.probability_malignant(cases[list(data.FEATURES)])
    np.testing.assert_array_equal(scores["probability_malignant"].to_numpy(), expected)
    assert scores["flagged"].tolist() == (expected >= THRESHOLD).astype(int).tolist()
    assert (scores["threshold"] == THRESHOLD).all()
    assert (scores["model_fingerprint"] == model.fingerprint).all()
    assert (result.rows, result.scored, result.rejected, result.blank) == (400, 400, 0, 0)
    assert result.flagged == int((expected >= THRESHOLD).sum())
    assert pd.read_csv(result.rejected_path).empty  # written, and lists no row
    assert list(pd.read_csv(result.rejected_path).columns) == list(deploy.REJECTED_COLUMNS)
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before  # input untouched
    assert "Scored 400 of the 400 cases in clinic.csv" in result.words()


BAD_ROWS = {  # row: (column letter, column name, value, what the reason says)
    4: ("F", "area_mean", "large", r"'large' is not a number"),
    10: ("D", "texture_mean", "", r"the cell is empty"),
    12: ("A", "case_id", "W0000", r"case_id 'W0000' is used twice \(rows 2 and 12\)"),
    20: ("C", "radius_mean", "-3", r"-3 is negative"),
}


def _bad_file(cases, folder):
    text = _text(cases)
    for row, (_, column, value, _) in BAD_ROWS.items():
        text = _set(row, column, value, text)
    path = folder / "clinic.csv"
    path.write_text(text)
    return path


def test_bad_rows_are_rejected_with_row_column_and_reason_and_the_rest_scored(
    model, warning, cases, tmp_path
):
    source = _bad_file(cases, tmp_path)
    result = _score(model, warning, source, tmp_path / "scores.csv")
    rejected = pd.read_csv(result.rejected_path, dtype=str, keep_default_na=False)
    assert result.rejected_path.name == "scores.rejected.csv"
    assert rejected["row"].astype(int).tolist() == list(BAD_ROWS)
    assert rejected["column"].tolist() == [c for c, _, _, _ in BAD_ROWS.values()]
    assert rejected["column_name"].tolist() == [n for _, n, _, _ in BAD_ROWS.values()]
    for problem, (row, (_, _, _, pattern)) in zip(rejected["problem"], BAD_ROWS.items(),
                                                  strict=True):  # fmt: skip
        assert problem.startswith(f"row {row}") or f"and {row})" in problem
        assert re.search(pattern, problem), problem
    assert rejected.loc[rejected["row"] == "12", "case_id"].item() == "W0000"
    scores = pd.read_csv(result.output_path)
    assert not set(scores["row"]) & set(BAD_ROWS)  # a rejected row is not scored
    assert len(scores) + len(rejected) == len(cases)  # and none is lost
    assert (result.scored, result.rejected, result.rows) == (396, 4, 400)
    assert "4 row(s) were rejected and NOT scored" in result.words()


def test_refuse_file_writes_nothing_and_lists_every_problem(model, warning, cases, tmp_path):
    source = _bad_file(cases, tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(data.DataError) as caught:
        _score(model, warning, source, tmp_path / "scores.csv", policy="refuse-file")
    assert len(caught.value.problems) == len(BAD_ROWS)
    assert "row 4, column F (area_mean)" in str(caught.value)
    assert "Nothing was scored and no file was written" in caught.value.__notes__[0]
    assert _snapshot(tmp_path) == before  # no output, no list, no temporary file


def test_too_many_bad_rows_refuse_the_file_under_the_default_policy(
    model, warning, cases, tmp_path
):
    source = _bad_file(cases, tmp_path)  # 4 of 400 rows: 1%, over a limit of 0.5%
    before = _snapshot(tmp_path)
    with pytest.raises(data.DataError) as caught:
        _score(model, warning, source, tmp_path / "scores.csv", max_rejected_share=0.005)
    assert "point to a problem with the export" in caught.value.__notes__[0]
    assert _snapshot(tmp_path) == before


def test_a_crash_while_writing_leaves_no_half_written_file(
    model, warning, cases, tmp_path, monkeypatch
):
    source = tmp_path / "clinic.csv"
    source.write_text(_text(cases))
    output = tmp_path / "scores.csv"
    output.write_text("yesterday's scores\n")
    before = _snapshot(tmp_path)
    calls = []
    write = batch._write_scores

    def crash_on_the_third_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("the disk was pulled out")
        return write(*args, **kwargs)

    monkeypatch.setattr(batch, "_write_scores", crash_on_the_third_chunk)
    with pytest.raises(OSError, match="pulled out"):
        _score(model, warning, source, output, chunk_size=50, overwrite=True)
    assert len(calls) == 3
    assert _snapshot(tmp_path) == before  # the old output as it was; no list; no temporary


def test_a_file_that_turns_bad_halfway_is_refused_and_nothing_is_written(
    model, warning, cases, tmp_path
):
    source = tmp_path / "clinic.csv"
    text = _text(cases).encode()
    lines = text.splitlines(keepends=True)
    lines[120] = lines[120].replace(b",", b",\xff", 1)  # row 121 is not UTF-8: the file is
    source.write_bytes(b"".join(lines))  # not what it claims, found while reading chunk 3
    with pytest.raises(data.DataError, match="row 121 is not UTF-8"):
        _score(model, warning, source, tmp_path / "scores.csv", chunk_size=50)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.csv"]


def test_reading_ahead_hands_over_in_order_and_stops_when_the_reader_stops():
    import threading

    read, closed = [], threading.Event()

    def chunks():
        try:
            for number in range(100):
                read.append(number)
                yield number
        finally:
            closed.set()

    ahead = batch._read_ahead(chunks())
    assert [next(ahead) for _ in range(3)] == [0, 1, 2]
    ahead.close()  # the scorer stops (an error while writing, say)
    assert closed.is_set() and len(read) <= 5  # the thread read at most two chunks ahead
    assert not any(t.name.startswith("bcc_teach-read-ahead") for t in threading.enumerate())
    assert list(batch._read_ahead(iter(range(4)))) == [0, 1, 2, 3]


def test_the_input_is_never_overwritten(model, warning, cases, tmp_path):
    source = tmp_path / "clinic.csv"
    source.write_text(_text(cases))
    (tmp_path / "sub").mkdir()
    before = _snapshot(tmp_path)
    for output in (source, tmp_path / "sub" / ".." / "clinic.csv"):
        with pytest.raises(ValueError, match="the input file itself"):
            _score(model, warning, source, output, overwrite=True)
    named_like_a_list = tmp_path / "scores.rejected.csv"  # the list beside scores.csv
    named_like_a_list.write_text(_text(cases))
    with pytest.raises(ValueError, match="the input file itself"):
        _score(model, warning, named_like_a_list, tmp_path / "scores.csv", overwrite=True)
    named_like_a_list.unlink()
    assert _snapshot(tmp_path) == before


def test_an_existing_output_is_replaced_only_when_asked(model, warning, cases, tmp_path):
    source = tmp_path / "clinic.csv"
    source.write_text(_text(cases.head(50)))
    output = tmp_path / "scores.csv"
    output.write_text("yesterday's scores\n")
    with pytest.raises(FileExistsError, match="scores.csv already exist"):
        _score(model, warning, source, output)
    assert output.read_text() == "yesterday's scores\n"
    _score(model, warning, source, output, overwrite=True)
    assert len(pd.read_csv(output)) == 50


def test_a_drifted_case_gets_the_ood_flag_and_its_reason(model, warning, cases, tmp_path):
    table = cases.head(100).copy()
    sizes = ["radius_mean", "perimeter_mean", "area_mean", "radius_worst", "perimeter_worst",
             "area_worst"]  # fmt: skip
    table.loc[5, sizes] = table.loc[5, sizes] * 3  # row 7: three times the size
    source = tmp_path / "clinic.csv"
    source.write_text(_text(table))
    result = _score(model, warning, source, tmp_path / "scores.csv")
    scores = pd.read_csv(result.output_path, keep_default_na=False).set_index("row")
    assert scores.loc[7, "ood_warning"] == 1
    assert "outside the training range" in scores.loc[7, "ood_reason"]
    assert scores.loc[7, "probability_malignant"] == pytest.approx(
        model.probability_malignant(table.loc[[5], list(data.FEATURES)])[0]
    )  # still scored, and the flag says not to trust it
    expected = warning.warned(table[list(data.FEATURES)])
    assert scores["ood_warning"].tolist() == expected.astype(int).tolist()
    assert result.warned == int(expected.sum())


def test_chunked_and_unchunked_give_the_same_results(model, warning, cases, tmp_path):
    """The same rows, decisions and warnings, and the same list of rejected rows, byte for
    byte. The probabilities agree to the last digit or two: scikit-learn's matrix products
    round the last bit differently for batches of different sizes (at most about 3e-16 here),
    whichever way the batches are made."""
    source = _bad_file(cases, tmp_path)
    whole = _score(model, warning, source, tmp_path / "whole.csv")
    small = _score(model, warning, source, tmp_path / "small.csv", chunk_size=7)
    a, b = pd.read_csv(whole.output_path), pd.read_csv(small.output_path)
    exact = [c for c in deploy.OUTPUT_COLUMNS if c != "probability_malignant"]
    pd.testing.assert_frame_equal(a[exact], b[exact])
    np.testing.assert_allclose(a["probability_malignant"], b["probability_malignant"],
                               rtol=0, atol=1e-15)  # fmt: skip
    assert whole.rejected_path.read_bytes() == small.rejected_path.read_bytes()
    assert (whole.scored, whole.rejected, whole.flagged, whole.warned) == (
        small.scored, small.rejected, small.flagged, small.warned)  # fmt: skip


def test_rows_read_one_by_one_score_as_rows_read_together(model, warning, cases, tmp_path):
    """Quoted labels send every row through the row-by-row rules, plain ones through the
    vectorised pass: the numbers read, and so the scores, are the same to the last digit."""
    plain, quoted = tmp_path / "plain.csv", tmp_path / "quoted.csv"
    plain.write_text(_text(cases.head(60)))
    cases.head(60).to_csv(quoted, index=False, quoting=1)  # csv.QUOTE_ALL
    a = pd.read_csv(_score(model, warning, plain, tmp_path / "a.csv").output_path)
    b = pd.read_csv(_score(model, warning, quoted, tmp_path / "b.csv").output_path)
    pd.testing.assert_frame_equal(a, b)


MALFORMED_ROWS = {  # a panel of bad rows of many kinds: each is rejected, none is lost
    "text": ("area_mean", "large"),
    "unit": ("radius_mean", "12 um"),
    "decimal comma": ("radius_mean", '"12,5"'),
    "missing marker": ("area_mean", "?"),
    "nan": ("texture_mean", "nan"),
    "infinite": ("smoothness_mean", "1e999"),
    "zero size": ("radius_mean", "0"),
    "implausible": ("area_mean", "5e6"),
    "worst below mean": ("radius_worst", "3.5"),
    "empty label": ("case_id", ""),
    "unknown diagnosis": ("diagnosis", "cancer"),
    "numeric diagnosis": ("diagnosis", "0"),
    "stray comma": ("texture_mean", "1,2"),
}


@pytest.mark.parametrize("kind", list(MALFORMED_ROWS))
def test_no_malformed_row_is_lost(model, warning, cases, tmp_path, kind):
    column, value = MALFORMED_ROWS[kind]
    source = tmp_path / "clinic.csv"
    source.write_text(_set(9, column, value, _text(cases.head(150)) + "\n\n"))  # + blank rows
    result = _score(model, warning, source, tmp_path / "scores.csv")
    rejected = pd.read_csv(result.rejected_path, dtype=str, keep_default_na=False)
    assert set(rejected["row"]) == {"9"}, rejected
    scores = pd.read_csv(result.output_path)
    assert 9 not in set(scores["row"])
    assert (result.scored, result.rejected, result.blank) == (149, 1, 2)


def test_progress_is_one_plain_line_where_outputs_are_stored(model, warning, cases, tmp_path,
                                                             capsys):  # fmt: skip
    source = tmp_path / "clinic.csv"
    source.write_text(_text(cases.head(30)))
    deploy.score_file(model, source, tmp_path / "scores.csv", warning=warning, chunk_size=10)
    assert capsys.readouterr().out == "rows of clinic.csv read: 31 of 31 done\n"


def test_a_model_without_metadata_or_a_foreign_warning_is_refused(
    model, warning, split, cases, tmp_path
):
    source = tmp_path / "clinic.csv"
    source.write_text(_text(cases.head(30)))
    with pytest.raises(TypeError, match="deploy.load_model"):
        _score(model.model, warning, source, tmp_path / "scores.csv")
    with pytest.raises(ValueError, match="fitted on 569 cases, the model on 426"):
        _score(model, shift.fit_ood_warning(data.load_wdbc_xy()[0]), source,
               tmp_path / "scores.csv")  # fmt: skip
    with pytest.raises(ValueError, match="policy must be one of"):
        _score(model, warning, source, tmp_path / "scores.csv", policy="drop-rows")
    assert not (tmp_path / "scores.csv").exists()


# -- features of a folder of images, on Dask ------------------------------------------------


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    deploy.write_synthetic_images(folder, 3, seed=5)
    (folder / "blank.npy").write_bytes(b"")  # not an image: listed as failed, not dropped
    np.save(folder / "empty_slide.npy", np.full((64, 64), 215, dtype=np.uint8))
    return folder


def test_dask_extraction_equals_measuring_one_image_after_another(images):
    serial = deploy.extract_features(images, workers=0)
    on_dask = deploy.extract_features(images, workers=1, processes=False)
    pd.testing.assert_frame_equal(serial.features, on_dask.features)
    assert list(serial.features.index) == [f"synthetic_{n:05d}.png" for n in range(3)]
    one = deploy.read_image(images / "synthetic_00001.png")
    expected = features.image_features(one).iloc[0].to_numpy()
    np.testing.assert_array_equal(serial.features.iloc[1].to_numpy(), expected)
    assert set(on_dask.failed) == {"blank.npy", "empty_slide.npy"}
    assert "No nucleus found" in on_dask.failed["empty_slide.npy"]
    assert serial.failed == on_dask.failed
    assert "2 could not be measured" in on_dask.words()


def test_a_given_client_is_used_and_listens_only_on_this_computer(images):
    import psutil
    from distributed import Client

    with deploy.local_cluster(1, processes=False) as cluster, Client(cluster) as c:
        listening = [conn.laddr.ip for conn in psutil.Process().net_connections(kind="inet")
                     if conn.status == psutil.CONN_LISTEN]  # fmt: skip
        result = deploy.extract_features(images, client=c)
        assert cluster.status.name == "running"  # a given cluster is left running
    assert listening and set(listening) == {"127.0.0.1"}
    assert result.workers == 1 and len(result.features) == 3
    assert os.environ.get("BCC_TEACH_PLAIN_PROGRESS")  # the tests' settings are in force
