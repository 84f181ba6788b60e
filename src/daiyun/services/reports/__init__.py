"""The reports a contract owes (issue 20, R-R1, R-R2): made, recorded, listed, owed."""
