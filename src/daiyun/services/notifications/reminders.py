"""Reminders of dated duties (R-O1, issue 21 point 7): `daiyun obligations remind` and the hourly
scheduled duties run these.

`record_reminders` gathers every area's obligations as of the moment's business day, finds the
reminders due (domain/obligations/reminders.py) and keeps one notification per duty, person and
stage — the natural key makes a second run, or two at once, keep nothing twice. `send_reminder_
emails` then sends the emails still pending, outside any transaction, and records each try: a
server out of reach leaves the notification in the app and its email pending for the next run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from daiyun.domain.agency import Role
from daiyun.domain.calendar import business_date
from daiyun.domain.notifications import (
    MAX_EMAIL_ATTEMPTS,
    EmailState,
    NewReminder,
    Recipient,
)
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.reminders import (
    ReminderPlan,
    obligation_key,
    reminder_stage,
    responsible_roles,
)
from daiyun.services.notifications.ports import Mailer, NotificationUnitOfWork, ReminderWording
from daiyun.services.obligations.sources import DutySource, gather_obligations

__all__ = ["EmailRun", "ReminderRun", "record_reminders", "send_reminder_emails"]

_EMAILS_A_RUN = 500  # emails one run sends at most; the rest wait for the next run


@dataclass(frozen=True)
class ReminderRun:
    """What one run of the reminders found and kept."""

    as_of: str  # the business day, YYYY-MM-DD
    obligations: int  # every obligation looked at
    due: int  # reminders due (duty × person × stage), kept before or now
    recorded: int  # of them, kept by this run

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "obligations": self.obligations,
            "reminders_due": self.due,
            "reminders_recorded": self.recorded,
        }


@dataclass(frozen=True)
class EmailRun:
    """What one run did with the pending emails."""

    sent: int
    failed: int  # tries that failed this run (tried again next run until the last)
    given_up: int  # of them, the last try allowed
    errors: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "emails_sent": self.sent,
            "emails_failed": self.failed,
            "emails_given_up": self.given_up,
            "email_errors": list(self.errors[:10]),
        }


def _reaches(person: Recipient, obligation: Obligation, roles: frozenset[Role]) -> bool:
    """R-D2: agency people for any brand; a brand's people only for their own brand."""
    if person.role not in {role.value for role in roles}:
        return False
    return Role(person.role).is_brand_role is False or person.brand_code == obligation.brand


def record_reminders(
    uow: NotificationUnitOfWork,
    *,
    at: datetime,
    plan: ReminderPlan,
    duties: Sequence[DutySource] = (),
    by_email: bool = False,
) -> ReminderRun:
    """Keep the reminders due on `at`'s business day (R-O1) of the obligations the `duties`
    list (model A's statements, `statement_duties.list_obligations`, and every area's of
    `Daiyun.duty_sources()`, each reading its own store): each duty before its day (as the plan
    says), on the day and once missed, to the people who handle it, each once. With `by_email`
    (SMTP configured), those with an address get it by email too."""
    day = business_date(at)
    found = gather_obligations(duties, as_of=day)
    with uow:
        people = uow.notifications.recipients()
        reminders: list[NewReminder] = []
        for obligation in found:
            stage = reminder_stage(obligation, day, plan)
            if stage is None:
                continue
            roles = responsible_roles(obligation)
            key = obligation_key(obligation)
            for person in people:
                if not _reaches(person, obligation, roles):
                    continue
                emailed = by_email and bool(person.email)
                reminders.append(
                    NewReminder(
                        obligation_key=key,
                        user_id=person.user_id,
                        stage=stage,
                        kind=obligation.kind.value,
                        party=obligation.party,
                        brand_code=obligation.brand,
                        subject=obligation.subject,
                        due_on=obligation.due_on,
                        days_left=(obligation.due_on - day).days,
                        rule=obligation.rule,
                        email=EmailState.PENDING if emailed else EmailState.NONE,
                        email_to=person.email if emailed else None,
                    )
                )
        recorded = uow.notifications.add_reminders(reminders, at)
        uow.commit()
    return ReminderRun(day.isoformat(), len(found), len(reminders), recorded)


def send_reminder_emails(
    uow: NotificationUnitOfWork, *, at: datetime, mailer: Mailer, wording: ReminderWording
) -> EmailRun:
    """Send the pending emails (each in Chinese and English) and record each try: sent, or
    failed with the reason and tried again on the next run, until MAX_EMAIL_ATTEMPTS."""
    with uow:
        pending = uow.notifications.pending_emails(_EMAILS_A_RUN)
    outcomes: list[tuple[int, str | None, bool]] = []
    for notification in pending:
        if notification.email_to is None:
            outcomes.append((notification.id, "no email address", True))
            continue
        text = wording(notification)
        error = mailer.send(notification.email_to, text.subject, text.body)
        final = error is not None and notification.email_attempts + 1 >= MAX_EMAIL_ATTEMPTS
        outcomes.append((notification.id, error, final))
    with uow:
        for notification_id, error, final in outcomes:
            uow.notifications.record_email(
                notification_id, sent_at=None if error else at, error=error, final=final
            )
        uow.commit()
    errors = tuple(error for _, error, _ in outcomes if error)
    given_up = sum(1 for _, error, final in outcomes if error and final)
    return EmailRun(len(outcomes) - len(errors), len(errors), given_up, errors)
