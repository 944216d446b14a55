"""Started by Python in every process of the test run: shut the network when asked to."""

import os

if os.environ.get("BCC_TEACH_BLOCK_NETWORK") == "1":
    import netguard

    netguard.install()
