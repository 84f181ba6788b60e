"""In-app notifications and reminders of dated duties by email (issue 21 point 7, R-O1)."""
