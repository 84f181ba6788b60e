"""What a page reads often is worked out once per key and change counter (issue 22, point 5)."""

from __future__ import annotations

from daiyun.services.kept import Kept


def test_a_value_is_worked_out_once_per_key() -> None:
    kept: Kept[tuple[int, ...]] = Kept()
    calls: list[str] = []

    def work_out(name: str) -> tuple[int, ...]:
        calls.append(name)
        return (len(calls),)

    assert kept.get(("a", 1), lambda: work_out("a")) == (1,)
    assert kept.get(("a", 1), lambda: work_out("a again")) == (1,)  # kept: not worked out
    # The counter moved (something was written): worked out again.
    assert kept.get(("a", 2), lambda: work_out("a after a write")) == (2,)
    assert calls == ["a", "a after a write"]


def test_the_least_recently_used_is_forgotten_first() -> None:
    kept: Kept[str] = Kept(capacity=2)
    kept.get("one", lambda: "1")
    kept.get("two", lambda: "2")
    kept.get("one", lambda: "not asked")  # "one" used again: "two" is now the oldest
    kept.get("three", lambda: "3")
    assert kept.get("one", lambda: "worked out again") == "1"
    assert kept.get("two", lambda: "worked out again") == "worked out again"


def test_clear_forgets_everything() -> None:
    kept: Kept[str] = Kept()
    kept.get("k", lambda: "first")
    kept.clear()
    assert kept.get("k", lambda: "second") == "second"
