"""The working-day calendar: the holiday notices daiyun records for years the library lacks."""
