"""Technical service fee rates per platform and category as exact integer ratios (R-S5)."""

from __future__ import annotations

from collections.abc import Mapping

from daiyun.domain.contracts import Platform, PlatformFeeSchedule

__all__ = ["FeeRates", "half_up_ratio"]

# (rate text, numerator, denominator): the rate as a line shows it ("0.05"), and as n/d.
_Ratio = tuple[str, int, int]


def half_up_ratio(amount_fen: int, numerator: int, denominator: int) -> int:
    """amount × numerator / denominator rounded to whole fen, half away from zero, exactly."""
    # The one rounding rule of money.round_half_up_to_fen, in integers: a line's fee is rounded
    # in the hot loop, where a Decimal per line would cost more than the rest of the line.
    product = amount_fen * numerator
    twice_denominator = 2 * denominator
    if product >= 0:
        return (2 * product + denominator) // twice_denominator
    return -((-2 * product + denominator) // twice_denominator)


class FeeRates:
    """The contract's fee schedules, looked up once per (platform, category) and kept."""

    __slots__ = ("_schedules", "ratios")

    def __init__(self, schedules: Mapping[Platform, PlatformFeeSchedule]) -> None:
        self._schedules = dict(schedules)
        # Filled as (platform, category) pairs are met; read directly by the hot loop.
        self.ratios: dict[tuple[str, str | None], _Ratio] = {}

    def ratio(self, platform: str, category: str | None) -> _Ratio:
        """The category's rate on the platform, with its exact integer ratio."""
        found = self.ratios.get((platform, category))
        if found is None:
            found = self.ratios[(platform, category)] = self._resolve(platform, category)
        return found

    def _resolve(self, platform: str, category: str | None) -> _Ratio:
        chosen = Platform(platform)
        # R-S5: a platform the contract lists no fees for charges the rules.md defaults.
        schedule = self._schedules.get(chosen) or PlatformFeeSchedule(chosen)
        rate = schedule.rate_for(category)
        numerator, denominator = rate.value.as_integer_ratio()
        return (rate.text(), numerator, denominator)
