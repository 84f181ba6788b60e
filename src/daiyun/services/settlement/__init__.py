"""Settlement: model A statements — draft, issue, answer, pay, penalties, excused delays."""
