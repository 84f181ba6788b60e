"""The contract's life as dated duties (R-O1; R-C5, R-C6, issue 21): the renewal-notice deadline
(either party's, both shown), each breach notice's cure deadline (the party in breach's), and
the exit duties once the contract's end is settled (the operator's).

A notice deadline is listed while it is the next one (open), and once objected to (met, done
on the objection's day); a deadline that passed without an objection is not a missed duty but
a renewal (domain/contracts/lifecycle.py), so it leaves the list and the next term's comes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from daiyun.domain.contracts import ContractSpec, Party
from daiyun.domain.contracts.lifecycle import Course, notice_terms
from daiyun.domain.contracts.termination import BreachNotice, ExitDuty, ExitDutyKind
from daiyun.domain.obligations.obligation import (
    CONSEQUENCE_TEXTS,
    Consequence,
    Obligation,
    ObligationKind,
    ObligationTopic,
    obligation_status,
)

__all__ = ["EXIT_KINDS", "contract_obligations"]

EXIT_KINDS: dict[ExitDutyKind, ObligationKind] = {
    ExitDutyKind.REMOVE_MARKS: ObligationKind.EXIT_REMOVE_MARKS,
    ExitDutyKind.RETURN_GOODS: ObligationKind.EXIT_RETURN_GOODS,
    ExitDutyKind.FINAL_STATEMENT: ObligationKind.EXIT_FINAL_STATEMENT,
    ExitDutyKind.FINAL_BILL: ObligationKind.EXIT_FINAL_BILL,
    ExitDutyKind.HAND_BACK_CREDENTIALS: ObligationKind.EXIT_HAND_BACK_CREDENTIALS,
}


def contract_obligations(
    contract: ContractSpec,
    course: Course,
    notices: Sequence[BreachNotice],
    exit_duties: Sequence[ExitDuty],
    *,
    as_of: date,
) -> list[Obligation]:
    """Every dated duty of the contract's life as of `as_of`, in date order."""

    def duty(
        kind: ObligationKind,
        party: Party,
        subject: str,
        due: date,
        done: date | None,
        consequence: Consequence,
        rule: str,
        *values: str,
    ) -> Obligation:
        return Obligation(
            kind, party, subject, contract.brand_code, due, obligation_status(due, done, as_of),
            done, CONSEQUENCE_TEXTS[consequence].format(*values), rule, consequence, values,
            contract=contract.code, topic=ObligationTopic.CONTRACT,
        )  # fmt: skip

    found: list[Obligation] = []
    for term in notice_terms(course):
        objected = [o.objected_on for o in course.objections if o.term == term.number]
        done = min(objected) if objected else None
        for party in (Party.OPERATOR, Party.BRAND):
            found.append(
                duty(
                    ObligationKind.OBJECT_TO_RENEWAL, party,
                    f"renewal notice {contract.code} term {term.number}", term.notice_by, done,
                    Consequence.CONTRACT_RENEWS, "R-C5", str(contract.term_months),
                )
            )  # fmt: skip
    for notice in notices:
        found.append(
            duty(
                ObligationKind.CURE_BREACH, notice.breaching,
                f"breach notice {notice.id} {contract.code}", notice.cure_by, notice.cured_on,
                Consequence.BREACH_TERMINATION_RIGHT, "R-C6",
            )
        )  # fmt: skip
    for each in exit_duties:
        found.append(
            duty(
                EXIT_KINDS[each.kind], Party.OPERATOR, f"exit {each.kind.value} {contract.code}",
                each.due_on, each.done_on, Consequence.EXIT_BREACH, "R-C6",
            )
        )  # fmt: skip
    return sorted(found, key=lambda o: (o.due_on, o.subject, o.kind.value, o.party.value))
