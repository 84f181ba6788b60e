"""The fuzzing's Hypothesis profiles (issue 16, point 14), and which one this run takes.

`fuzz-bounded`, the default, is the run of `make test`: few examples, derandomized so that CI
sees the same inputs each time. `make fuzz` sets HYPOTHESIS_PROFILE=fuzz: many more examples,
random ones, their failures kept in .hypothesis/ to be replayed first next time.

The profiles are registered, never loaded: each fuzz test names its settings (`@fuzzing()`),
so the rest of the suite keeps Hypothesis's defaults.
"""

import os

from hypothesis import HealthCheck, settings

__all__ = ["fuzzing"]

_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "fuzz-bounded",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_SLOW_INPUTS,
)
settings.register_profile(
    "fuzz",
    max_examples=1500,
    deadline=None,
    suppress_health_check=_SLOW_INPUTS,
)


def fuzzing() -> settings:
    """The settings of this run: `fuzz` when HYPOTHESIS_PROFILE says so, else `fuzz-bounded`."""
    name = "fuzz" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else "fuzz-bounded"
    return settings.get_profile(name)
