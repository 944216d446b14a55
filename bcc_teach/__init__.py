"""bcc_teach: the helper package behind the breast-cancer classifier course.

The lessons import what they need from the modules below; importing ``bcc_teach`` itself loads
nothing heavy (no pandas, scikit-learn, lime or widgets), so it is instant.

    >>> from bcc_teach import data
    >>> wdbc = data.load_wdbc()

Modules, lowest layer first (a module only imports from the ones before it):
``data`` (bundled datasets, reading a clinic's CSV), ``style`` (colours), ``plots`` (figures),
``widgets`` (interactive explorers), ``course`` (the course map), ``envcheck`` (is my setup right?).
"""

__version__ = "0.1.0"
