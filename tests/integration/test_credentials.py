"""Store credentials through the command line, on SQLite and PostgreSQL (issue 21, R-B7):
sealed with the keys of DAIYUN_CREDENTIAL_KEYS and never in plain text in the database (the
SQLite file's and its WAL's bytes are read, the PostgreSQL column's), revealed only to the
agency's store operators and admins with a reason, each reveal logged, keys rotated, and
handed back at exit."""

from __future__ import annotations

import base64
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from daiyun.adapters.credential_vault import FernetVault
from daiyun.adapters.db.credential_tables import credential_reveal, store_credential
from daiyun.bootstrap import Daiyun
from daiyun.domain.credentials import SecretUnreadable
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World

K1 = Fernet.generate_key().decode()
K2 = Fernet.generate_key().decode()
SECRET = "Tm4ll-Seller-pw#2026!"
STORE = "chando-tmall"


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAIYUN_CREDENTIAL_KEYS", K1)


def _add(database_url: str, *extra: str, secret: str = SECRET) -> int:
    result = run_daiyun(
        database_url, "credentials", "add", "--store", STORE, "--kind", "platform_login",
        "--login", "chando旗舰店:运营", "--note", "天猫商家后台", "--json", *extra,
        stdin=secret + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = result.json()
    assert SECRET not in result.stdout
    return int(document["id"])


def _forms_of(secret: str) -> list[bytes]:
    """The secret's bytes and its base64 in every alignment and alphabet: a secret stored
    base64-encoded (but not encrypted) would show one of these."""
    raw = secret.encode()
    forms = [raw, secret.encode("utf-16-le")]
    for shift in range(3):
        padded = b"\0" * shift + raw
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(padded).rstrip(b"=")
            # The characters that do not depend on the bytes before the secret.
            forms.append(encoded[(shift * 4 + 2) // 3 + 1 : -2])
    return forms


def test_the_secret_is_never_in_plain_text_in_the_database(
    world: World, keys: None, database_url: str, daiyun_app: Daiyun
) -> None:
    """R-B7: the database holds only the Fernet token; its file's bytes (SQLite, with its
    WAL) or the stored column's (PostgreSQL) contain neither the secret nor its base64."""
    credential_id = _add(database_url)
    forms = _forms_of(SECRET)
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        files = [each for each in (path, Path(f"{path}-wal")) if each.exists()]
        assert path in files
        seen = b"".join(each.read_bytes() for each in files)
        assert b"chando" in seen  # the file is read: the brand's code is in it
        # After a checkpoint too: the whole database in one file.
        with closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seen += path.read_bytes()
        assert [form for form in forms if form in seen] == []
    else:
        with daiyun_app.engine.connect() as connection:
            sealed = connection.execute(
                select(store_credential.c.sealed).where(store_credential.c.id == credential_id)
            ).scalar_one()
            row_text = connection.execute(
                text("SELECT CAST(t AS text) FROM store_credential t")
            ).scalar_one()
            audit_text = connection.execute(text("SELECT string_agg(CAST(a AS text), '') FROM "
                                                 "audit_record a")).scalar_one()  # fmt: skip
        stored = bytes(sealed) + row_text.encode() + (audit_text or "").encode()
        assert [form for form in forms if form in stored] == []
        assert Fernet(K1.encode()).decrypt(bytes(sealed)).decode() == SECRET
    # And it is there, sealed: an allowed user gets it back.
    shown = run_daiyun(database_url, "credentials", "reveal", str(credential_id), "--reason",
                       "处理退款：登录商家后台", "--by", "ops")  # fmt: skip
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == SECRET + "\n"


def test_a_reveal_is_logged_with_who_when_and_why_and_the_brand_sees_it(
    world: World, keys: None, database_url: str
) -> None:
    credential_id = _add(database_url)
    listed = run_daiyun(database_url, "credentials", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert SECRET not in listed.stdout
    [only] = listed.json()["credentials"]
    assert (only["id"], only["held"], only["reveals"]) == (credential_id, True, 0)
    shown = run_daiyun(
        database_url, "credentials", "reveal", str(credential_id), "--reason", "处理退款 #880001",
        "--by", "ops", "--at", "2026-11-02T10:15:00",
    )  # fmt: skip
    assert shown.exit_code == 0, shown.stderr
    # The brand's own admin reads the log (not the secret).
    log = run_daiyun(database_url, "credentials", "log", "--brand", "chando", "--by", "a-admin",
                     "--json")  # fmt: skip
    assert log.exit_code == 0, log.stderr
    assert log.json()["reveals"] == [
        {"credential_id": credential_id, "brand": "chando", "store": STORE,
         "kind": "platform_login", "login_name": "chando旗舰店:运营", "revealed_by": "ops",
         "revealed_at": "2026-11-02T10:15:00+08:00", "reason": "处理退款 #880001"},
    ]  # fmt: skip
    assert SECRET not in log.stdout
    # Another brand's people do not see it at all (R-D2).
    other = run_daiyun(database_url, "credentials", "log", "--brand", "chando", "--by",
                       "b-admin")  # fmt: skip
    assert other.exit_code == 2 and "no brand with code 'chando'" in other.stderr


@pytest.mark.parametrize(
    ("login", "why"),
    [("a-admin", "may not reveal credentials"), ("cs", "may not reveal credentials")],
)
def test_a_brand_user_or_another_role_is_refused_and_nothing_is_logged(
    world: World, keys: None, database_url: str, daiyun_app: Daiyun, login: str, why: str
) -> None:
    """R-B7: only store operators and admins reveal; the brand's own admin and customer
    service are refused (exit 1) and no reveal is logged."""
    added = run_daiyun(
        database_url, "user", "add", "--login", "cs", "--role", "customer_service",
        "--password-stdin", stdin="Kefu-Passw0rd-2026\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    credential_id = _add(database_url)
    before = database_snapshot(daiyun_app)
    refused = run_daiyun(database_url, "credentials", "reveal", str(credential_id), "--reason",
                         "看一下密码", "--by", login)  # fmt: skip
    assert refused.exit_code == 1, refused.stderr
    assert why in refused.stderr and SECRET not in refused.stdout + refused.stderr
    assert database_snapshot(daiyun_app) == before
    with daiyun_app.engine.connect() as connection:
        assert connection.execute(select(credential_reveal.c.id)).all() == []


def test_a_reveal_needs_a_reason(world: World, keys: None, database_url: str,
                                 daiyun_app: Daiyun) -> None:  # fmt: skip
    credential_id = _add(database_url)
    before = database_snapshot(daiyun_app)
    bare = run_daiyun(database_url, "credentials", "reveal", str(credential_id), "--reason", " x ")
    assert bare.exit_code == 2 and "a reveal needs a reason" in bare.stderr
    assert bare.stdout == ""
    assert database_snapshot(daiyun_app) == before


def test_without_a_key_adding_is_refused_and_nothing_is_kept(
    world: World, database_url: str, daiyun_app: Daiyun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DAIYUN_CREDENTIAL_KEYS", raising=False)
    before = database_snapshot(daiyun_app)
    refused = run_daiyun(database_url, "credentials", "add", "--store", STORE, "--kind",
                         "alipay", "--login", "pay@chando.cn", stdin=SECRET)  # fmt: skip
    assert refused.exit_code == 1
    assert "set DAIYUN_CREDENTIAL_KEYS" in refused.stderr
    assert "never kept in plain text" in refused.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_bad_key_is_bad_input(world: World, database_url: str,
                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("DAIYUN_CREDENTIAL_KEYS", f"{K1},not-a-key")
    refused = run_daiyun(database_url, "credentials", "add", "--store", STORE, "--kind",
                         "alipay", "--login", "pay@chando.cn", stdin=SECRET)  # fmt: skip
    assert refused.exit_code == 2
    assert "key 2 is not a Fernet key" in refused.stderr and K1 not in refused.stderr


def test_rotation_reseals_under_the_newest_key(
    world: World, keys: None, database_url: str, daiyun_app: Daiyun,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """R-B7: with K2 put in front, K1's secrets still open; `rotate` re-seals them under K2,
    after which a vault holding only K1 opens none, and one holding only K2 opens them."""
    first = _add(database_url)
    second = _add(database_url, "--kind", "alipay", "--login", "pay@chando.cn", secret="alipay-9")
    monkeypatch.setenv("DAIYUN_CREDENTIAL_KEYS", f"{K2}, {K1}")
    # Before rotating, the old key still opens what it sealed.
    early = run_daiyun(database_url, "credentials", "reveal", str(first), "--reason", "上新商品")
    assert early.exit_code == 0 and early.stdout == SECRET + "\n"
    rotated = run_daiyun(database_url, "credentials", "rotate", "--json")
    assert rotated.exit_code == 0, rotated.stderr
    assert rotated.json() == {"resealed": 2}
    with daiyun_app.engine.connect() as connection:
        sealed = dict(
            connection.execute(select(store_credential.c.id, store_credential.c.sealed)).all()
        )
    only_old, only_new = FernetVault(K1), FernetVault(K2)
    for each in (first, second):
        with pytest.raises(SecretUnreadable):
            only_old.open(bytes(sealed[each]))
    assert only_new.open(bytes(sealed[first])) == SECRET
    assert only_new.open(bytes(sealed[second])) == "alipay-9"
    # With K1 dropped the command line still reveals.
    monkeypatch.setenv("DAIYUN_CREDENTIAL_KEYS", K2)
    late = run_daiyun(database_url, "credentials", "reveal", str(second), "--reason", "支付宝对账")
    assert late.exit_code == 0 and late.stdout == "alipay-9\n"
    # And with only K1 it is refused (exit 1), nothing logged.
    monkeypatch.setenv("DAIYUN_CREDENTIAL_KEYS", K1)
    before = database_snapshot(daiyun_app)
    lost = run_daiyun(database_url, "credentials", "reveal", str(second), "--reason", "支付宝对账")
    assert lost.exit_code == 1 and "none of the keys" in lost.stderr
    assert database_snapshot(daiyun_app) == before


def test_handed_back_at_exit_the_secrets_are_wiped_and_the_log_stays(
    world: World, keys: None, database_url: str, daiyun_app: Daiyun
) -> None:
    credential_id = _add(database_url)
    assert run_daiyun(database_url, "credentials", "reveal", str(credential_id), "--reason",
                      "处理退款").exit_code == 0  # fmt: skip
    handed = run_daiyun(database_url, "credentials", "hand-back", "--brand", "chando", "--on",
                        "2027-01-11", "--json")  # fmt: skip
    assert handed.exit_code == 0, handed.stderr
    assert handed.json() == {"brand": "chando", "handed_back_on": "2027-01-11",
                             "credentials": [credential_id]}  # fmt: skip
    with daiyun_app.engine.connect() as connection:
        assert connection.execute(select(store_credential.c.sealed)).scalars().all() == [None]
        assert len(connection.execute(select(credential_reveal.c.id)).all()) == 1
    [listed] = run_daiyun(database_url, "credentials", "list", "--json").json()["credentials"]
    assert (listed["held"], listed["handed_back_on"], listed["reveals"]) == (
        False, "2027-01-11", 1,
    )  # fmt: skip
    before = database_snapshot(daiyun_app)
    gone = run_daiyun(database_url, "credentials", "reveal", str(credential_id), "--reason",
                      "处理退款")  # fmt: skip
    assert gone.exit_code == 1 and "handed back to the brand on 2027-01-11" in gone.stderr
    again = run_daiyun(database_url, "credentials", "hand-back", "--brand", "chando", "--on",
                       "2027-01-12")  # fmt: skip
    assert again.exit_code == 1 and "no credential held" in again.stderr
    assert database_snapshot(daiyun_app) == before
    # A new contract may hand the same login over again.
    assert _add(database_url) != credential_id


def test_the_same_credential_held_twice_is_refused(
    world: World, keys: None, database_url: str, daiyun_app: Daiyun
) -> None:
    _add(database_url)
    before = database_snapshot(daiyun_app)
    twice = run_daiyun(database_url, "credentials", "add", "--store", STORE, "--kind",
                       "platform_login", "--login", "chando旗舰店:运营", stdin="other")  # fmt: skip
    assert twice.exit_code == 1 and "already has a platform_login credential" in twice.stderr
    theirs = run_daiyun(database_url, "credentials", "add", "--store", "pechoin-tmall", "--kind",
                        "alipay", "--login", "x", "--by", "a-admin", stdin="s")  # fmt: skip
    assert theirs.exit_code == 2 and "no store with code 'pechoin-tmall'" in theirs.stderr
    own = run_daiyun(database_url, "credentials", "add", "--store", STORE, "--kind", "alipay",
                     "--login", "x", "--by", "a-admin", stdin="s")  # fmt: skip
    assert own.exit_code == 1 and "may not manage credentials" in own.stderr
    assert database_snapshot(daiyun_app) == before
