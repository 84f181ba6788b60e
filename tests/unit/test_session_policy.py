"""How long a login lasts and when failed logins stop being tried (issue 5); times given."""

from __future__ import annotations

from datetime import timedelta

from daiyun.domain.sessions import LOGIN_THROTTLE, SESSION_POLICY, SessionTimes
from tests.builders import beijing

BEGUN = beijing("2026-11-02 09:00")


def test_a_session_lives_until_30_minutes_without_use() -> None:
    used = SessionTimes(created_at=BEGUN, last_seen_at=beijing("2026-11-02 10:00"))
    assert SESSION_POLICY.is_live(used, now=beijing("2026-11-02 10:29:59"))
    assert not SESSION_POLICY.is_live(used, now=beijing("2026-11-02 10:30"))


def test_a_session_ends_12_hours_after_login_even_when_just_used() -> None:
    busy = SessionTimes(created_at=BEGUN, last_seen_at=beijing("2026-11-02 20:59"))
    assert SESSION_POLICY.is_live(busy, now=beijing("2026-11-02 20:59:59"))
    assert not SESSION_POLICY.is_live(busy, now=beijing("2026-11-02 21:00"))


def test_the_last_use_is_written_at_most_once_a_minute() -> None:
    seen = SessionTimes(created_at=BEGUN, last_seen_at=BEGUN)
    assert not SESSION_POLICY.needs_touch(seen, now=BEGUN + timedelta(seconds=59))
    assert SESSION_POLICY.needs_touch(seen, now=BEGUN + timedelta(minutes=1))


def test_five_failures_on_an_account_or_thirty_from_an_address_stop_further_tries() -> None:
    assert not LOGIN_THROTTLE.refuses(account_failures=4, client_failures=29)
    assert LOGIN_THROTTLE.refuses(account_failures=5, client_failures=0)
    assert LOGIN_THROTTLE.refuses(account_failures=0, client_failures=30)


def test_failures_count_for_15_minutes() -> None:
    assert LOGIN_THROTTLE.since(beijing("2026-11-02 09:15")) == BEGUN
