"""The brand ledger: postings of statements, payments and penalties, and the account read back."""
