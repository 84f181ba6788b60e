"""Use cases: draft, issue and show a model A monthly statement (R-S1…R-S9)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractSpec, Party
from daiyun.domain.fulfilment.custody import losses_total
from daiyun.domain.promotions import PromotionPlan, WrittenApproval, apply_promotions
from daiyun.domain.settlement import SettlementLine, Statement, confirm_by
from daiyun.domain.settlement.draftable import month_problem
from daiyun.domain.settlement.drafting import refunds_naming_missing_lines
from daiyun.domain.settlement.lifecycle import StatementStatus, statement_key
from daiyun.domain.settlement.month_columns import MonthDrafting
from daiyun.domain.settlement.records import VersionRecord
from daiyun.domain.settlement.statement import StatementSummary
from daiyun.domain.settlement.waiting import refunds_holding_back
from daiyun.services.errors import NotFound, Refused
from daiyun.services.settlement.ledger import post_issue, posted_penalty
from daiyun.services.settlement.platform_fees import month_charges, post_charges
from daiyun.services.settlement.statement_access import (
    StatementView,
    current_version,
    model_a_contract,
    move,
    stored_statement,
    view_of,
)
from daiyun.services.unit_of_work import LineSpool, UnitOfWork

__all__ = [
    "DRAFT_AGAIN",
    "DraftOutcome",
    "IssueOutcome",
    "StatementForFiles",
    "draft_month",
    "issue_statement",
    "show_statement",
    "statement_for_files",
]

# What to do when the orders changed since the draft; the CLI names its command instead.
DRAFT_AGAIN = "draft it again and review it"


@dataclass(frozen=True)
class DraftOutcome:
    """What drafting did: the draft as shown (its figures, counts and hash: the lines are
    stored, never all held), and whether the stored draft changed."""

    view: StatementView
    statement: StatementSummary
    changed: bool


@dataclass(frozen=True)
class IssueOutcome:
    """What issuing did, for the ledger and obligations to post from (R-S6, R-O1)."""

    view: StatementView
    received_on: date
    issued_late: bool  # R-S6, R-O1: issued after the issue-by day
    lines_recognised: int


def _draft_lines(
    uow: UnitOfWork, contract: ContractSpec, month: Month, spool: LineSpool
) -> tuple[StatementSummary, str]:
    """R-S1…R-S9: the month from the stored orders, as the domain drafts it, batch by batch
    (domain/settlement/month_columns.py: draft_statement's rules, in bounded memory); the
    statement lines go to `spool` in canonical order. The figures and hash, and the
    fingerprint of the stored inputs read."""
    plans = uow.promotions.approved_versions(contract.brand_code)
    fees = {schedule.platform: schedule for schedule in uow.contracts.fee_schedules(contract.code)}
    drafting = MonthDrafting(
        month,
        terms=contract.terms,
        fee_schedules=fees,
        # R-P4, R-S2: approved promotions excuse their sales; brand-funded ones settle at them.
        promote=partial(_promoted, plans=plans) if plans else None,
    )
    # R-S6: the order's shipping is on the statement only when the contract gives it the brand.
    shipping = contract.terms.shipping_income_to is Party.BRAND
    source = uow.statements.month_source(
        contract.code, month, shipping=shipping, promotions=bool(plans)
    )
    for batch in source:
        spool.add(drafting.take(batch))
    spool.add(drafting.rest())
    if source.lines_not_found:
        # R-S1, R-S9: draft_statement's refusal of refunds naming lines it was not given.
        raise refunds_naming_missing_lines(source.lines_not_found)
    if drafting.refunds_taken != source.line_refunds:
        raise RuntimeError(
            f"{drafting.refunds_taken} refunds of {month} reached their lines, "
            f"{source.line_refunds} were read"
        )
    summary = drafting.finish(
        spool,
        orders_without_sku_lines=uow.statements.orders_without_sku_lines(contract.code, month),
        # R-S5: the deposit, annual fee and its refund falling due in the month.
        charges=month_charges(uow, contract, month),
        # R-F7: the brand's goods lost or damaged in the operator's custody in the month.
        custody_losses=losses_total(uow.statements.custody_losses(contract.code, month)),
    )
    return summary, source.inputs_fingerprint()


def _promoted(
    lines: list[SettlementLine], *, plans: Sequence[tuple[PromotionPlan, WrittenApproval | None]]
) -> list[SettlementLine]:
    return apply_promotions(lines, plans)


def _inputs_fingerprint(
    uow: UnitOfWork, contract: ContractSpec, month: Month, stored: str | None = None
) -> str:
    """R-S8: everything a draft reads, in one hash: the stored orders' aggregates (`stored`,
    or read now), the terms, the fee schedules and the brand's approved promotions."""
    context = _context(uow, contract, month)
    return _fingerprint(
        uow.statements.inputs_fingerprint(contract.code, month) if stored is None else stored,
        context,
    )


def _context(uow: UnitOfWork, contract: ContractSpec, month: Month) -> list[bytes]:
    """What the fingerprint holds besides the stored orders, as it hashes them."""
    parts = [
        repr(contract.terms).encode(),
        repr(sorted(map(repr, uow.contracts.fee_schedules(contract.code)))).encode(),
        repr(uow.promotions.approved_versions(contract.brand_code)).encode(),
        # R-S5: the platform charges due in the month (stores' go-live, earlier issued sales).
        repr(month_charges(uow, contract, month)).encode(),
    ]
    # R-F7: the month's custody losses: one recorded after the draft makes its issue refuse.
    # Only when there are any, so that drafts stored before losses were kept stay issuable.
    losses = uow.statements.custody_losses(contract.code, month)
    if losses:
        parts.append(repr(losses).encode())
    return parts


def _fingerprint(stored: str, context: list[bytes]) -> str:
    digest = hashlib.sha256(stored.encode())
    for part in context:
        digest.update(part)
    return digest.hexdigest()


def draft_month(
    uow: UnitOfWork, *, contract_code: str, month: Month, at: datetime, actor: str
) -> DraftOutcome:
    """Compute the month and store it as the draft; re-running on the same data changes nothing."""
    with uow:
        contract = model_a_contract(uow, contract_code)
        _check_settleable(contract, month, "draft", at)
        header = uow.statements.get(contract.code, month)
        stored_hash = None
        if header is None:
            version = 1
            uow.statements.create(contract.code, month, at)
        elif header.status is StatementStatus.DRAFT:
            version = header.current_version
            stored_hash = current_version(uow, header).content_hash
        else:
            # R-S6: after a dispute the next version is drafted; any other state refuses.
            disputed = header.status is StatementStatus.DISPUTED
            version = header.current_version + (1 if disputed else 0)
            move(uow, header, StatementStatus.DRAFT, contract, version=version, at=at, actor=actor)
        # Taken before reading, and of what was read: a change in between makes the issue
        # refuse, never pass.
        context = _context(uow, contract, month)
        with uow.statements.spool_lines() as spool:
            statement, stored_inputs = _draft_lines(uow, contract, month, spool)
            fingerprint = _fingerprint(stored_inputs, context)
            _check_no_refund_waits(uow, contract, month, statement, at)
            # R-S8: the same data gives the same hash; the stored draft then stays as it is.
            changed = statement.content_hash != stored_hash
            if changed:
                uow.statements.save_draft(
                    contract.code,
                    month,
                    version,
                    statement,
                    spool,
                    at=at,
                    actor=actor,
                    inputs_fingerprint=fingerprint,
                )
                uow.commit()
            elif uow.statements.draft_fingerprint(contract.code, month, version) != fingerprint:
                # Same figures from inputs stored differently: the issue compares this one.
                uow.statements.set_draft_fingerprint(contract.code, month, version, fingerprint)
                uow.commit()
        record = VersionRecord(
            version, False, statement.content_hash, statement.figures, statement.counts, at
        )
        view = view_of(
            contract,
            month,
            record,
            StatementStatus.DRAFT,
            [],
            at=at,
            empty_reasons=statement.explain_empty(),
        )
    return DraftOutcome(view, statement, changed)


def issue_statement(
    uow: UnitOfWork, *, contract_code: str, month: Month, at: datetime, actor: str
) -> IssueOutcome:
    """Freeze the draft as its version and deliver it: the brand's receipt starts the clock."""
    with uow:
        contract = model_a_contract(uow, contract_code)
        header = stored_statement(uow, contract, month)
        version = header.current_version
        key = statement_key(contract.code, month)
        if header.status is StatementStatus.DRAFT:
            _check_settleable(contract, month, "issue", at)
            _check_month_order(uow, contract, month)
            if _changed_since_draft(uow, contract, month, header.current_version):
                # R-S8: what is issued is what was drafted and reviewed.
                raise Refused(
                    f"cannot issue statement {key} version {version}: the orders changed since "
                    f"it was drafted; {DRAFT_AGAIN}"
                )
        received_on = business_date(at)  # R-S6: issuing in the portal is the brand's receipt
        deadline = confirm_by(received_on, contract.terms)
        move(
            uow,
            header,
            StatementStatus.ISSUED,
            contract,
            version=version,
            at=at,
            actor=actor,
            details={"confirm_by": deadline.isoformat()},
        )
        recognised = uow.statements.issue(
            contract.code,
            month,
            version,
            at=at,
            actor=actor,
            received_on=received_on,
            confirm_by=deadline,
        )
        record = current_version(uow, header)
        view = view_of(contract, month, record, StatementStatus.ISSUED, [], at=at)
        post_issue(uow, view, received_on, at)  # issue 4: the remittance is owed from now on
        # R-S5: the platform charges of the month, each once (a later version posts none anew).
        post_charges(uow, contract.brand_code, month_charges(uow, contract, month), at)
        uow.commit()
    return IssueOutcome(view, received_on, received_on > view.issue_by, recognised)


def _changed_since_draft(
    uow: UnitOfWork, contract: ContractSpec, month: Month, version: int
) -> bool:
    """R-S8: whether the month's inputs differ from those the draft was computed from."""
    drafted = uow.statements.draft_fingerprint(contract.code, month, version)
    if drafted is not None:
        return drafted != _inputs_fingerprint(uow, contract, month)
    # A draft stored before fingerprints were kept: compute the month again and compare.
    header = stored_statement(uow, contract, month)
    with uow.statements.spool_lines() as spool:
        fresh, _ = _draft_lines(uow, contract, month, spool)
    return fresh.content_hash != current_version(uow, header).content_hash


def _check_settleable(contract: ContractSpec, month: Month, verb: str, at: datetime) -> None:
    """R-S1, R-S6, R-C5: only a month that is over, inside the contract's term, is settled."""
    problem = month_problem(contract, month, today=business_date(at))
    if problem is not None:
        raise Refused(f"cannot {verb} statement {statement_key(contract.code, month)}: {problem}")


def _check_no_refund_waits(
    uow: UnitOfWork,
    contract: ContractSpec,
    month: Month,
    statement: StatementSummary,
    at: datetime,
) -> None:
    """Issue 17, R-S1, R-S9: refuse to draft a month whose refunds reverse lines of an earlier
    month not issued yet, naming that month, rather than leave their money out silently.

    Refused rather than drafted with the refunds listed as pending (domain/settlement/
    waiting.py): months are issued in order (`_check_month_order`), so such a draft could not
    be issued before the earlier month is, and would then have to be drafted again anyway.
    """
    if not statement.waiting_refunds:
        return
    today = business_date(at)

    def can_still_recognise(line_month: Month) -> bool:
        issued = any(
            record.is_issued for record in uow.statements.versions(contract.code, line_month)
        )
        return not issued and month_problem(contract, line_month, today=today) is None

    holding = refunds_holding_back(
        statement.waiting_refunds, can_still_recognise=can_still_recognise
    )
    if holding is None:
        return
    months, lines = ", ".join(map(str, holding.months)), ", ".join(holding.lines())
    raise Refused(
        f"cannot draft statement {statement_key(contract.code, month)}: "
        f"{len(holding.refunds)} refund(s) completed in {month}, {holding.amount.yuan_text()} "
        f"in all, are of lines completed in {months} that no issued statement recognises yet "
        f"(order/line {lines}); a refund reverses only what an issued statement recognised and "
        f"months are issued in order: issue the statement of {months} first, then draft {month}"
    )


def _check_month_order(uow: UnitOfWork, contract: ContractSpec, month: Month) -> None:
    """R-S1, R-S9: months are issued in order: a month's refunds reverse only the lines an
    issued statement recognised, so an earlier month issued later would lose them."""
    key = statement_key(contract.code, month)
    earlier = uow.statements.earlier_unissued_month(contract.code, month)
    if earlier is not None:
        raise Refused(
            f"cannot issue statement {key}: the statement of {earlier} is drafted but not "
            "issued; months are issued in order, issue it first"
        )
    later = uow.statements.later_issued_month(contract.code, month)
    if later is not None:
        raise Refused(
            f"cannot issue statement {key}: the statement of {later} is issued already; "
            "months are issued in order"
        )


def show_statement(
    uow: UnitOfWork,
    *,
    contract_code: str,
    month: Month,
    at: datetime,
    version: int | None = None,
) -> StatementView:
    """A version (default: the latest) with its due dates, payments and penalty as of `at`."""
    with uow:
        contract = model_a_contract(uow, contract_code)
        header = uow.statements.get(contract.code, month)
        if header is None:
            raise NotFound(f"no statement {statement_key(contract.code, month)}: draft it first")
        record = _version(uow, header.contract_code, month, version or header.current_version)
        # A superseded version keeps its own status (issued, disputed); payments move the current.
        status = header.status if record.version == header.current_version else record.status
        empty: tuple[str, ...] = ()
        if _looks_empty(record):
            empty = uow.statements.statement(contract.code, month, record.version).explain_empty()
        payments = uow.statements.payments(contract.code, month)
        # R-S7: only a confirmed version has a due date, so only it can have excused days.
        confirmed = record.answer is not None and record.answer.payment_due is not None
        excused = uow.excused_delays.of_statement(contract.code, month) if confirmed else []
        # R-S7: a penalty is posted only when paid in full; read the ledger only then.
        penalty = None
        if status is StatementStatus.SETTLED:
            penalty = posted_penalty(uow, contract.brand_code, contract.code, month, record.version)
        return view_of(
            contract,
            month,
            record,
            status,
            payments,
            at=at,
            empty_reasons=empty,
            excused=excused,
            posted=penalty,
        )


@dataclass(frozen=True)
class StatementForFiles:
    """A stored version with every line, and the brand's name, for its files (R-S8)."""

    statement: Statement
    brand_name: str


def statement_for_files(
    uow: UnitOfWork, *, contract_code: str, month: Month, version: int
) -> StatementForFiles:
    """The stored version with every line, for the XLSX and PDF files (R-S8)."""
    with uow:
        contract = model_a_contract(uow, contract_code)
        record = _version(uow, contract.code, month, version)
        brand = uow.brands.get(contract.brand_code)
        return StatementForFiles(
            uow.statements.statement(contract.code, month, record.version),
            brand.name if brand is not None else contract.brand_code,
        )


def _version(uow: UnitOfWork, contract_code: str, month: Month, version: int) -> VersionRecord:
    for record in uow.statements.versions(contract_code, month):
        if record.version == version:
            return record
    raise NotFound(f"statement {statement_key(contract_code, month)} has no version {version}")


def _looks_empty(record: VersionRecord) -> bool:
    figures = record.figures
    return (
        figures.recognised_lines == 0
        and figures.returned_units == 0
        and figures.concession_amount.fen == 0
    )
