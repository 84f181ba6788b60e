"""The world of web_world.py with the agency's finance and project manager, emails, a local SMTP
server (aiosmtpd, a real one on a free port) and ways to read the reminders kept (issue 21)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import select

from daiyun.adapters.db.notification_tables import notification
from daiyun.adapters.db.tables import user_account
from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.integration.cli_runner import run_daiyun
from tests.integration.web_world import PASSWORD, START, World, hash_of_password

__all__ = [
    "B_OCTOBER",
    "OCTOBER",
    "Inbox",
    "add_staff",
    "free_port",
    "kept",
    "local_smtp",
    "remind",
    "smtp_env",
]

OCTOBER = "statement CHANDO-2026 2026-10"
B_OCTOBER = "statement PECHOIN-2026 2026-10"


def add_staff(world: World) -> None:
    """The agency's finance (fin) and project manager (pm), beside PEOPLE."""
    for login, role in (("fin", Role.FINANCE), ("pm", Role.PROJECT_MANAGER)):
        add_user(
            world.daiyun.unit_of_work(), login=login, role=role, brand_code=None,
            display_name=None, password=PASSWORD, hash_password=hash_of_password,
            at=START - timedelta(days=1), actor="test",
        )  # fmt: skip


def remind(database_url: str, at: str) -> dict[str, Any]:
    """`daiyun obligations remind --at AT --json`, which must succeed."""
    result = run_daiyun(database_url, "obligations", "remind", "--at", at, "--json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = result.json()
    return document


def kept(world: World, **where: str) -> list[dict[str, Any]]:
    """The notifications kept, with their person's login, in id order."""
    n = notification.c
    query = (
        select(notification, user_account.c.login)
        .join(user_account, user_account.c.id == n.user_id)
        .order_by(n.id)
    )
    for column, value in where.items():
        query = query.where(n[column] == value)
    with world.daiyun.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def free_port() -> int:
    """A TCP port nothing listens on (just now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Inbox:
    """What the local SMTP server received."""

    port: int
    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for _, rcpt, message in self.messages if address in rcpt]


@contextmanager
def local_smtp() -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1, for one test."""
    for _ in range(5):  # a port another process takes first: try another
        inbox = Inbox(free_port())
        controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
        try:
            controller.start()
        except (OSError, RuntimeError):
            time.sleep(0.1)
            continue
        try:
            yield inbox
        finally:
            controller.stop()
        return
    raise AssertionError("no free port for the SMTP server")


def smtp_env(port: int) -> dict[str, str]:
    """The settings that send reminders by email through 127.0.0.1:port."""
    return {
        "DAIYUN_SMTP_HOST": "127.0.0.1",
        "DAIYUN_SMTP_PORT": str(port),
        "DAIYUN_SMTP_FROM": "daiyun@agency.example",
    }
