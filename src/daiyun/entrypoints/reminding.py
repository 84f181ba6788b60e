"""Running the reminders of dated duties (R-O1, issue 21 point 7) for one application: what
`daiyun obligations remind` and the hourly scheduled duties both call, so that both do exactly
the same — keep the reminders due, then send the emails pending when SMTP is configured.
The email's words: reminder_mail.py."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from daiyun.bootstrap import Daiyun
from daiyun.entrypoints.reminder_mail import reminder_mail
from daiyun.services.notifications.reminders import record_reminders, send_reminder_emails
from daiyun.services.obligations.statement_duties import list_obligations

__all__ = ["run_reminders"]


def run_reminders(application: Daiyun, at: datetime) -> dict[str, Any]:
    """Keep the reminders due at `at` and send the pending emails; what was done, as JSON."""
    plan = application.reminder_plan()
    mailer = application.mailer
    recorded = record_reminders(
        application.notification_unit_of_work(),
        at=at,
        plan=plan,
        # Model A's statements (read apart, as every list does), and every other area's.
        duties=(
            partial(list_obligations, application.read_unit_of_work()),
            *application.duty_sources(),
        ),
        by_email=mailer is not None,
    )
    document: dict[str, Any] = {
        **recorded.to_json(),
        "days_before": list(plan.days_before),
        "email": mailer is not None,
    }
    if mailer is not None:
        emailed = send_reminder_emails(
            application.notification_unit_of_work(), at=at, mailer=mailer, wording=reminder_mail
        )
        document |= emailed.to_json()
    return document
