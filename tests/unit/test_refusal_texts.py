"""A refusal the pages show is in the reader's language (issue 14): every message the services
and the domain word for a clerk has a Chinese template in entrypoints/web/refusal_texts.py, and
the English pages show the services' English unchanged (the CLI's and the API's, interfaces.md).

The messages are found in the source: what `raise` statements, `missing = f"…"` texts and the
catalogue's problems say. A new message without a template fails here until it has one.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from daiyun.domain.settlement import lifecycle
from daiyun.entrypoints.web.i18n import speaker
from daiyun.entrypoints.web.refusal_texts import KEPT_AS_WORDED, REFUSALS, template_of

SRC = Path(__file__).resolve().parents[2] / "src" / "daiyun"
# The domain's modules whose refusals reach a page (through a use case or a form's parsing);
# a domain module whose messages a page shows joins this list.
DOMAIN_ON_PAGES = [
    "advertising/budget.py", "agency.py", "calendar.py", "catalog/entry.py",
    "ledger/penalty.py", "money.py", "permissions.py", "pricing/guide_price.py",
    "pricing/listing.py", "promotions/approval.py", "promotions/plan.py",
    "settlement/drilldown.py", "settlement/excused_delay.py", "settlement/lifecycle.py",
    "settlement/statement.py",
]  # fmt: skip
SCOPE = [
    *sorted((SRC / "services").rglob("*.py")),
    *(SRC / "domain" / path for path in DOMAIN_ON_PAGES),
    *sorted((SRC / "entrypoints" / "web").glob("*.py")),
    SRC / "entrypoints" / "api" / "auth.py",
    SRC / "entrypoints" / "api" / "price_schemas.py",
    SRC / "adapters" / "price_file.py",
    SRC / "adapters" / "catalog_file.py",
]
# Use cases no page calls: contract and holiday-notice files are loaded by the CLI only, and
# the demo speaks to the CLI.
NOT_ON_PAGES = {"services/calendar/holiday_notices.py", "services/contracts/loading.py"}
# Messages that guard the code against itself (a naive datetime, a weight list, a bad fen):
# no clerk's input reaches them, so no clerk reads them; and two no page shows (the API's
# answer to a bad token, an order import's problem, which its page reads from the JSON).
NOT_FOR_CLERKS = {
    "'{}' is a datetime; take its business_date() first",
    "'{}' is a {}; write amounts as text or whole yuan",
    "'{}' is a {}; write rates as text",
    "'{}' is not an exact decimal rate",
    "{} refunds of {} reached their lines, {} were read",
    "Money needs whole fen as int, not {}",
    "a SKU unknown to the catalogue: the reference reports it",
    "a guide price takes effect at an aware moment, not a naive one",
    "a month needs whole numbers, not '{}'-'{}'",
    "ad spend of {} given for {}",
    "an approval happens at an aware moment, not a naive one",
    "cannot allocate over no weights",
    "multiply money by a whole count; use Rate.apply() for a rate",
    "n must be a whole number of working days, 1 or more, not '{}'",
    "naive datetime {} has no time zone; refusing to guess",
    "unknown, revoked or disabled API token",
    "weights must be whole numbers, zero or more",
    "{} has no day '{}'; it has days 1–{}",
}


def _template(node: ast.expr) -> str | None:
    """An f-string or string as a template: each value `{}`, a repr'd one `'{}'`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                assert isinstance(value, ast.FormattedValue)
                parts.append("'{}'" if value.conversion == ord("r") else "{}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return None if left is None or right is None else left + right
    return None


def _message_of(node: ast.AST) -> tuple[str, ast.expr] | None:
    """The message a node words, if it words one, after what comes before it: a raised
    exception's first argument (ListingPriceRefused(rule, message) words "rule: message"), a
    text meant for a clerk (`missing = …`, `missing=…`, a problem in a file's cell), or what a
    function returns (sku_problem(): a catalogue cell's verdict)."""
    if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
        first = node.exc.args[0]
        if isinstance(first, ast.Constant) and re.fullmatch(r"R-P\d", str(first.value)):
            return f"{first.value}: ", node.exc.args[1]
        return "", first
    clerks = {"missing", "message", "empty", "by"}
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id in clerks for t in node.targets
    ):
        return "", node.value
    if isinstance(node, ast.keyword) and node.arg == "missing":
        return "", node.value
    if isinstance(node, ast.Call) and ast.unparse(node.func) in {
        "EntryProblem",
        "PriceFileProblem",
    }:
        return "", node.args[-1]
    if isinstance(node, ast.Return) and isinstance(node.value, ast.JoinedStr | ast.Constant):
        return "", node.value
    return None


def _messages_in(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        found = _message_of(node)
        template = None if found is None else _template(found[1])
        if found is None or template is None:
            continue
        if isinstance(node, ast.Return) and "; " not in template and ": " not in template:
            continue  # a returned text that is not a sentence for a clerk
        yield found[0] + template


def _source_messages() -> dict[str, str]:
    """Every message template in scope → where it is."""
    found: dict[str, str] = {}
    for path in SCOPE:
        where = str(path.relative_to(SRC))
        if where in NOT_ON_PAGES or where.startswith("services/demo/"):
            continue
        for message in _messages_in(ast.parse(path.read_text(encoding="utf-8"))):
            skeleton = message.replace("{{", "{").replace("}}", "}")
            if skeleton not in NOT_FOR_CLERKS and re.search(r"[a-z]{2} [a-z]", skeleton):
                found.setdefault(message, where)
    return found


def _sample(template: str) -> str:
    """The template with a value in each blank, as a page would show it."""
    return template.replace("{}", "x").replace("{{", "{").replace("}}", "}")


def test_every_message_a_page_can_show_has_a_chinese_template() -> None:
    found = _source_messages()
    assert len(found) > 100
    missing = {
        message: where for message, where in found.items() if template_of(_sample(message)) is None
    }
    assert missing == {}


def test_the_statement_machines_reasons_and_verbs_have_chinese_too() -> None:
    say = speaker("zh")
    for status, why in lifecycle._WHY_NOT.items():
        assert re.search(r"[a-z]{3}", say(why)) is None, (status, say(why))
    for verb in set(lifecycle._VERBS.values()):
        said = say(
            f"cannot {verb} statement CHANDO-2026/2026-10 version 2: it is settled: paid in full"
        )
        assert said.startswith("对账单 CHANDO-2026/2026-10 第 2 版不能") and said.endswith(
            "已全额付款"
        )


def test_a_translated_message_keeps_its_values_and_names_its_codes_in_chinese() -> None:
    say = speaker("zh")
    assert say(
        "cannot pay statement CHANDO-2026/2026-10 version 1: it is issued; a statement is paid"
        " once the brand has confirmed it (R-S6)"
    ) == (
        "不能为对账单 CHANDO-2026/2026-10 第 1 版付款：它的状态是“已出具”；对账单须经品牌方确认后"
        "才付款（R-S6）"
    )
    assert (
        say("user ops (store_operations) may not manage users")
        == "用户 ops（店铺运营）无权管理用户"
    )
    assert say(
        "cannot excuse 2026-12-01..2026-12-02 for statement CHANDO-2026/2026-09: say why the"
        " brand caused the delay: the reason is empty"
    ) == (
        "不能为对账单 CHANDO-2026/2026-09 登记 2026-12-01..2026-12-02 的延误：请写明品牌方如何造成"
        "延误：原因为空"
    )
    # A message worded in both languages already is shown whole.
    both = "密码太短：至少要 8 个字符 / too short: a password needs at least 8 characters"
    assert say(both) == both
    # Unknown words stay as they are; English pages show the services' English unchanged.
    assert say("something nobody has worded yet") == "something nobody has worded yet"
    assert speaker("en")("user ops (store_operations) may not manage users") == (
        "user ops (store_operations) may not manage users"
    )


def test_a_message_inside_another_without_its_chinese_keeps_the_whole_as_worded() -> None:
    # No sentence half in each language: an inner message without a template keeps the whole.
    say = speaker("zh")
    unworded = (
        "cannot excuse 2026-11-18..2026-11-20 for statement CHANDO-2026/2026-10: something"
        " nobody has worded yet"
    )
    assert say(unworded) == unworded
    # The four kept as worded until issue 15 are in the reader's language now, whole.
    assert KEPT_AS_WORDED == ()
    assert say(
        "cannot excuse 2026-11-18..2026-11-20 for statement CHANDO-2026/2026-10: the span"
        " 2026-11-18..2026-11-20 is recorded already (recorded by finance on 2026-11-21)"
    ) == (
        "不能为对账单 CHANDO-2026/2026-10 登记 2026-11-18..2026-11-20 的延误："
        "2026-11-18..2026-11-20 已登记过（finance 于 2026-11-21 登记）"
    )
    assert say("this form has expired or did not come from daiyun: reload and retry") == (
        "表单已过期或并非来自 daiyun：请刷新页面后重试"
    )


def test_no_chinese_template_leaves_an_english_word_behind() -> None:
    kept = {"SKU", "daiyun", "calendar", "add", "chinesecalendar", "store", "sku", "price",
            "YYYY-MM-DD", "YYYY-MM", "R-S", "R-P", "R-D", "R-C", "R-B", "R-F", "PRICE",
            "CSV", "XLSX", "xls", "xlsx", "UTF-"}  # fmt: skip
    leftovers = {
        refusal.english: words
        for refusal in (*REFUSALS, *KEPT_AS_WORDED)
        if (words := set(re.findall(r"[A-Za-z][A-Za-z-]+", _NAMES.sub("", refusal.chinese))) - kept)
    }
    assert leftovers == {}


_NAMES = re.compile(r"\{\w+\}")
