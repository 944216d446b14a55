"""Started by Python in every process of the test run: shut the network when asked to.

It also spares each process of the run (pytest's workers, the CLI and grading runs the tests
start) about a second and a half: jsonschema, under nbformat, imports the optional
``rfc3987_syntax``, which builds a grammar for checking IRI formats that notebooks never use
(the grader's worker does the same for itself).
"""

import os
import sys

if os.environ.get("BCC_TEACH_BLOCK_NETWORK") == "1":
    import netguard

    netguard.install()
    sys.modules.setdefault("rfc3987_syntax", None)
