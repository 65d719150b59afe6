import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # test helpers (kpi_cases, …) import by name

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_program_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled programs go to a folder of the test session, never the user's cache."""
    import os

    os.environ["XLKPI_CACHE_DIR"] = str(tmp_path_factory.mktemp("program-cache"))


# xlwings.server (the Office.js custom functions) is under xlwings' PRO licence; "noncommercial"
# is xlwings' free key for noncommercial use, which this test suite is. Set before xlwings is
# first imported, so that xlwings registers its Office.js conversion engine.
import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
