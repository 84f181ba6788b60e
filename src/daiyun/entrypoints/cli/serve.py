"""`daiyun serve`: the web app and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.entrypoints.cli import common

__all__ = ["serve"]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web app and the API."""
    import uvicorn

    from daiyun.entrypoints.web.app import create_app

    application = bootstrap(load_settings())
    common.err.print(f"daiyun serving on http://{host}:{port}")
    uvicorn.run(create_app(application), host=host, port=port, log_level="info")
