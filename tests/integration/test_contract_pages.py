"""The contract page (issue 21) on SQLite and PostgreSQL: the term, renewals, next notice
deadline and confidentiality shown in Chinese and English (R-C5, R-C8); a brand's admin objects
for the brand, a viewer sees no form (R-D2); finance ends the contract and closes an exit duty
with a file (R-C6); a refused form changes nothing."""

from __future__ import annotations

import re
from typing import Any

from tests.integration.snapshots import database_snapshot
from tests.integration.statement_world import add_finance_user
from tests.integration.web_world import World, log_in

PAGE = "/contracts/CHANDO-2026"  # effective 2026-01-05; the world's clock is 2026-11-02
_AUTH = {"web_session", "login_attempt", "api_token"}  # what signing in itself writes


def _stored(world: World) -> dict[str, Any]:
    return {k: v for k, v in database_snapshot(world.daiyun).items() if k not in _AUTH}


def test_the_page_shows_the_term_the_deadline_and_confidentiality(world: World) -> None:
    admin = world.client()
    log_in(admin, "admin")
    page = admin.get(PAGE)
    assert page.status_code == 200, page.text
    text = page.text
    # R-C5: term 1 2026-01-05 – 2027-01-04, objections until 2026-12-04.
    assert re.search(r'id="term-1"[^>]*>.*?2026-01-05 – 2027-01-04</td><td>2026-12-04', text, re.S)
    assert "下一个续约异议截止日：2026-12-04" in text
    # R-C8: 10,000 liquidated damages; while it runs, "3 years after the end".
    assert 'id="damages">¥10,000.00' in text and "合同终止后 3 年" in text
    assert 'id="objection-form"' in text and 'id="end-form"' in text
    english = world.client()
    english.cookies.set("daiyun_lang", "en")
    log_in(english, "admin")
    assert "Next renewal-notice deadline: 2026-12-04" in english.get(PAGE).text
    # The brand's page links to it.
    assert f'href="{PAGE}"' in admin.get("/brands/chando").text


def test_a_brand_admin_objects_for_the_brand_and_a_viewer_cannot(world: World) -> None:
    viewer = world.client()
    csrf = log_in(viewer, "a-viewer")
    page = viewer.get(PAGE).text
    assert 'id="objection-form"' not in page and 'id="end-form"' not in page
    before = _stored(world)
    refused = viewer.post(
        f"{PAGE}/objection", data={"csrf_token": csrf, "on": "2026-11-02", "by": "brand"}
    )
    assert refused.status_code == 403
    assert _stored(world) == before
    admin = world.client()
    csrf = log_in(admin, "a-admin")
    page = admin.get(PAGE).text
    assert 'id="objection-form"' in page and 'id="end-form"' not in page
    # Not for the operator, even by a forged field.
    forged = admin.post(
        f"{PAGE}/objection", data={"csrf_token": csrf, "on": "2026-11-02", "by": "operator"}
    )
    assert forged.status_code == 409 and "品牌方用户只能以品牌方名义" in forged.text
    assert _stored(world) == before
    objected = admin.post(
        f"{PAGE}/objection",
        data={"csrf_token": csrf, "on": "2026-11-02", "by": "brand", "reason": "自营"},
    )
    assert (objected.status_code, objected.headers["location"]) == (303, PAGE)
    after = admin.get(PAGE).text
    assert "已登记合同 CHANDO-2026 的续约异议" in after
    assert "合同最后一日：2027-01-04（期满终止）" in after
    assert "合同不再续期" in after


def test_finance_ends_the_contract_and_closes_an_exit_duty_with_a_file(world: World) -> None:
    add_finance_user(world)
    finance = world.client()
    csrf = log_in(finance, "finance")
    before = _stored(world)
    bad_day = finance.post(
        f"{PAGE}/end", data={"csrf_token": csrf, "on": "2026-13-01", "cause": "agreement"}
    )
    assert bad_day.status_code == 422 and "不是日期" in bad_day.text
    no_right = finance.post(
        f"{PAGE}/end", data={"csrf_token": csrf, "on": "2026-10-31", "cause": "termination"}
    )
    assert no_right.status_code == 409 and "尚未产生解约权" in no_right.text
    assert _stored(world) == before
    ended = finance.post(
        f"{PAGE}/end", data={"csrf_token": csrf, "on": "2026-10-31", "cause": "agreement"}
    )
    assert ended.status_code == 303, ended.text
    page = finance.get(PAGE).text
    # R-C6: exit duties due 2026-10-31 + 7 = 2026-11-07; R-C8: 2029-10-31.
    assert re.search(r'id="exit-remove_marks"><td>撤除品牌标识及广告</td><td>2026-11-07', page)
    assert 'id="confidential-until">2029-10-31' in page
    unproven = _stored(world)
    bare = finance.post(
        f"{PAGE}/exit", data={"csrf_token": csrf, "on": "2026-11-02", "duty": "remove_marks"}
    )
    assert bare.status_code == 422 and "须附证据" in bare.text
    assert _stored(world) == unproven
    closed = finance.post(
        f"{PAGE}/exit",
        data={"csrf_token": csrf, "on": "2026-11-02", "duty": "remove_marks"},
        files={"evidence": ("shop.jpg", b"\xff\xd8 no marks left", "image/jpeg")},
    )
    assert closed.status_code == 303, closed.text
    page = finance.get(PAGE).text
    row = page[page.index('id="exit-remove_marks"') :].split("</tr>")[0]
    assert "<td>2026-11-02</td>" in row and ">shop.jpg</code>" in row, row
    # The dashboard's obligations link the contract's duties to this page.
    assert (
        f'href="{PAGE}"'
        in finance.get("/obligations?as_of=2026-11-03&brand=chando&kind=exit_remove_marks").text
    )
