"""Query: a contract's life as of a day (R-C5, R-C6, R-C8) — its terms and renewals, the next
notice deadline, the objections, the termination rights that have arisen, its end, the exit
duties and the duty of confidentiality — and the rights' reading, shared by the use cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from daiyun.domain.agency import User
from daiyun.domain.contracts import ContractModel, ContractSpec, Party
from daiyun.domain.contracts.lifecycle import (
    ContractLife,
    Course,
    Term,
    confidentiality_until,
    contract_course,
)
from daiyun.domain.contracts.termination import (
    BreachNotice,
    ExitDuty,
    ExitEvidence,
    TerminationRight,
    breach_rights,
    exit_duties,
)
from daiyun.domain.obligations import Obligation, ObligationKind, ObligationStatus
from daiyun.domain.permissions import Permission
from daiyun.services.contracts.lifecycle_ports import LifecycleUnitOfWork
from daiyun.services.errors import NotFound
from daiyun.services.fee_bills.duties import fee_bill_duties_of
from daiyun.services.obligations.statement_duties import statement_duties_of
from daiyun.services.scope import require_on_brand

__all__ = ["ContractLifeView", "contract_life", "read_life", "termination_rights"]

# R-S7: the brand's right when the remittance is late; R-B5: the operator's when a fee is.
_RIGHT_DUTIES = {
    ObligationKind.PAY_BEFORE_TERMINATION: (Party.BRAND, "R-S7"),
    ObligationKind.PAY_FEE_BEFORE_TERMINATION: (Party.OPERATOR, "R-B5"),
}


def rights_from_duties(duties: Sequence[Obligation], as_of: date) -> list[TerminationRight]:
    """The rights late payments have given by `as_of`: a "pay before termination" duty missed
    (not paid in full by its day) gives its holder the right the day after (R-S7, R-B5)."""
    rights = []
    for duty in duties:
        if duty.kind not in _RIGHT_DUTIES or duty.status is not ObligationStatus.MISSED:
            continue
        holder, rule = _RIGHT_DUTIES[duty.kind]
        arose = duty.due_on + timedelta(days=1)
        if arose <= as_of:
            rights.append(TerminationRight(f"{rule} {duty.subject}", holder, arose, rule))
    return rights


def termination_rights(
    uow: LifecycleUnitOfWork,
    contract: ContractSpec,
    notices: Sequence[BreachNotice],
    as_of: date,
) -> list[TerminationRight]:
    """Every termination right that has arisen for the running contract by `as_of` (R-C6),
    earliest first; inside an open unit of work."""
    ends: dict[str, date | None] = {contract.code: None}  # judged as if it still runs
    if contract.model is ContractModel.A:
        duties = statement_duties_of(uow, [contract], as_of=as_of, ends=ends)
    else:
        duties = fee_bill_duties_of(uow, [contract], as_of=as_of)
    rights = rights_from_duties(duties, as_of) + breach_rights(list(notices), as_of)
    return sorted(rights, key=lambda right: (right.arose_on, right.key))


@dataclass(frozen=True)
class ContractLifeView:
    """`daiyun contract show` and the contract page's life section."""

    contract: ContractSpec
    course: Course
    notices: tuple[BreachNotice, ...]
    rights: tuple[TerminationRight, ...]
    exit_duties: tuple[ExitDuty, ...]
    as_of: date

    @property
    def confidentiality_until(self) -> date | None:
        """R-C8: the last day of the duty of confidentiality; None while the contract runs."""
        if self.course.ends_on is None:
            return None
        return confidentiality_until(self.contract, self.course.ends_on)

    def to_json(self) -> dict[str, object]:
        course, terms = self.course, self.contract.terms
        end = course.recorded_end
        return {
            "contract": self.contract.code,
            "brand": self.contract.brand_code,
            "model": self.contract.model.value,
            "as_of": self.as_of.isoformat(),
            "auto_renew": self.contract.auto_renew,
            "term": _term_json(course.current),
            "terms": [_term_json(term) for term in course.terms],
            "renewals": len(course.renewals),
            "next_notice_by": (
                None if course.next_notice is None else course.next_notice.notice_by.isoformat()
            ),
            "objections": [
                {
                    "term": each.term,
                    "by": each.by.value,
                    "on": each.objected_on.isoformat(),
                    "reason": each.reason,
                }
                for each in course.objections
            ],
            "ends_on": None if course.ends_on is None else course.ends_on.isoformat(),
            "end": None
            if end is None
            else {
                "on": end.last_day.isoformat(),
                "cause": end.cause.value,
                "right": end.right,
                "right_holder": None if end.right_holder is None else end.right_holder.value,
                "reason": end.reason,
            },
            "end_cause": None if course.end_cause is None else course.end_cause.value,
            "breach_notices": [
                {
                    "id": notice.id,
                    "by": notice.by.value,
                    "on": notice.notified_on.isoformat(),
                    "what": notice.what,
                    "cure_by": notice.cure_by.isoformat(),
                    "cured_on": None if notice.cured_on is None else notice.cured_on.isoformat(),
                }
                for notice in self.notices
            ],
            "termination_rights": [
                {
                    "right": right.key,
                    "holder": right.holder.value,
                    "arose_on": right.arose_on.isoformat(),
                    "rule": right.rule,
                }
                for right in self.rights
            ],
            "exit_duties": [_duty_json(duty) for duty in self.exit_duties],
            "confidentiality": {
                "damages": terms.confidentiality_damages.yuan_text(),
                "years": terms.confidentiality_years,
                "until": None
                if self.confidentiality_until is None
                else self.confidentiality_until.isoformat(),
            },
        }


def _term_json(term: Term) -> dict[str, object]:
    return {
        "number": term.number,
        "from": term.first_day.isoformat(),
        "to": term.last_day.isoformat(),
        "notice_by": term.notice_by.isoformat(),
    }


def _duty_json(duty: ExitDuty) -> dict[str, object]:
    evidence = duty.evidence
    return {
        "duty": duty.kind.value,
        "due_on": duty.due_on.isoformat(),
        "done_on": None if duty.done_on is None else duty.done_on.isoformat(),
        "note": None if evidence is None else evidence.note,
        "file": None if evidence is None else evidence.file_name,
        "sha256": None if evidence is None else evidence.sha256,
    }


def read_life(
    uow: LifecycleUnitOfWork, contract: ContractSpec, as_of: date
) -> tuple[ContractLife, Course, list[BreachNotice], list[ExitEvidence]]:
    """The contract's life as kept and its course as of `as_of` (inside an open unit of work)."""
    code = contract.code
    life = uow.lifecycle.lives([code])[code]
    return (
        life,
        contract_course(contract, life, as_of),
        uow.lifecycle.breach_notices([code])[code],
        uow.lifecycle.exit_evidence([code])[code],
    )


def contract_life(
    uow: LifecycleUnitOfWork, acting: User, *, contract_code: str, as_of: date
) -> ContractLifeView:
    """The contract's life as of `as_of`, for a reader who may see its brand (R-D2)."""
    missing = f"no contract with code {contract_code!r}"
    with uow:
        contract = uow.contracts.get(contract_code)
        if contract is None:
            raise NotFound(missing)
        require_on_brand(acting, Permission.VIEW_BRAND, contract.brand_code, missing=missing)
        _, course, notices, evidence = read_life(uow, contract, as_of)
        rights = [] if course.recorded_end else termination_rights(uow, contract, notices, as_of)
        duties = [] if course.ends_on is None else exit_duties(contract, course.ends_on, evidence)
    return ContractLifeView(contract, course, tuple(notices), tuple(rights), tuple(duties), as_of)
