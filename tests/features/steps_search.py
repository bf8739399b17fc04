"""Steps of ``tracker search``: what it finds, read back as a script reads it (--json).

These step functions are imported into conftest.py, so that pytest finds their fixtures.
"""

from __future__ import annotations

import json

from pytest_bdd import then

from tests.features.helpers import Outcome, rows_of


@then("for scripts, the search finds:")
def search_finds(outcome: Outcome, datatable: list[list[str]]) -> None:
    """The facts found, in order, as the JSON of the last command (run with --json)."""
    result = outcome.result
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    expected = [{**row, "seq": int(row["seq"])} for row in rows_of(datatable)]
    assert found == expected, found
