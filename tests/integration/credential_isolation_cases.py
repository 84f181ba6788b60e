"""R-D2 cases of the store credential and outage pages (issue 21, R-B7, R-B8): brand A's
people name brand B's brand, store and credential. The isolation test (test_isolation.py)
merges this table into its PAGE_CASES; test_credential_pages.py runs it with B's credential
stored and revealed and B's outage noticed, so that there is something to leak."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["B_CREDENTIALS", "CREDENTIAL_PAGE_CASES"]

B_CREDENTIALS = "/brands/pechoin/credentials"
_B_ADD = {"store": "pechoin-tmall", "kind": "alipay", "login_name": "pay@pechoin.cn",
          "secret": "s3cret-of-b", "note": ""}  # fmt: skip
_B_OUTAGE = {"brand": "pechoin", "started": "2026-11-02T10:00", "ended": "2026-11-02T13:00",
             "what": "客服系统宕机"}  # fmt: skip

CREDENTIAL_PAGE_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/brands/{code}/credentials"): lambda _t: [Call("GET", B_CREDENTIALS)],
    ("POST", "/brands/{code}/credentials"): lambda _t: [
        Call("POST", B_CREDENTIALS, data=_B_ADD),
        # B's store named on A's own page is B's all the same.
        Call("POST", "/brands/chando/credentials", data=_B_ADD),
    ],
    ("GET", "/brands/{code}/credentials/{credential_id}/reveal"): lambda _t: [
        Call("GET", f"{B_CREDENTIALS}/1/reveal")
    ],
    ("POST", "/brands/{code}/credentials/{credential_id}/reveal"): lambda _t: [
        Call("POST", f"{B_CREDENTIALS}/1/reveal", data={"reason": "处理退款 #1"}),
        # B's credential's id under A's own brand: not found either.
        Call("POST", "/brands/chando/credentials/1/reveal", data={"reason": "处理退款 #1"}),
    ],
    ("GET", "/outages"): lambda _t: [Call("GET", "/outages", names_b=False)],
    ("POST", "/outages"): lambda _t: [Call("POST", "/outages", data=_B_OUTAGE)],
}
