"""Use cases of store credentials (R-B7) and service outages (R-B8), issue 21."""
