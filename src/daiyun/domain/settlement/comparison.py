"""What changed from one version of a statement to the next (R-S6, R-S8): after a dispute the
brand reads the new version against the one it disputed, figure by figure."""

from __future__ import annotations

from dataclasses import dataclass

from daiyun.domain.money import Money
from daiyun.domain.settlement.statement import StatementFigures

__all__ = ["FigureChange", "figure_changes"]


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One figure before and after, and after − before; money as Money, counts as int."""

    figure: str
    before: Money | int
    after: Money | int

    @property
    def difference(self) -> Money | int:
        """after − before, signed."""
        if isinstance(self.after, Money) and isinstance(self.before, Money):
            return self.after - self.before
        return int(self.after) - int(self.before)  # type: ignore[arg-type]

    @property
    def is_money(self) -> bool:
        """Whether the figure is an amount (else a count)."""
        return isinstance(self.after, Money)


def figure_changes(before: StatementFigures, after: StatementFigures) -> tuple[FigureChange, ...]:
    """The figures that differ between two versions, in the Statement JSON's order."""
    return tuple(
        FigureChange(name, old, new)
        for name in StatementFigures.__dataclass_fields__
        if (old := getattr(before, name)) != (new := getattr(after, name))
    )
