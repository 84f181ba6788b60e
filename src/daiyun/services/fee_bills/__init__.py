"""Model B's money cycle (issue 18, R-B1–R-B5, R-C5): the monthly commission bill, the annual
service fee's instalments, the service deposit, their ledger postings and obligations."""
