"""Model A monthly settlement, pure: recognition, statement figures, timeline, late penalty."""

from daiyun.domain.settlement.drafting import DuplicateLine, RefundedLineMissing, draft_statement
from daiyun.domain.settlement.excused_delay import (
    DelayNotExcusable,
    ExcusedDelay,
    check_excusable,
    excused_days,
)
from daiyun.domain.settlement.fee_rates import FeeRates, half_up_ratio
from daiyun.domain.settlement.inputs import (
    QUALITY,
    LineKey,
    RefundRecord,
    SettlementLine,
    UnsettleableOrder,
)
from daiyun.domain.settlement.lines import LineKind, StatementLine, canonical_lines_json
from daiyun.domain.settlement.penalty import (
    LatePenalty,
    Payment,
    PenaltyPeriod,
    late_penalty,
    termination_deadline,
)
from daiyun.domain.settlement.statement import (
    EmptyReason,
    RecognitionCounts,
    Statement,
    StatementFigures,
    sum_figures,
)
from daiyun.domain.settlement.timeline import (
    StatementTimeline,
    confirm_by,
    issue_by,
    payment_due,
    statement_timeline,
)

__all__ = [
    "QUALITY",
    "DelayNotExcusable",
    "DuplicateLine",
    "EmptyReason",
    "ExcusedDelay",
    "FeeRates",
    "LatePenalty",
    "LineKey",
    "LineKind",
    "Payment",
    "PenaltyPeriod",
    "RecognitionCounts",
    "RefundRecord",
    "RefundedLineMissing",
    "SettlementLine",
    "Statement",
    "StatementFigures",
    "StatementLine",
    "StatementTimeline",
    "UnsettleableOrder",
    "canonical_lines_json",
    "check_excusable",
    "confirm_by",
    "draft_statement",
    "excused_days",
    "half_up_ratio",
    "issue_by",
    "late_penalty",
    "payment_due",
    "statement_timeline",
    "sum_figures",
    "termination_deadline",
]
