"""Promotions: plans, the brand's written approvals, and their views (R-P4)."""
