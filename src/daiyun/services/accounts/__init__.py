"""Accounts: logins, sessions and API tokens, users and their roles."""
