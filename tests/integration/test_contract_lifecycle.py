"""The contract's life through the command line, on SQLite and PostgreSQL (issue 21): a written
objection to renewal by the notice deadline (R-C5), the renewal when none comes, the end with
its cause and the exit duties it starts, each closed only with evidence (R-C6), a breach
notice's cure deadline and the termination right the day after, and every dated duty in
`daiyun obligations list --json` with its rule (R-O1)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from daiyun.bootstrap import Daiyun
from tests.builders import contract_toml
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot

CONTRACT = "CHANDO-2026"  # effective 2026-01-05 for 12 months, 1 month's notice (builders.py)


def _life(url: str, on: str) -> dict[str, Any]:
    shown = run_daiyun(url, "contract", "show", "--contract", CONTRACT, "--on", on, "--json")
    assert shown.exit_code == 0, shown.stderr
    document: dict[str, Any] = shown.json()
    return document


def _object(url: str, on: str, by: str = "brand", at: str | None = None) -> CliResult:
    return run_daiyun(
        url, "contract", "object", "--contract", CONTRACT, "--by", by, "--on", on,
        "--reason", "品牌自营", "--at", at or f"{on}T18:00:00", "--json",
    )  # fmt: skip


def _obligations(url: str, on: str) -> list[dict[str, Any]]:
    listed = run_daiyun(url, "obligations", "list", "--as-of", on, "--json")
    assert listed.exit_code == 0, listed.stderr
    found: list[dict[str, Any]] = listed.json()["obligations"]
    return [each for each in found if each["rule"] in ("R-C5", "R-C6")]


def test_the_term_may_be_objected_to_until_a_month_before_its_last_day_r_c5(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    # Term 1: 2026-01-05 – 2027-01-04; the last day less 1 month: 2026-12-04 inclusive.
    life = _life(chando_store, "2026-06-01")
    assert life["term"] == {
        "number": 1, "from": "2026-01-05", "to": "2027-01-04", "notice_by": "2026-12-04",
    }  # fmt: skip
    assert (life["next_notice_by"], life["renewals"], life["ends_on"]) == ("2026-12-04", 0, None)
    # R-O1: the deadline is each party's, open, with its rule.
    duties = _obligations(chando_store, "2026-06-01")
    assert [(d["kind"], d["party"], d["due_on"], d["status"]) for d in duties] == [
        ("object_to_renewal", "brand", "2026-12-04", "open"),
        ("object_to_renewal", "operator", "2026-12-04", "open"),
    ]
    # The day after the deadline: refused, naming it, nothing kept.
    before = database_snapshot(daiyun_app)
    late = _object(chando_store, "2026-12-05")
    assert late.exit_code == 1
    assert "was 2026-12-04" in late.stderr and "renews to 2028-01-04" in late.stderr
    assert database_snapshot(daiyun_app) == before
    # On the deadline: accepted; the contract then ends at the term's end.
    on_time = _object(chando_store, "2026-12-04")
    assert on_time.exit_code == 0, on_time.stderr
    assert on_time.json() == {
        "contract": CONTRACT, "term": 1, "by": "brand", "on": "2026-12-04", "reason": "品牌自营",
    }  # fmt: skip
    life = _life(chando_store, "2026-12-20")
    assert (life["ends_on"], life["end_cause"], life["next_notice_by"]) == (
        "2027-01-04", "expiry", None,
    )  # fmt: skip
    assert life["objections"] == [
        {"term": 1, "by": "brand", "on": "2026-12-04", "reason": "品牌自营"}
    ]
    # The same party again: refused (immutable, once); the audit log has the objection.
    assert _object(chando_store, "2026-12-04").exit_code == 1
    with daiyun_app.engine.connect() as connection:
        actions = connection.execute(text("SELECT action, entity_key FROM audit_record")).all()
    assert [tuple(row) for row in actions if row[0] == "contract.object"] == [
        ("contract.object", CONTRACT)
    ]
    # Confidentiality (R-C8): 3 years after the last day.
    assert life["confidentiality"] == {"damages": "10000.00", "years": 3, "until": "2030-01-04"}
    # R-O1: the objected deadline met on the objection's day; the exit duties due 7 days
    # after the last day (2027-01-04 + 7 = 2027-01-11).
    duties = _obligations(chando_store, "2027-01-05")
    assert {(d["kind"], d["status"], d["done_on"]) for d in duties if d["rule"] == "R-C5"} == {
        ("object_to_renewal", "met", "2026-12-04")
    }
    exits = sorted((d["kind"], d["due_on"]) for d in duties if d["rule"] == "R-C6")
    assert exits == [
        ("exit_final_statement", "2027-01-11"),
        ("exit_hand_back_credentials", "2027-01-11"),
        ("exit_remove_marks", "2027-01-11"),
        ("exit_return_goods", "2027-01-11"),
    ]


def test_without_an_objection_the_contract_renews_once_the_deadline_passes_r_c5(
    chando_store: str,
) -> None:
    on_deadline = _life(chando_store, "2026-12-04")
    assert (on_deadline["renewals"], on_deadline["next_notice_by"]) == (0, "2026-12-04")
    # The day after: renewal 1 (term 2) is certain: 2027-01-05 – 2028-01-04, its own deadline
    # 2028-01-04 less one month = 2027-12-04.
    after = _life(chando_store, "2026-12-05")
    assert after["renewals"] == 1
    assert after["terms"][1] == {
        "number": 2, "from": "2027-01-05", "to": "2028-01-04", "notice_by": "2027-12-04",
    }  # fmt: skip
    assert after["next_notice_by"] == "2027-12-04" and after["ends_on"] is None
    assert after["confidentiality"]["until"] is None  # "3 years after the end"
    # Two years on, two renewals; the term running is the third.
    later = _life(chando_store, "2028-06-01")
    assert (later["renewals"], later["term"]["number"], later["next_notice_by"]) == (
        2, 3, "2028-12-04",
    )  # fmt: skip
    # An objection in term 2 ends the contract at term 2's end.
    objected = _object(chando_store, "2027-11-30", by="operator")
    assert objected.exit_code == 0, objected.stderr
    assert objected.json()["term"] == 2
    assert _life(chando_store, "2028-06-01")["ends_on"] == "2028-01-04"
    # After it ends nothing is left to object to.
    assert _object(chando_store, "2028-01-10", by="brand").exit_code == 1


def _load(url: str, folder: Path, effective: str, **changes: str) -> None:
    text = contract_toml(**changes).replace("2026-01-05", effective)
    path = folder / "contract.toml"
    path.write_text(text, encoding="utf-8")
    loaded = run_daiyun(url, "contract", "load", str(path))
    assert loaded.exit_code == 0, loaded.stderr


@pytest.mark.parametrize(
    ("effective", "last_day", "notice_by"),
    [
        # A term ending on the 31st: 2026-02-01 + 12 months − 1 day = 2027-01-31; 12-31.
        ("2026-02-01", "2027-01-31", "2026-12-31"),
        # Ending 2027-03-31: February 2027 has no 31st, so its last day, the 28th.
        ("2026-04-01", "2027-03-31", "2027-02-28"),
        # Ending 2028-03-31: February 2028 is a leap month, so the 29th.
        ("2027-04-01", "2028-03-31", "2028-02-29"),
        # Ending on a leap day, 2028-02-29: one month before is 2028-01-29.
        ("2027-03-01", "2028-02-29", "2028-01-29"),
        # Ending 2027-02-28 (effective 2026-03-01): 2027-01-28.
        ("2026-03-01", "2027-02-28", "2027-01-28"),
    ],
)
def test_deadlines_of_terms_ending_at_the_ends_of_months_r_c5(
    database_url: str, tmp_path: Path, effective: str, last_day: str, notice_by: str
) -> None:
    _load(database_url, tmp_path, effective)
    life = _life(database_url, effective)
    assert (life["term"]["to"], life["term"]["notice_by"]) == (last_day, notice_by)
    # On the deadline accepted; the other party the day after refused, naming the deadline.
    from datetime import date, timedelta

    day_after = (date.fromisoformat(notice_by) + timedelta(days=1)).isoformat()
    refused = _object(database_url, day_after, by="operator")
    assert refused.exit_code == 1 and f"was {notice_by}" in refused.stderr
    accepted = _object(database_url, notice_by, by="brand")
    assert accepted.exit_code == 0, accepted.stderr


def test_ending_a_contract_starts_its_exit_duties_each_closed_only_with_evidence_r_c6(
    chando_store: str, daiyun_app: Daiyun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    monkeypatch.setenv("DAIYUN_SHARED_DATA_DIR", str(shared))
    before = database_snapshot(daiyun_app)
    # Refusals keep nothing: an expiry the contract does not have (it renews unobjected), a
    # termination with no right arisen, a cause that is not one.
    expiry = run_daiyun(
        chando_store, "contract", "end", "--contract", CONTRACT, "--on", "2026-06-30",
        "--cause", "expiry", "--at", "2026-06-30T12:00:00",
    )  # fmt: skip
    assert expiry.exit_code == 1 and "renews on its own" in expiry.stderr
    termination = run_daiyun(
        chando_store, "contract", "end", "--contract", CONTRACT, "--on", "2026-06-30",
        "--cause", "termination", "--at", "2026-06-30T12:00:00",
    )  # fmt: skip
    assert termination.exit_code == 1 and "no termination right" in termination.stderr
    bad = run_daiyun(
        chando_store, "contract", "end", "--contract", CONTRACT, "--on", "2026-06-30",
        "--cause", "boredom",
    )  # fmt: skip
    assert bad.exit_code == 2 and "not a cause" in bad.stderr
    assert database_snapshot(daiyun_app) == before
    # By agreement on 2026-06-30: the exit duties are due 7 days later, 2026-07-07.
    ended = run_daiyun(
        chando_store, "contract", "end", "--contract", CONTRACT, "--on", "2026-06-30",
        "--cause", "agreement", "--reason", "双方协商一致", "--at", "2026-06-30T12:00:00",
        "--json",
    )  # fmt: skip
    assert ended.exit_code == 0, ended.stderr
    assert [(d["duty"], d["due_on"], d["done_on"]) for d in ended.json()["exit_duties"]] == [
        ("remove_marks", "2026-07-07", None),
        ("return_goods", "2026-07-07", None),
        ("final_statement", "2026-07-07", None),
        ("hand_back_credentials", "2026-07-07", None),
    ]
    again = run_daiyun(
        chando_store, "contract", "end", "--contract", CONTRACT, "--on", "2026-06-30",
        "--cause", "agreement", "--at", "2026-07-01T12:00:00",
    )  # fmt: skip
    assert again.exit_code == 1 and "ended already on 2026-06-30" in again.stderr
    # Each duty needs evidence: none given is bad input (exit 2) and keeps nothing.
    ended_state = database_snapshot(daiyun_app)
    bare = run_daiyun(
        chando_store, "contract", "exit-done", "--contract", CONTRACT, "--duty", "remove_marks",
        "--on", "2026-07-03", "--at", "2026-07-03T12:00:00",
    )  # fmt: skip
    assert bare.exit_code == 2 and "only with evidence" in bare.stderr
    model_b_duty = run_daiyun(
        chando_store, "contract", "exit-done", "--contract", CONTRACT, "--duty", "final_bill",
        "--on", "2026-07-03", "--note", "已出具", "--at", "2026-07-03T12:00:00",
    )  # fmt: skip
    assert model_b_duty.exit_code == 1 and "has no exit duty final_bill" in model_b_duty.stderr
    assert database_snapshot(daiyun_app) == ended_state
    # A photo closes one: kept by its SHA-256 under the data directory; a note another.
    photo = tmp_path / "shop.jpg"
    photo.write_bytes(b"\xff\xd8 the store without the brand's marks")
    closed = run_daiyun(
        chando_store, "contract", "exit-done", "--contract", CONTRACT, "--duty", "remove_marks",
        "--on", "2026-07-03", "--evidence", str(photo), "--at", "2026-07-03T12:00:00", "--json",
    )  # fmt: skip
    assert closed.exit_code == 0, closed.stderr
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert closed.json()["sha256"] == digest
    assert (shared / "attachments" / digest[:2] / digest).read_bytes() == photo.read_bytes()
    noted = run_daiyun(
        chando_store, "contract", "exit-done", "--contract", CONTRACT, "--duty", "return_goods",
        "--on", "2026-07-09", "--note", "货品已退回品牌仓库，签收单号 R-88", "--at",
        "2026-07-09T12:00:00",
    )  # fmt: skip
    assert noted.exit_code == 0, noted.stderr
    twice = run_daiyun(
        chando_store, "contract", "exit-done", "--contract", CONTRACT, "--duty", "remove_marks",
        "--on", "2026-07-04", "--note", "again", "--at", "2026-07-04T12:00:00",
    )  # fmt: skip
    assert twice.exit_code == 1 and "closed already, on 2026-07-03" in twice.stderr
    # R-O1: met on time, missed when late, open until due; the remaining two missed by 07-10.
    duties = {
        d["kind"]: (d["status"], d["done_on"]) for d in _obligations(chando_store, "2026-07-10")
    }
    assert duties == {
        "exit_remove_marks": ("met", "2026-07-03"),
        "exit_return_goods": ("missed", "2026-07-09"),
        "exit_final_statement": ("missed", None),
        "exit_hand_back_credentials": ("missed", None),
    }
    # Confidentiality ends 3 years after the last day: 2029-06-30.
    assert _life(chando_store, "2026-07-10")["confidentiality"]["until"] == "2029-06-30"
    # After the end, months after the last day owe no statement (R-S6): June is the last.
    listed = run_daiyun(chando_store, "obligations", "list", "--as-of", "2026-12-01", "--json")
    months = {d["subject"] for d in listed.json()["obligations"] if d["rule"] == "R-S6"}
    assert "statement CHANDO-2026 2026-06" in months
    assert "statement CHANDO-2026 2026-07" not in months


def test_a_breach_not_cured_in_time_gives_a_termination_right_the_day_after_r_c6(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    notice = run_daiyun(
        chando_store, "contract", "breach-notice", "--contract", CONTRACT, "--by", "operator",
        "--on", "2026-03-02", "--what", "品牌方未按期补货", "--at", "2026-03-02T10:00:00",
        "--json",
    )  # fmt: skip
    assert notice.exit_code == 0, notice.stderr
    # 2026-03-02 + 15 days = 2026-03-17, the last day to cure.
    assert notice.json()["cure_by"] == "2026-03-17"
    notice_id = notice.json()["id"]
    assert _life(chando_store, "2026-03-17")["termination_rights"] == []
    assert _life(chando_store, "2026-03-18")["termination_rights"] == [
        {
            "right": f"R-C6 breach notice {notice_id}",
            "holder": "operator",
            "arose_on": "2026-03-18",
            "rule": "R-C6",
        }
    ]
    # R-O1: the brand's duty to cure, missed the day after.
    cure = [d for d in _obligations(chando_store, "2026-03-18") if d["kind"] == "cure_breach"]
    assert [(d["party"], d["due_on"], d["status"]) for d in cure] == [
        ("brand", "2026-03-17", "missed")
    ]
    # Terminating before the right arose is refused; on the day it arose, it names the right.
    early = run_daiyun(
        chando_store, "contract", "end", "--contract", CONTRACT, "--on", "2026-03-17",
        "--cause", "termination", "--at", "2026-03-20T10:00:00",
    )  # fmt: skip
    assert early.exit_code == 1 and "no termination right" in early.stderr
    ended = run_daiyun(
        chando_store, "contract", "end", "--contract", CONTRACT, "--on", "2026-03-18",
        "--cause", "termination", "--at", "2026-03-20T10:00:00", "--json",
    )  # fmt: skip
    assert ended.exit_code == 0, ended.stderr
    assert ended.json()["right"] == f"R-C6 breach notice {notice_id}"


def test_a_breach_cured_in_time_gives_no_right_r_c6(chando_store: str) -> None:
    notice = run_daiyun(
        chando_store, "contract", "breach-notice", "--contract", CONTRACT, "--by", "brand",
        "--on", "2026-03-02", "--what", "运营方未按时上架", "--at", "2026-03-02T10:00:00",
        "--json",
    )  # fmt: skip
    assert notice.exit_code == 0, notice.stderr
    cured = run_daiyun(
        chando_store, "contract", "cured", "--notice", str(notice.json()["id"]), "--on",
        "2026-03-17", "--at", "2026-03-17T10:00:00", "--json",
    )  # fmt: skip
    assert cured.exit_code == 0, cured.stderr
    assert cured.json()["in_time"] is True
    assert _life(chando_store, "2026-04-01")["termination_rights"] == []
    cure = [d for d in _obligations(chando_store, "2026-04-01") if d["kind"] == "cure_breach"]
    assert [(d["party"], d["status"], d["done_on"]) for d in cure] == [
        ("operator", "met", "2026-03-17")
    ]
