"""Use cases: make the report a contract owes for a period, and every report due (R-R1, R-R2).

A report is made once per (contract, kind, period): made again, the recorded one is answered,
its first making's moment and on-time flag kept (`made_before`). Its figures are the database's
aggregates (adapters/db/repositories/reports.py); its inventory is the stock area's (R-F1), or
"no stock data" when the brand has no stock list by the period's end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from daiyun.domain.agency import User
from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import ContractSpec
from daiyun.domain.contracts.lifecycle import ContractLife, ends_on
from daiyun.domain.fulfilment.stock import SALES_WINDOW_DAYS, first_day_after, stock_positions
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission
from daiyun.domain.reports.document import (
    BROWSING_NOT_AVAILABLE,
    SALES_BREAKDOWNS,
    Analysis,
    Browsing,
    Customers,
    Inventory,
    Refunds,
    ReportDocument,
    ReturnRow,
    Returns,
    SegmentRow,
    SkuChange,
    StockRow,
)
from daiyun.domain.reports.periods import ReportKind, ReportPeriod, is_on_time, periods_between
from daiyun.domain.reports.record import MadeReport
from daiyun.domain.reports.segments import RFM_SEGMENTS, RfmCutoffs
from daiyun.services.errors import NotFound, Refused
from daiyun.services.reports.ports import ReportFiles, ReportUnitOfWork
from daiyun.services.scope import require_on_brand

__all__ = [
    "TOP_SKUS",
    "MadeOutcome",
    "RunDue",
    "make_report",
    "owed_periods",
    "run_due",
]

TOP_SKUS = 10  # the top SKUs by amount, and as many falling ones


@dataclass(frozen=True)
class MadeOutcome:
    """The report as recorded; `made_before` when an earlier making recorded it."""

    document: ReportDocument
    record: MadeReport
    made_before: bool

    def to_json(self) -> dict[str, object]:
        """interfaces.md's document, then `made_before` and the content hash."""
        return {
            **self.document.to_json(),
            "made_before": self.made_before,
            "content_hash": self.record.content_hash,
        }


def make_report(
    uow: ReportUnitOfWork,
    *,
    contract_code: str,
    kind: ReportKind | str,
    period: str,
    at: datetime,
    actor: str,
    acting: User | None = None,
    files: ReportFiles | None = None,
    xlsx: Path | None = None,
) -> MadeOutcome:
    """The report the contract owes for `period` (R-R1): made and recorded at `at`, on time
    when `at` is on or before its due day (Beijing); recorded already, the record as it is.
    `acting` (the web and the API) must be allowed to see the contract's brand (R-D2)."""
    chosen = ReportPeriod.parse(kind, period)  # ValueError: bad input, nothing read
    with uow:
        contract = _contract(uow, contract_code, acting)
        if at < chosen.ends_at:
            raise Refused(
                f"period {chosen} ends on {chosen.last_day.isoformat()}: its report can be made "
                f"from {(chosen.last_day + timedelta(1)).isoformat()}"
            )
        recorded = uow.reports.get(contract.code, chosen.kind, chosen.text)
        if recorded is not None:
            stored = uow.reports.document(contract.code, chosen.kind, chosen.text)
            assert stored is not None
            outcome = MadeOutcome(ReportDocument.from_json(stored), recorded, True)
        else:
            document = build_document(uow, contract, chosen, at)
            record = MadeReport(
                contract=contract.code, brand=contract.brand_code, kind=chosen.kind,
                period=chosen.text, first_day=chosen.first_day, last_day=chosen.last_day,
                due_on=document.due, made_at=at, made_by=actor, on_time=document.on_time,
                content_hash=document.content_hash(),
            )  # fmt: skip
            if uow.reports.add(record, document.to_json()):
                uow.commit()
                outcome = MadeOutcome(document, record, False)
            else:  # made by another at the same moment: theirs is the record
                again = uow.reports.get(contract.code, chosen.kind, chosen.text)
                stored = uow.reports.document(contract.code, chosen.kind, chosen.text)
                assert again is not None and stored is not None
                outcome = MadeOutcome(ReportDocument.from_json(stored), again, True)
    if files is not None and xlsx is not None:
        files.write_xlsx(outcome.document, xlsx)
    return outcome


def _contract(uow: ReportUnitOfWork, contract_code: str, acting: User | None) -> ContractSpec:
    missing = f"no contract with code {contract_code!r}"
    contract = uow.contracts.get(contract_code)
    if contract is None:
        raise NotFound(missing)
    if acting is not None:
        require_on_brand(acting, Permission.MAKE_REPORTS, contract.brand_code, missing=missing)
    return contract


def build_document(
    uow: ReportUnitOfWork, contract: ContractSpec, period: ReportPeriod, at: datetime
) -> ReportDocument:
    """Every section of the report, from the database's aggregates (inside `uow`)."""
    code, span, reports = contract.code, period.span(), uow.reports
    # The buyers' pass, the longest, worked out beside the other sections (issue 20 point 5).
    with reports.customers_beside(code, span, _cutoffs(span.end)) as customers_of:
        return _document(uow, contract, period, at, customers_of)


def _document(
    uow: ReportUnitOfWork,
    contract: ContractSpec,
    period: ReportPeriod,
    at: datetime,
    customers_of: Callable[[], tuple[int, int, list[SegmentRow]]],
) -> ReportDocument:
    code, span, reports = contract.code, period.span(), uow.reports
    # The order's own keys in one pass; the lines by SKU (with the bands, price checks and
    # markup) in another; the category a query of its own.
    sales, by_order = reports.order_sales(code, span)
    lines = reports.line_figures(code, span)
    read = {**by_order, "sku": list(lines.by_sku)}
    sales_by = {
        name: tuple(read[name] if name in read else reports.sales_by(code, span, name))
        for name in SALES_BREAKDOWNS
    }
    by_sku = sales_by["sku"]
    top = sorted(by_sku, key=lambda row: (-row.amount.fen, -row.units, row.key))[:TOP_SKUS]
    previous_period, year_before_period = period.previous(), period.year_before()
    previous_by_sku = {
        row.key: row for row in reports.sales_by(code, previous_period.span(), "sku")
    }
    now_by_sku = {row.key: row for row in by_sku}
    changes = [
        SkuChange(
            key,
            now_by_sku[key].units if key in now_by_sku else 0,
            now_by_sku[key].amount if key in now_by_sku else Money.zero(),
            before.units,
            before.amount,
        )
        for key, before in previous_by_sku.items()
    ]
    falling = sorted(
        (change for change in changes if change.change < 0),
        key=lambda change: (change.change, change.sku),
    )[:TOP_SKUS]
    analysis = Analysis(
        previous_period=previous_period.text,
        previous=reports.sales(code, previous_period.span()),
        year_before_period=year_before_period.text,
        year_before=reports.sales(code, year_before_period.span()),
        falling_skus=tuple(falling),
        price_bands=lines.price_bands,
        guided_units=lines.guided_units,
        guided_amount=lines.guided_amount,
        guide_amount=lines.guide_amount,
        violations=lines.violations,
    )
    refund_rows = reports.refunds(code, span)
    refunds = Refunds(
        count=sum(row.count for row in refund_rows),
        amount=Money.total(row.amount for row in refund_rows),
        by_reason=tuple(refund_rows),
    )
    asked_by_sku, asked_by_reason = reports.return_requests(code, period.first_day, period.last_day)
    lines_sold = dict(lines.lines_by_sku)
    asked = {row.sku: row for row in asked_by_sku}
    return_rows = tuple(
        ReturnRow(
            key,
            asked[key].returns if key in asked else 0,
            asked[key].exchanges if key in asked else 0,
            lines_sold.get(key, 0),
        )
        for key in sorted(set(asked) | set(lines_sold))
    )
    buyers, repeat, segment_rows = customers_of()
    found_segments = {row.segment: row for row in segment_rows}
    customers = Customers(
        buyers=buyers,
        new=buyers - repeat,
        repeat=repeat,
        segments=tuple(found_segments[name] for name in RFM_SEGMENTS if name in found_segments),
        provinces=sales_by["province"],
        province_buyers=tuple(reports.province_buyers(code, span)),
        hours=sales_by["hour"],
    )
    due = period.due_on(contract.terms)
    return ReportDocument(
        contract=code, brand=contract.brand_code, kind=period.kind, period=period.text,
        start=period.first_day, end=period.last_day, due=due, made_at=at,
        on_time=is_on_time(at, due), sales=sales, refunds=refunds, customers=customers,
        top_skus=tuple(top), sales_by=sales_by, analysis=analysis,
        returns=Returns(return_rows, tuple(asked_by_reason)),
        inventory=_inventory(uow, contract.brand_code, min(at, span.end)),
        browsing=Browsing(False, *BROWSING_NOT_AVAILABLE),
    )  # fmt: skip


def _cutoffs(end: datetime) -> RfmCutoffs:
    return RfmCutoffs.before(end)


def _inventory(uow: ReportUnitOfWork, brand_code: str, at: datetime) -> Inventory:
    """The brand's stock as of `at` (R-F1, as `daiyun stock report` counts it), or no data."""
    header = uow.stock.latest_list(brand_code, at)
    if header is None:
        return Inventory(at, None, ())
    first_day, last_day = first_day_after(header.as_of), business_date(at)
    positions = stock_positions(
        listed=uow.stock.listed(brand_code, header.as_of),
        received=uow.stock.received(brand_code, first_day, last_day),
        returned=uow.stock.returned(brand_code, first_day, last_day),
        sold=uow.stock.sold(brand_code, header.as_of, at),
        sold_recently=uow.stock.sold(brand_code, at - timedelta(days=SALES_WINDOW_DAYS), at),
    )
    rows = tuple(
        StockRow(each.sku, each.on_hand, each.sold_recently, each.days_of_cover)
        for each in positions
    )
    return Inventory(at, header.as_of, rows)


def owed_periods(
    contract: ContractSpec, kind: ReportKind, until: date, life: ContractLife
) -> list[ReportPeriod]:
    """The periods of `kind` the contract owes a report for with a day in [effective_on,
    until], up to its last day (R-R1). The last day is the one the contract's life settles
    (R-C5, R-C6; `lifecycle.ends_on`, as the statement and fee bill duties read it): its
    recorded end (`daiyun contract end`: agreement, expiry, termination), else the end of the
    term objected to, or of the first term of a contract that does not renew; while no end is
    settled the contract renews and keeps owing reports up to `until`.

    A period cut by the end is owed whole, as R-R1 names it: the week (month, year) that holds
    the last day has its report, covering the whole period and due the day R-R1 gives that
    period — just as the period holding the effective day is owed whole — and no period that
    begins after the last day is owed. A contract ended on Sunday 2026-11-15 owes 2026-W46
    (11-09 to 11-15, due 11-16) and not W47; ended on Wednesday 2026-11-11, it owes W46 too."""
    last = ends_on(contract, life)
    last_day = until if last is None else min(until, last)
    if last_day < contract.effective_on:
        return []
    return periods_between(kind, contract.effective_on, last_day)


@dataclass(frozen=True)
class RunDue:
    """What `run-due` did: the reports it made, and how many were made already."""

    at: datetime
    made: tuple[MadeReport, ...]
    already: int

    def to_json(self, listed: int | None = None) -> dict[str, object]:
        """What was done; `listed` caps the reports listed (their count is whole)."""
        return {
            "at": self.at.isoformat(),
            "made": [record.to_json() for record in self.made[:listed]],
            "made_count": len(self.made),
            "already_made": self.already,
        }


def run_due(unit_of_work: Callable[[], ReportUnitOfWork], *, at: datetime, actor: str) -> RunDue:
    """Make every report due by `at` exactly once (R-R1): of every contract, each kind, each
    period that has ended by `at` and is not made yet — each in its own unit of work, so that
    one made stays made whatever happens to the next. A contract that has ended owes none
    after its last day's period (`owed_periods`; R-C5, R-C6)."""
    with unit_of_work() as uow:
        contracts = sorted(uow.contracts.list_all(), key=lambda each: each.code)
        # Issue 21: each contract's objections and recorded end, one query for all of them.
        lives = uow.contracts.lives([each.code for each in contracts])
        made = {
            (record.contract, record.kind, record.period)
            for record in uow.reports.of_contracts([each.code for each in contracts])
        }
    ended_by = business_date(at) - timedelta(days=1)
    outcomes: list[MadeReport] = []
    already = 0
    for contract in contracts:
        for kind in ReportKind:
            for period in owed_periods(contract, kind, ended_by, lives[contract.code]):
                if period.last_day > ended_by:
                    continue
                if (contract.code, kind, period.text) in made:
                    already += 1
                    continue
                outcome = make_report(
                    unit_of_work(), contract_code=contract.code, kind=kind,
                    period=period.text, at=at, actor=actor,
                )  # fmt: skip
                if outcome.made_before:
                    already += 1
                else:
                    outcomes.append(outcome.record)
    return RunDue(at, tuple(outcomes), already)
