"""R-D2 cases of the contract page and its forms (issue 21): brand A's people name brand B's
contract PECHOIN-2026. test_isolation.py merges these into PAGE_CASES: each must answer as if
the contract did not exist (404), or refuse the role (403), and change nothing."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["LIFECYCLE_PAGE_CASES"]

_B = "/contracts/PECHOIN-2026"
_DAY = {"on": "2026-11-01"}

LIFECYCLE_PAGE_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/contracts/{code}"): lambda _job: [Call("GET", _B)],
    # A form's address opened: the page, for those who may see it.
    ("GET", "/contracts/{code}/{form}"): lambda _job: [
        Call("GET", f"{_B}/{form}") for form in ("objection", "end", "breach-notices", "exit")
    ],
    ("GET", "/contracts/{code}/breach-notices/{notice}/cured"): lambda _job: [
        Call("GET", f"{_B}/breach-notices/1/cured")
    ],
    ("POST", "/contracts/{code}/objection"): lambda _job: [
        Call("POST", f"{_B}/objection", data={**_DAY, "by": "brand", "reason": "x"})
    ],
    ("POST", "/contracts/{code}/end"): lambda _job: [
        Call("POST", f"{_B}/end", data={**_DAY, "cause": "agreement"})
    ],
    ("POST", "/contracts/{code}/breach-notices"): lambda _job: [
        Call("POST", f"{_B}/breach-notices", data={**_DAY, "by": "brand", "what": "x"})
    ],
    ("POST", "/contracts/{code}/breach-notices/{notice}/cured"): lambda _job: [
        Call("POST", f"{_B}/breach-notices/1/cured", data=_DAY)
    ],
    ("POST", "/contracts/{code}/exit"): lambda _job: [
        Call("POST", f"{_B}/exit", data={**_DAY, "duty": "remove_marks", "note": "x"})
    ],
}
