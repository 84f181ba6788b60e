"""R-S8: every figure of a statement names the line column it sums, for the drill-down."""

from __future__ import annotations

import pytest

from daiyun.domain.settlement import StatementFigures, StatementLine
from daiyun.domain.settlement.drilldown import (
    CHARGE_FIGURES,
    CUSTODY_FIGURES,
    FIGURE_COLUMNS,
    LINE_FIGURES,
    LineSelection,
    UnknownFigure,
)


def test_every_figure_of_the_statement_json_drills_down_to_lines_or_orders() -> None:
    # R-S5 (issue 17): the two charge figures open to the platform's charges instead; R-F7
    # (issue 19): the custody losses to the month's losses.
    figures = set(LINE_FIGURES) | set(CHARGE_FIGURES) | set(CUSTODY_FIGURES)
    assert figures == set(StatementFigures.__dataclass_fields__)


def test_each_summed_column_is_a_column_of_the_lines() -> None:
    summed = {column for column in FIGURE_COLUMNS.values() if column is not None}
    assert summed <= set(StatementLine._fields)
    # R-S3: commission is the rate × settlement value, so it drills to the same lines.
    assert FIGURE_COLUMNS["commission"] == FIGURE_COLUMNS["settlement_value"]
    assert FIGURE_COLUMNS["remittance"] is None  # R-S6: several columns: every line


def test_a_selection_pages_and_refuses_an_unknown_figure() -> None:
    selection = LineSelection(figure="spread", rule="R-S1", page=3, size=100)
    assert (selection.column, selection.offset, selection.wants_unsettleable) == (
        "spread_fen",
        200,
        False,
    )
    assert LineSelection(figure="unsettleable_orders").wants_unsettleable
    with pytest.raises(UnknownFigure, match="no figure 'profit'"):
        LineSelection(figure="profit")
    with pytest.raises(ValueError, match="pages start at 1"):
        LineSelection(page=0)
