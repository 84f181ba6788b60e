"""`python -m daiyun` is the `daiyun` command."""

from daiyun.entrypoints.cli.main import app

app()
