"""The database: tables, migrations, repositories and the unit of work."""
