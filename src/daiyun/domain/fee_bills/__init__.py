"""Model B's money (R-B1–R-B5): receipts, the monthly commission bill, the service fee's
instalments, the service deposit and the termination right on an overdue fee. Pure."""
