"""The Wisconsin breast-cancer data, and new cases read from a CSV file.

Everything here uses one convention: **malignant = 1 = the positive class**. (scikit-learn's own
copy of this data, ``load_breast_cancer``, codes malignant as 0; nothing here inherits that.)

    >>> from bcc_teach import data
    >>> wdbc = data.load_wdbc()          # 569 cases, a table for looking at
    >>> X, y = data.load_wdbc_xy()       # features and y (1 = malignant), for a model
    >>> print(data.describe_feature("concave_points_worst"))
    concave_points_worst — how many inward dents the outline has (as scaled
      in the data).
    Worst: the average of the three largest values in the image, i.e. the
    ...
    Typical value (median): benign 0.07431, malignant 0.182.

Bundled files are checked against ``data/SHA256SUMS`` each time they are loaded, so an edited
or damaged file is caught before it can quietly change a lesson's numbers.

The package is split by job: ``names`` (the features, their meanings and units), ``bundled``
(the datasets and their checksums), ``summary`` (one feature in words and by diagnosis),
``cases`` (reading a clinic's own CSV), ``chunks`` (reading it a chunk at a time, for files of
any size), ``layout`` (the rules every row and header is checked by, and their messages) and
``errors`` (``DataError``). Use them through ``data.…``, as above.
"""

from bcc_teach._paths import data_dir
from bcc_teach.data.bundled import (
    load_wbc_original,
    load_wdbc,
    load_wdbc_xy,
    verify_bundled_data,
)
from bcc_teach.data.cases import read_cases
from bcc_teach.data.chunks import CasesChunk, read_cases_in_chunks
from bcc_teach.data.errors import DataError
from bcc_teach.data.layout import Problem
from bcc_teach.data.names import (
    BASE_FEATURES,
    DIAGNOSES,
    FEATURES,
    STATISTICS,
    WBC_FEATURES,
    check_feature,
    feature_unit,
)
from bcc_teach.data.summary import describe_feature, feature_summary

__all__ = [
    "BASE_FEATURES",
    "DIAGNOSES",
    "FEATURES",
    "STATISTICS",
    "WBC_FEATURES",
    "CasesChunk",
    "DataError",
    "Problem",
    "check_feature",
    "data_dir",
    "describe_feature",
    "feature_summary",
    "feature_unit",
    "load_wbc_original",
    "load_wdbc",
    "load_wdbc_xy",
    "read_cases",
    "read_cases_in_chunks",
    "verify_bundled_data",
]
