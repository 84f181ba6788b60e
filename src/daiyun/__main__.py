"""`python -m daiyun` is the `daiyun` command."""

from daiyun.entrypoints.cli import app

app()
