"""Typical answers to exercise 01, "Meet the data"."""

import functools

from bcc_teach import data


def _right_function(table, feature, cutoff):
    malignant = table[table["diagnosis"] == "malignant"]
    return (malignant[feature] >= cutoff).mean()


def _benign_function(table, feature, cutoff):
    benign = table[table["diagnosis"] == "benign"]
    return (benign[feature] >= cutoff).mean()


def _strict_function(table, feature, cutoff):
    malignant = table[table["diagnosis"] == "malignant"]
    return (malignant[feature] > cutoff).mean()


def _percentage_function(table, feature, cutoff):
    return 100 * _right_function(table, feature, cutoff)


def _fixed_cutoff_function(table, feature, cutoff):
    malignant = table[table["diagnosis"] == "malignant"]
    return (malignant[feature] >= 15).mean()


WDBC_FOR_Q7 = data.load_wdbc()


def _fixed_table_function(table, feature, cutoff):
    malignant = WDBC_FOR_Q7[WDBC_FOR_Q7["diagnosis"] == "malignant"]  # the notebook's wdbc
    return (malignant[feature] >= cutoff).mean()


def _all_cases_function(table, feature, cutoff):
    return (table[feature] >= cutoff).mean()


def _recoding_function(table, feature, cutoff):
    """Right, but recodes the diagnosis column of the table it is given, in place."""
    table["diagnosis"] = (table["diagnosis"] == "malignant").astype(int)
    return (table.loc[table["diagnosis"] == 1, feature] >= cutoff).mean()


def _broken_function(table, feature, cutoff):
    rows = table[table["diagnosis"] == "malignant"]
    return len(rows[feature] >= cutoff) / 0


@functools.cache
def typical():
    wdbc = data.load_wdbc()
    malignant = wdbc[wdbc["diagnosis"] == "malignant"]
    benign = wdbc[wdbc["diagnosis"] == "benign"]
    found = (malignant["radius_mean"] >= 15).sum()
    flagged = (wdbc["radius_mean"] >= 15).sum()
    cleared = (benign["radius_mean"] < 15).sum()
    return {
        "q1": (
            [212, malignant.shape[0], (wdbc["diagnosis"] == "malignant").sum(), 212.0],
            [
                (357, "benign_as_positive"),
                (569, "every case"),
                (212 / 569, "the share of cases that are malignant"),
                ("212", "text (in quotes)"),
            ],
        ),
        "q2": (
            [212 / 569, (wdbc["diagnosis"] == "malignant").mean(), 0.37],
            [
                (212 / 569 * 100, "percentage_for_proportion"),
                (357 / 569, "benign_as_positive"),
                (212, "the number of malignant cases"),
                (212 / 357, "(the odds)"),
                (wdbc["diagnosis"] == "malignant", "a column (Series)"),
            ],
        ),
        "q3": (
            ["a", " (A) "],
            [
                ("b", "has not changed"),
                ("c", "does not come from the measurements"),
                ("d", "nowhere near enough"),
                (2, "one letter"),
            ],
        ),
        "q4": (
            [malignant["area_worst"].median(), round(malignant["area_worst"].median())],
            [
                (malignant["area_worst"].mean(), "That is the mean"),
                (benign["area_worst"].median(), "benign_as_positive"),
                (wdbc["area_worst"].median(), "median of all cases"),
                (malignant["area_mean"].median(), "median of area_mean"),
            ],
        ),
        "q5": (
            [found / len(malignant), round(found / len(malignant), 2)],
            [
                (found / flagged, "precision_for_sensitivity"),
                (cleared / len(benign), "sensitivity_specificity_swapped"),
                ((malignant["radius_mean"] < 15).mean(), "threshold_reversed"),
                ((benign["radius_mean"] >= 15).mean(), "benign_as_positive"),
                (100 * found / len(malignant), "percentage_for_proportion"),
                ((found + cleared) / len(wdbc), "accuracy of the cut-off"),
                (found, "number of malignant cases flagged"),
                (flagged / len(wdbc), "share of all cases flagged"),
            ],
        ),
        "q6": (
            ["d", "(D)"],
            [
                ("b", "how much the nuclei differ"),
                ("a", "correlate only weakly"),
                ("c", "carry their own information"),
            ],
        ),
        "q7": (
            [_right_function, _recoding_function],
            [
                (_benign_function, "benign_as_positive"),
                (_strict_function, "strict_threshold"),
                (_percentage_function, "percentage_for_proportion"),
                (_fixed_cutoff_function, "hard_coded"),
                (_fixed_table_function, "the whole WDBC table (wdbc)"),
                (_all_cases_function, "share of all cases"),
                (_broken_function, "ZeroDivisionError"),
                (lambda table: 0.5, "cannot be called as share_found_at(table, feature, cutoff)"),
                (0.76, "a function"),
            ],
        ),
    }
