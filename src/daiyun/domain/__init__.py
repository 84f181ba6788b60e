"""The business rules, pure: no database, web, file or clock access."""
