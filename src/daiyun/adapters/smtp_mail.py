"""Email by SMTP (issue 21 point 7): the Mailer port over the standard library's smtplib.

One connection a message, STARTTLS when configured (or SMTPS on port 465), login when a user
is given. A server out of reach, one that refuses, or a timeout is not an error of the caller's
run: `send` answers the reason, which the reminders keep and retry (services/notifications)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

__all__ = ["SmtpMailer"]

_SMTPS_PORT = 465


@dataclass(frozen=True)
class SmtpMailer:
    """Sends plain-text UTF-8 email through one SMTP server."""

    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    timeout: float = 10.0

    def message(self, to: str, subject: str, body: str) -> EmailMessage:
        """The message as it is sent: UTF-8, its subject encoded for any server."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(body, charset="utf-8")
        return message

    def send(self, to: str, subject: str, body: str) -> str | None:
        """Send one message; None when the server took it, else why not."""
        message = self.message(to, subject, body)
        try:
            if self.port == _SMTPS_PORT and not self.starttls:
                context = ssl.create_default_context()
                with smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=context
                ) as server:
                    self._deliver(server, message)
            else:
                with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
                    if self.starttls:
                        server.starttls(context=ssl.create_default_context())
                    self._deliver(server, message)
        except (OSError, smtplib.SMTPException) as error:
            return f"{type(error).__name__}: {error}"
        return None

    def _deliver(self, server: smtplib.SMTP, message: EmailMessage) -> None:
        if self.user:
            server.login(self.user, self.password or "")
        server.send_message(message)
