"""The reports a contract owes (R-R1, R-R2): periods and due days, the document, segments."""

from daiyun.domain.reports.document import ReportDocument
from daiyun.domain.reports.periods import ReportKind, ReportPeriod, is_on_time

__all__ = ["ReportDocument", "ReportKind", "ReportPeriod", "is_on_time"]
