"""R-D2 cases of the notifications and the obligations' calendar (issue 21 point 7): brand A's
people name brand B's (its brand code; notification 1, which the isolation world has none of,
and which test_notification_pages.py makes B's). test_isolation.py merges this table."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["NOTIFICATION_PAGE_CASES", "b_notification_calls"]


def b_notification_calls(b_id: int) -> list[Call]:
    """Marking B's notification read, whatever the form."""
    return [Call("POST", f"/notifications/{b_id}/read", data={})]


NOTIFICATION_PAGE_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/notifications"): lambda _: [
        Call("GET", "/notifications", names_b=False),
        Call("GET", "/notifications", {"unread": "1"}, names_b=False),
    ],
    ("GET", "/notifications/count"): lambda _: [Call("GET", "/notifications/count", names_b=False)],
    ("POST", "/notifications/{notification_id}/read"): lambda _: b_notification_calls(1),
    ("POST", "/notifications/read"): lambda _: [
        Call("POST", "/notifications/read", data={}, names_b=False)
    ],
    # A form's address opened: the reader's own list, whatever the id (nothing marked).
    ("GET", "/notifications/read"): lambda _: [Call("GET", "/notifications/read", names_b=False)],
    ("GET", "/notifications/{notification_id}/read"): lambda _: [
        Call("GET", "/notifications/1/read", names_b=False)
    ],
    ("GET", "/obligations/calendar"): lambda _: [
        Call("GET", "/obligations/calendar", {"month": "2026-11", "brand": "pechoin"}),
        Call("GET", "/obligations/calendar", {"month": "2026-11"}, names_b=False),
        Call("GET", "/obligations/calendar", {"month": "2026-10"}, names_b=False),
    ],
}
