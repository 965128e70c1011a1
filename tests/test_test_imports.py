"""The tests run from a fresh clone, where `tests` is no package on the path (only the editable dev install
makes it importable): a test that imports `tests.x` passes here and fails in CI. Helpers are imported as
`from test_x import ...` (pytest puts this folder on the path)."""

import re
from pathlib import Path

_PACKAGE_IMPORT = re.compile(r"^\s*(from tests[. ]|import tests\b)", re.M)


def test_no_test_imports_the_tests_folder_as_a_package():
    offenders = [path.name for path in Path(__file__).parent.glob("*.py")
                 if _PACKAGE_IMPORT.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
