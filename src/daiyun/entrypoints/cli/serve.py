"""`daiyun serve`: the web app and the API."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError
from rich.markup import escape

from daiyun.bootstrap import bootstrap
from daiyun.config import MAKE_SECRET_KEY, MIN_SECRET_KEY_LENGTH, Settings, load_settings
from daiyun.entrypoints.cli import common

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["WORKER_HEALTHCHECK_SECONDS", "is_loopback", "serve", "web_app"]

# How long a web worker may take to answer uvicorn's supervisor, starting up included.
WORKER_HEALTHCHECK_SECONDS = 60


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help=(
                "Web processes (uvicorn workers) sharing the port; each has its own pool of "
                "database connections (DAIYUN_DATABASE_POOL_SIZE, default 10, plus "
                "DAIYUN_DATABASE_MAX_OVERFLOW, default 30). On SQLite they share the file: "
                "pages and API reads never wait for a writer, writers take turns and a writer "
                "that waits longer than DAIYUN_DATABASE_BUSY_TIMEOUT (30 s) is answered 503, "
                "try again. See docs/deployment.md."
            ),
        ),
    ] = 1,
) -> None:
    """Serve the web app and the API, in one process or `--workers N`."""
    import uvicorn

    try:
        settings = load_settings()
    except ValidationError as error:
        common.bad_input("; ".join(str(problem["msg"]) for problem in error.errors()))
    _check_exposure(host, settings)
    application = bootstrap(settings)
    if workers == 1:
        from daiyun.entrypoints.web.app import create_app

        common.err.print(f"daiyun serving on http://{escape(host)}:{port}")
        uvicorn.run(create_app(application), host=host, port=port, log_level="info")
        return
    application.close()  # a database URL daiyun cannot use stopped here, not in a worker
    common.err.print(f"daiyun serving on http://{escape(host)}:{port} ({workers} web processes)")
    # Each process makes the app itself (web_app), from the same environment: N workers are
    # N processes, each with its engine and connection pool.
    uvicorn.run(
        f"{__name__}:web_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        # uvicorn restarts a worker that does not answer its supervisor's ping in time; a worker
        # still importing daiyun on a busy machine took longer than the default 5 s, and was
        # killed and started again, over and over.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )


def web_app() -> FastAPI:
    """The app one web process serves (uvicorn's factory, run in each worker): daiyun
    assembled from the environment, with a database connection pool of its own."""
    from daiyun.entrypoints.web.app import create_app

    return create_app(bootstrap(load_settings()))


def is_loopback(host: str) -> bool:
    """True for an address only this machine reaches: 127.0.0.0/8, ::1 or `localhost`.

    Any other name counts as reachable from elsewhere: what it resolves to is not ours to know.
    """
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _check_exposure(host: str, settings: Settings) -> None:
    """Refuse (exit 2) to serve beyond loopback with a key others know; say what is weak."""
    if is_loopback(host):
        if settings.uses_development_key:
            common.err.print(
                "note: the development key (DAIYUN_SECRET_KEY is not set): "
                "fine on this machine's loopback only / 使用开发密钥，仅限本机回环地址",
                soft_wrap=True,
            )
        return
    if not settings.has_own_secret_key:
        common.bad_input(_refusal(escape(host), settings))
    if settings.environment == "dev":
        common.err.print(
            "warning: DAIYUN_ENVIRONMENT=dev, so the session cookies lack Secure and travel "
            "over plain HTTP too: behind HTTPS, set DAIYUN_ENVIRONMENT=production / "
            "警告：DAIYUN_ENVIRONMENT=dev 时会话 Cookie 不带 Secure 标记；"
            "经 HTTPS 提供服务时请设置 DAIYUN_ENVIRONMENT=production",
            soft_wrap=True,
        )


def _refusal(host: str, settings: Settings) -> str:
    if settings.uses_development_key:
        english = "with the published development key (DAIYUN_SECRET_KEY is not set)"
        chinese = "DAIYUN_SECRET_KEY 未设置，仍是公开的开发密钥"
    else:
        english = f"with a DAIYUN_SECRET_KEY shorter than {MIN_SECRET_KEY_LENGTH} characters"
        chinese = f"DAIYUN_SECRET_KEY 短于 {MIN_SECRET_KEY_LENGTH} 个字符"
    return (
        f"拒绝在 {host} 上提供服务：{chinese}。买家标识（R-D1）以此密钥计算，"
        f"公开的密钥可被用来把买家标识逆推回会员名。请在第一次导入订单之前设置自己的密钥"
        f"（至少 {MIN_SECRET_KEY_LENGTH} 个字符），例如：\n"
        f'  export DAIYUN_SECRET_KEY="$({MAKE_SECRET_KEY})"\n'
        f"refusing to serve on {host} {english}: it keys the buyer hashes (R-D1), and with a "
        "known key they are matched back to member names. Set DAIYUN_SECRET_KEY to a secret "
        f"of your own ({MIN_SECRET_KEY_LENGTH} characters or more) before the first import, "
        "as above, and keep it. Only 127.0.0.1, ::1 or localhost may use the development key. "
        "See docs/web-and-api.md, 'The secret key'."
    )
