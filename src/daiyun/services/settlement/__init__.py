"""Settlement: model A statements — draft, issue, answer, pay, penalties, excused delays — and
their postings to the brand ledger."""
