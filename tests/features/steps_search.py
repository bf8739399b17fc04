"""Steps of ``tracker search``: what it finds, read back as a script reads it (--json).

These step functions are imported into conftest.py, so that pytest finds their fixtures.
"""

from __future__ import annotations

import json

from pytest_bdd import parsers, then, when

from tests.features.helpers import Outcome, q, rows_of, run
from tests.features.steps_time import SOME_TIME, time_args


@when(parsers.re(r"I search for " + q("text") + SOME_TIME), target_fixture="outcome")
def search_back_then(store: str, text: str, time: str) -> Outcome:
    """tracker search TEXT with --as-of and --known-on, as a moment that is only known once
    the facts are recorded ('as known just before event #3 of x was recorded')."""
    return run(store, ["search", text, *time_args(store, time)])


@then("for scripts, the search finds:")
def search_finds(outcome: Outcome, datatable: list[list[str]]) -> None:
    """The facts found, in order, as the JSON of the last command (run with --json)."""
    result = outcome.result
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    expected = [{**row, "seq": int(row["seq"])} for row in rows_of(datatable)]
    assert found == expected, found
