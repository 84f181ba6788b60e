"""Background jobs (issue 22): submit, run on a worker, follow; the handlers of each kind."""
