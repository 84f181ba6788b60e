"""`daiyun …`: the command line (exit 0 done, 1 refused by a rule, 2 bad input).

Each command group is a module of this package; this one only puts them together."""

from __future__ import annotations

import typer

from daiyun.entrypoints.cli.account import account_app
from daiyun.entrypoints.cli.adspend import adspend_app
from daiyun.entrypoints.cli.alipay import alipay_app
from daiyun.entrypoints.cli.audit import audit_app
from daiyun.entrypoints.cli.bill import bill_app, deposit_app, service_fee_app
from daiyun.entrypoints.cli.calendar import calendar_app
from daiyun.entrypoints.cli.catalog import catalog_app
from daiyun.entrypoints.cli.contract import contract_app
from daiyun.entrypoints.cli.credentials import credentials_app
from daiyun.entrypoints.cli.data import data_app
from daiyun.entrypoints.cli.db import db_app
from daiyun.entrypoints.cli.demo import demo_app
from daiyun.entrypoints.cli.jobs import jobs_app
from daiyun.entrypoints.cli.listing import listing_app
from daiyun.entrypoints.cli.misship import misship_app
from daiyun.entrypoints.cli.obligations import obligations_app
from daiyun.entrypoints.cli.orders import orders_app
from daiyun.entrypoints.cli.outage import outage_app
from daiyun.entrypoints.cli.payment import payment_app
from daiyun.entrypoints.cli.promotion import promotion_app
from daiyun.entrypoints.cli.reconcile import reconcile
from daiyun.entrypoints.cli.report import report_app
from daiyun.entrypoints.cli.returns import return_app
from daiyun.entrypoints.cli.serve import serve
from daiyun.entrypoints.cli.shipping import shipping_app
from daiyun.entrypoints.cli.statement import statement_app
from daiyun.entrypoints.cli.stock import stock_app
from daiyun.entrypoints.cli.token import token_app
from daiyun.entrypoints.cli.user import user_app
from daiyun.entrypoints.cli.worker import worker

__all__ = ["app"]

app = typer.Typer(
    name="daiyun",
    help="代运 daiyun: contracts, stores, orders, statements for an e-commerce agency.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
for sub_app, name in (
    (db_app, "db"),
    (contract_app, "contract"),
    (catalog_app, "catalog"),
    (user_app, "user"),
    (demo_app, "demo"),
    (orders_app, "orders"),
    (statement_app, "statement"),
    (payment_app, "payment"),
    (token_app, "token"),
    (obligations_app, "obligations"),
    (account_app, "account"),
    (listing_app, "listing"),
    (promotion_app, "promotion"),
    (adspend_app, "adspend"),
    (calendar_app, "calendar"),
    (audit_app, "audit"),
    (alipay_app, "alipay"),
    (jobs_app, "jobs"),
    (bill_app, "bill"),
    (service_fee_app, "service-fee"),
    (deposit_app, "deposit"),
    (stock_app, "stock"),
    (shipping_app, "shipping"),
    (return_app, "return"),
    (misship_app, "misship"),
    (report_app, "report"),  # issue 20 (R-R1)
    (data_app, "data"),  # issue 20 point 4 (R-R3)
    (credentials_app, "credentials"),  # issue 21 (R-B7)
    (outage_app, "outage"),  # issue 21 (R-B8)
):
    app.add_typer(sub_app, name=name)
app.command("serve")(serve)
app.command("reconcile")(reconcile)
app.command("worker")(worker)
