"""Background jobs' adapters: the broker (Dramatiq on Redis, or in-process), the scratch
folders a job's files are written out to, and which failures are transient."""
