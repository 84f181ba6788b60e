"""What the services refuse, in Chinese for the pages.

The services word their refusals in English once, for the CLI, the API and the pages alike
(interfaces.md fixes the first two). The pages show a refusal in the reader's language: here
each English message is written as its template — `{name}` where a value goes — beside its
Chinese. A value named in `names` is itself translated: a code by its label (`status` →
`status_issued`), or a whole message in turn (MESSAGE). A message with no template here is
shown as it is; tests/unit/test_refusal_texts.py finds the services' messages without one.
A message the services word in both languages ("中文 / English") is shown whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["KEPT_AS_WORDED", "MESSAGE", "REFUSALS", "Refusal", "chinese_refusal", "template_of"]

MESSAGE = ""  # a value that is a message of its own, translated in turn
_NAME = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Refusal:
    """One message of the services: its English template, its Chinese, how values translate."""

    english: str
    chinese: str
    names: Mapping[str, str] = field(default_factory=dict)  # value → label kind, or MESSAGE
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts, seen = [], set()
        for index, part in enumerate(_NAME.split(self.english)):
            if index % 2 == 0:
                parts.append(re.escape(part))
            else:
                parts.append(f"(?P={part})" if part in seen else f"(?P<{part}>.+?)")
                seen.add(part)
        object.__setattr__(self, "pattern", re.compile("".join(parts), re.S))


def _r(english: str, chinese: str, **names: str) -> Refusal:
    return Refusal(english, chinese, names)


REFUSALS: tuple[Refusal, ...] = (
    # Nothing with that code (or not yours to see, R-D2)
    _r("no brand with code '{code}'", "没有编号为 {code} 的品牌"),
    _r("no contract with code '{code}'", "没有编号为 {code} 的合同"),
    _r("no store with code '{code}'", "没有编号为 {code} 的店铺"),
    _r("no user with login '{login}'", "没有用户名为 {login} 的用户"),
    _r("no SKU '{sku}' for brand '{brand}'", "品牌 {brand} 没有商品 {sku}"),
    _r("no SKU '{sku}' in brand {brand}'s catalogue", "品牌 {brand} 的商品目录里没有 {sku}"),
    _r("no SKU {skus} in brand {brand}'s catalogue", "品牌 {brand} 的商品目录里没有 {skus}"),
    _r("no contract '{contract}' for store {store}", "店铺 {store} 的合同 {contract} 不存在"),
    _r("no order '{order}' in store '{store}'", "店铺 {store} 没有订单 {order}"),
    _r("no promotion '{code}' of brand '{brand}'", "品牌 {brand} 没有促销 {code}"),
    _r("no store '{store}' of brand '{brand}'", "品牌 {brand} 没有店铺 {store}"),
    _r("promotion {code} has no version {version}", "促销 {code} 没有第 {version} 版"),
    _r("no import '{job}'", "没有导入任务 {job}"),
    _r("no token '{prefix}' for {login}", "用户 {login} 没有以 {prefix} 开头的令牌"),
    _r(
        "store {store} names contract {contract}, which is gone",
        "店铺 {store} 所属的合同 {contract} 已不存在",
    ),
    _r("no statement {key}: draft it first", "对账单 {key} 不存在：请先生成草稿"),
    _r("statement {key} has no version {version}", "对账单 {key} 没有第 {version} 版"),
    _r("no statement for '{text}': {why}", "没有 {text} 的对账单：{why}", why=MESSAGE),
    _r(
        "'{text}' is not a month: month {month} is not between 01 and 12",
        "{text} 不是月份：月份 {month} 不在 01 到 12 之间",
    ),
    _r(
        "'{text}' is not a month; write it as YYYY-MM, e.g. 2026-10",
        "{text} 不是月份：请写成 YYYY-MM，例如 2026-10",
    ),
    _r(
        "{year}-{month} is not a month (year 1–9999, month 1–12)",
        "{year}-{month} 不是月份（年份 1–9999，月份 1–12）",
    ),
    _r("no figure '{figure}': one of {figures}", "没有 {figure} 这一项：可选 {figures}"),
    _r("pages start at 1 and hold 1 to 500 lines", "页码从 1 开始，每页 1 到 500 行"),
    _r("no statement action '{action}'", "对账单没有“{action}”这个操作"),
    _r("no action '{action}' on a promotion", "促销没有“{action}”这个操作"),
    _r("unknown action '{action}'", "没有“{action}”这个操作"),
    # Who may do what (R-D2)
    _r(
        "user {login} ({role}) may not {permission}",
        "用户 {login}（{role}）无权{permission}",
        role="role",
        permission="permission",
    ),
    _r("user {login} is disabled", "用户 {login} 已停用"),
    _r("user {login} acts only for brand {brand}", "用户 {login} 只能代表品牌 {brand} 操作"),
    _r("log in first", "请先登录"),
    _r("wrong login or password", "用户名或密码错误"),
    _r("too many failed logins: try again in 15 minutes", "登录失败次数过多，请15分钟后再试"),
    # Statements: drafting, issuing, answering (R-S6)
    _r(
        "cannot issue statement {key}: the statement of {earlier} is drafted but not issued;"
        " months are issued in order, issue it first",
        "不能出具对账单 {key}：{earlier} 的对账单已生成草稿但尚未出具；对账单按月份顺序出具，"
        "请先出具它",
    ),
    _r(
        "cannot issue statement {key}: the statement of {later} is issued already; months are"
        " issued in order",
        "不能出具对账单 {key}：{later} 的对账单已经出具；对账单按月份顺序出具",
    ),
    _r(
        "cannot issue statement {key} version {version}: the orders changed since it was"
        " drafted; draft it again and review it",
        "不能出具对账单 {key} 第 {version} 版：生成草稿后订单有变化；请重新生成草稿并复核",
    ),
    _r(
        "cannot pay statement {key} version {version}: it is {status}; a statement is paid once"
        " the brand has confirmed it (R-S6)",
        "不能为对账单 {key} 第 {version} 版付款：它的状态是“{status}”；对账单须经品牌方确认后"
        "才付款（R-S6）",
        status="status",
    ),
    _r(
        "cannot {verb} statement {key} version {version}: {why}",
        "对账单 {key} 第 {version} 版不能{verb}：{why}",
        verb="verb",
        why=MESSAGE,
    ),
    _r(
        "it is a draft the brand has not received: issue it first",
        "它是品牌方尚未收到的草稿：请先出具",
    ),
    _r(
        "it is issued and waits for the brand's confirmation or dispute",
        "它已出具，正等待品牌方确认或提出异议",
    ),
    _r("it is disputed: draft and issue the next version", "品牌方有异议：请生成并出具下一版"),
    _r("it is confirmed: only payments remain", "它已确认：只剩付款"),
    _r("it is confirmed and partly paid: only payments remain", "它已确认并部分付款：只剩付款"),
    _r("it is settled: paid in full", "它已结清：已全额付款"),
    _r(
        "contract {contract} is model {model}: the brand collects, so there is no monthly"
        " statement (R-C2, R-S6)",
        "合同 {contract} 是 {model} 模式：由品牌方收款，没有月度对账单（R-C2、R-S6）",
    ),
    _r(
        "statement {key} does not exist: nothing has been drafted or issued for that month",
        "对账单 {key} 不存在：该月还没有生成草稿或出具",
    ),
    _r("a dispute must say why the statement is wrong", "提出异议须写明对账单哪里不对"),
    _r("user {login} is not active", "用户 {login} 未启用"),
    _r(
        "user {login} is {whose}: only brand {brand}'s own users answer statement {contract}"
        " (R-D2)",
        "用户 {login} 是{whose}：只有品牌 {brand} 自己的用户才能答复对账单 {contract}（R-D2）",
        whose=MESSAGE,
    ),
    _r("agency staff", "代运营方员工"),
    _r("of brand {brand}", "品牌 {brand} 的用户"),
    _r(
        "user {login} is a {role}: a statement is confirmed or disputed by a brand_admin or"
        " brand_finance user (R-D2)",
        "用户 {login} 是{role}：对账单只能由品牌方管理员或品牌方财务确认或提出异议（R-D2）",
        role="role",
    ),
    # — issue 18: fee bills —
    # Model B's bills, service fee and deposit (services/fee_bills, domain/fee_bills/lifecycle.py);
    # here, before the statements' payments, whose "recorded already for {key}" would take a fee
    # bill's too. Which model a contract is, and a bill that is not there (R-C2, R-D2)
    _r(
        "contract {contract} is model {model}: the operator collects and remits the brand's"
        " money, so there is no fee bill, service fee or deposit of model B; its months are"
        " settled by the monthly statement (R-C2, R-S6)",
        "合同 {contract} 是 {model} 模式：由代运营方收款并向品牌方汇款，没有 B 模式的服务费账单、"
        "年度服务费或保证金；各月由月度对账单结算（R-C2、R-S6）",
    ),
    _r(
        "fee bill {key} does not exist: nothing has been drafted or issued for that month",
        "服务费账单 {key} 不存在：该月还没有生成草稿或出具",
    ),
    _r("no fee bill {key}: draft it first", "服务费账单 {key} 不存在：请先生成草稿"),
    _r(
        "fee bill {key} has no version {version}; it has {versions}",
        "服务费账单 {key} 没有第 {version} 版；现有版本：{versions}",
    ),
    _r("no fee bill action '{action}'", "服务费账单没有“{action}”这个操作"),
    _r("no service fee action '{action}'", "年服务费没有“{action}”这个操作"),
    # Drafting and issuing, months in order (R-B2)
    _r(
        "cannot {verb} fee bill {key}: the Alipay statements imported for the contract's stores"
        " {seen}; import the brand's Alipay statement of {month} first (R-B2)",
        "服务费账单 {key} 不能{verb}：合同店铺已导入的支付宝账单{seen}；请先导入品牌方 {month}"
        " 的支付宝账单（R-B2）",
        verb="verb",
        seen=MESSAGE,
    ),
    _r("have no lines", "没有任何明细"),
    _r("cover {first} to {last} only", "只覆盖 {first} 至 {last}"),
    _r(
        "cannot draft fee bill {key}: the fee bill of {previous} has not been drafted; months"
        " are billed in order, as refunds beyond a month's receipts carry to the next (R-B2):"
        " draft {previous} first",
        "不能生成服务费账单 {key} 的草稿：{previous} 的服务费账单尚未生成草稿；各月按顺序计费，"
        "因为某月退款超过实收的部分要结转到下月（R-B2）：请先生成 {previous} 的草稿",
    ),
    _r(
        "cannot issue fee bill {key}: the fee bill of {previous} is not issued; months are"
        " billed in order, issue it first",
        "不能出具服务费账单 {key}：{previous} 的服务费账单尚未出具；各月按顺序出具，请先出具它",
    ),
    _r(
        "cannot issue fee bill {key} version {version}: the Alipay lines or the month before"
        " changed since it was drafted; draft it again and review it",
        "不能出具服务费账单 {key} 第 {version} 版：生成草稿后支付宝明细或上月账单有变化；"
        "请重新生成草稿并复核",
    ),
    # The bill's moves (lifecycle.py) and its payments
    _r(
        "cannot pay fee bill {key}: it is settled, paid in full",
        "不能为服务费账单 {key} 付款：它已全额结清",
    ),
    _r(
        "cannot pay fee bill {key} version {version}: it is {why}",
        "不能为服务费账单 {key} 第 {version} 版付款：它是{why}",
        why=MESSAGE,
    ),
    _r("a draft the brand has not received: issue it first", "品牌方尚未收到的草稿：请先出具"),
    _r("disputed: draft and issue the next version first", "有异议的账单：请先生成并出具下一版"),
    _r(
        "cannot {verb} fee bill {key} version {version}: {why}",
        "服务费账单 {key} 第 {version} 版不能{verb}：{why}",
        verb="verb",
        why=MESSAGE,
    ),
    _r(
        "it is a draft the brand has not seen: issue it first", "它是品牌方尚未看到的草稿：请先出具"
    ),
    _r(
        "it is issued and waits for the brand's answer or payment",
        "它已出具，正等待品牌方答复或付款",
    ),
    _r("it is partly paid: only payments remain", "它已部分付款：只剩付款"),
    _r(
        "cannot {verb} fee bill {key}: {why}",
        "服务费账单 {key} 不能{verb}：{why}",
        verb="verb",
        why=MESSAGE,
    ),
    _r("a dispute must say why the fee bill is wrong", "提出异议须写明服务费账单哪里不对"),
    _r(
        "user {login} is {whose}: only brand {brand}'s own users answer fee bill {contract} (R-D2)",
        "用户 {login} 是{whose}：只有品牌 {brand} 自己的用户才能答复服务费账单 {contract}（R-D2）",
        whose=MESSAGE,
    ),
    _r(
        "user {login} is a {role}: a fee bill is confirmed or disputed by a brand_admin or"
        " brand_finance user (R-D2)",
        "用户 {login} 是{role}：服务费账单只能由品牌方管理员或品牌方财务确认或提出异议（R-D2）",
        role="role",
    ),
    _r(
        "a payment of fee bill {key} cannot be dated {day}, before the bill was issued on {issued}",
        "服务费账单 {key} 的付款日期不能是 {day}：早于账单出具日 {issued}",
    ),
    _r(
        "a payment of {amount} overpays fee bill {key}: {outstanding} is outstanding of {due}",
        "付款 {amount} 超过服务费账单 {key} 的尚欠金额：应付 {due}，尚欠 {outstanding}",
    ),
    _r(
        "a payment of {amount} on {day} is recorded already for fee bill {key}",
        "服务费账单 {key} 已登记过 {day} 的一笔 {amount} 付款",
    ),
    # The annual service fee's instalments (R-B1, R-B3)
    _r(
        "contract {contract} agrees no annual service fee (0.00): there is no instalment to pay"
        " (R-B1)",
        "合同 {contract} 未约定年服务费（0.00）：没有可付的分期（R-B1）",
    ),
    _r(
        "contract {contract} has instalments 1–{count}, not {number} (R-B1)",
        "合同 {contract} 的分期是第 1–{count} 期，没有第 {number} 期（R-B1）",
    ),
    _r(
        "a payment of {amount} overpays instalment {number} of contract {contract}:"
        " {outstanding} is outstanding of {due} (with VAT)",
        "付款 {amount} 超过合同 {contract} 第 {number} 期服务费的尚欠金额：含税应付 {due}，"
        "尚欠 {outstanding}",
    ),
    _r(
        "a payment of {amount} on {day} is recorded already for instalment {number} of"
        " contract {contract}",
        "合同 {contract} 第 {number} 期服务费已登记过 {day} 的一笔 {amount} 付款",
    ),
    # The service deposit (R-B4)
    _r(
        "contract {contract} agrees no service deposit (R-B4)",
        "合同 {contract} 未约定服务保证金（R-B4）",
    ),
    _r(
        "a deposit cannot be received on {day}, after today {today}",
        "保证金收到日期不能是 {day}：晚于今天 {today}",
    ),
    _r(
        "the service deposit of contract {contract} is received already",
        "合同 {contract} 的服务保证金已登记收到",
    ),
    _r(
        "a forfeited deposit must say why: the brand's breach or unilateral termination (R-B4)",
        "没收保证金须写明理由：品牌方违约或单方解约（R-B4）",
    ),
    _r(
        "the deposit cannot be {kind} on {day}, after today {today}",
        "保证金不能于 {day} {kind}：晚于今天 {today}",
        kind="deposit_event",
    ),
    _r(
        "the service deposit of contract {contract} was never received",
        "合同 {contract} 的服务保证金从未登记收到",
    ),
    _r(
        "the service deposit of contract {contract} is {kind} already, on {day}",
        "合同 {contract} 的服务保证金已于 {day} {kind}",
        kind="deposit_event",
    ),
    _r(
        "the deposit cannot be {kind} on {day}, before it was received on {received}",
        "保证金不能于 {day} {kind}：早于收到日期 {received}",
        kind="deposit_event",
    ),
    # A guard of the code (end_deposit told to receive): no form sends it.
    _r("use receive_deposit", "收到保证金请用“登记收到保证金”"),
    # Payments (R-S6, R-S7)
    _r("a payment must be more than zero, not {amount}", "付款金额必须大于零，不能是 {amount}"),
    _r(
        "cannot pay statement {key}: it is settled, paid in full",
        "不能为对账单 {key} 付款：它已全额结清",
    ),
    _r(
        "a payment cannot be dated {day}, after today {today}",
        "付款日期不能是 {day}：晚于今天 {today}",
    ),
    _r(
        "a payment of {amount} on {day} is recorded already for {key}",
        "对账单 {key} 已登记过 {day} 的一笔 {amount} 付款",
    ),
    _r(
        "a payment of {amount} overpays statement {key}: {outstanding} is outstanding of"
        " {remittance}",
        "付款 {amount} 超过对账单 {key} 的尚欠货款：应汇货款 {remittance}，尚欠 {outstanding}",
    ),
    _r("'{text}' is not a day: write it as YYYY-MM-DD", "{text} 不是日期：请写成 YYYY-MM-DD"),
    _r(
        "'{text}' is not an amount in yuan, e.g. 1234.50",
        "{text} 不是以元为单位的金额，例如 1234.50",
    ),
    _r(
        "cannot pay the late penalty of statement {key}: it is {status}; the penalty is posted,"
        " and then paid, once the remittance is paid in full (R-S7)",
        "不能支付对账单 {key} 的滞纳金：它的状态是“{status}”；货款全额付清时滞纳金才入账，之后"
        "才能支付（R-S7）",
        status="status",
    ),
    _r(
        "cannot pay the late penalty of statement {key}: {why}",
        "不能支付对账单 {key} 的滞纳金：{why}",
        why=MESSAGE,
    ),
    _r(
        "a penalty payment must be more than zero, not {amount}",
        "滞纳金付款必须大于零，不能是 {amount}",
    ),
    _r(
        "a penalty payment cannot be dated {day}, after today {today}",
        "滞纳金付款日期不能是 {day}：晚于今天 {today}",
    ),
    _r("no late penalty was due when it was paid in full", "全额付款时没有产生滞纳金"),
    _r(
        "a penalty payment of {amount} on {day} is recorded already for {key}",
        "对账单 {key} 已登记过 {day} 的一笔 {amount} 滞纳金付款",
    ),
    # Days of delay the brand caused (R-S7)
    _r(
        "cannot excuse {span} for statement {key}: it is settled and {stated}; a posted figure"
        " is final (R-S7)",
        "不能为对账单 {key} 登记 {span} 的延误：它已结清，且{stated}；已入账的数字不再更改（R-S7）",
        stated=MESSAGE,
    ),
    _r(
        "its late penalty was posted to the ledger on {day}, when it was paid in full",
        "滞纳金已在 {day} 全额付款时入账",
    ),
    _r(
        "cannot excuse {span} for statement {key}: it is {status} and has no payment due date"
        " until the brand confirms it (R-S6); only days after that date are late (R-S7)",
        "不能为对账单 {key} 登记 {span} 的延误：它的状态是“{status}”，品牌方确认前没有付款截止日"
        "（R-S6）；只有截止日之后的日子才算逾期（R-S7）",
        status="status",
    ),
    _r(
        "cannot excuse {span} for statement {key}: it has no payment due date",
        "不能为对账单 {key} 登记 {span} 的延误：它没有付款截止日",
    ),
    _r(
        "cannot excuse {span} for statement {key}: {why}",
        "不能为对账单 {key} 登记 {span} 的延误：{why}",
        why=MESSAGE,
    ),
    _r(
        "say why the brand caused the delay: the reason is empty",
        "请写明品牌方如何造成延误：原因为空",
    ),
    _r(
        "the span {span} ends before it starts: the first day must be on or before the last",
        "{span} 的结束早于开始：起始日须不晚于截止日",
    ),
    _r(
        "the span {span} ends on or before the payment due date {due}: only days after it are"
        " late, so it would excuse nothing (R-S7)",
        "{span} 在付款截止日 {due} 当天或之前结束：截止日之后才算逾期，登记它不会免计任何一天"
        "（R-S7）",
    ),
    _r(
        "the span {span} ends after today {today}: record a delay once it has happened",
        "{span} 结束于今天 {today} 之后：请在延误发生后再登记",
    ),
    _r(
        "the span {span} overlaps the span {other} ({by}): spans of one statement may not"
        " overlap; record only the days not excused yet",
        "{span} 与已登记的 {other}（{by}）重叠：同一对账单的延误期不能重叠；只登记尚未免计的日子",
        by=MESSAGE,
    ),
    _r("recorded by {login} on {day}", "{login} 于 {day} 登记"),
    # People (R-D2)
    _r(
        "login '{login}': use 2–60 lowercase letters, digits, '.', '_', '@' or '-'",
        "用户名 {login}：请用 2–60 个小写字母、数字或 . _ @ -",
    ),
    _r("a user with login '{login}' exists already", "用户名 {login} 已存在"),
    _r(
        "role {role} is a brand role: name the brand with --brand",
        "{role}是品牌方角色：请填写所属品牌",
        role="role",
    ),
    _r(
        "role {role} is an agency role: it cannot belong to a brand",
        "{role}是代运营方角色：不能属于某个品牌",
        role="role",
    ),
    _r("you cannot disable or enable your own account", "不能停用或启用自己的账号"),
    _r("user {login} is {state} already", "用户 {login} 已经是{state}状态", state="state"),
    _r("you cannot change your own role", "不能修改自己的角色"),
    _r("user {login} has the role {role} already", "用户 {login} 的角色已经是{role}", role="role"),
    _r("brand {code} is disabled already", "品牌 {code} 已经停用"),
    # Listing prices (R-P1, R-P2, R-P3) and guide prices (R-P5)
    _r("listing {store} {sku}: {why}", "挂牌 {store} {sku}：{why}", why=MESSAGE),
    _r(
        "R-P1: no guide price in force: the brand sets one before {price} can be checked",
        "R-P1：没有生效的指导价：品牌方须先设定指导价，才能检查 {price}",
    ),
    _r(
        "R-P3: {price} is above the markup cap: guide price {guide} + {cap} allows at most"
        " {highest}",
        "R-P3：{price} 超过加价上限：指导价 {guide} 加价 {cap}，最高为 {highest}",
    ),
    _r(
        "R-P2: {price} is below the guide price {guide} and below the price {allowed} approved"
        " in promotion {plan} version {version}",
        "R-P2：{price} 低于指导价 {guide}，也低于促销 {plan} 第 {version} 版批准的价格 {allowed}",
    ),
    _r(
        "{count} row refused ({rows}): no price was changed",
        "{count} 行被拒（第 {rows} 行）：未修改任何价格",
    ),
    _r(
        "{count} rows refused ({rows}): no price was changed",
        "{count} 行被拒（第 {rows} 行）：未修改任何价格",
    ),
    _r(
        "the file has no price rows: write store,sku,price under the header",
        "文件里没有价格行：请在表头 store,sku,price 下逐行填写",
    ),
    _r(
        "the file is empty: write the header store,sku,price",
        "文件是空的：请写表头 store,sku,price",
    ),
    _r(
        "the header lacks {columns}: write store,sku,price",
        "表头缺少 {columns}：请写 store,sku,price",
    ),
    _r("at most {count} rows a file", "每个文件最多 {count} 行"),
    _r("a row names its store and its SKU", "每行须写明店铺和 SKU"),
    _r("price: {why}", "价格：{why}", why=MESSAGE),
    _r("effective at: '{text}' is not a time", "生效时间：{text} 不是时间"),
    _r(
        "'{text}' is not an amount in yuan with at most two decimals",
        "{text} 不是最多两位小数的元金额",
    ),
    _r("'{text}' is not an amount", "{text} 不是金额"),
    _r("'{text}' is not a rate", "{text} 不是比率"),
    _r("{text} has more than two decimals", "{text} 超过两位小数"),
    _r(
        "SKU {sku} already has guide price {price} from {since}; a different price {other} for"
        " the same moment would rewrite history — give a later effective time",
        "商品 {sku} 自 {since} 起的指导价已是 {price}；同一时刻设定不同的价格 {other} 会改写历史，"
        "请给一个更晚的生效时间",
    ),
    _r("a guide price must be above zero, not {price}", "指导价必须大于零，不能是 {price}"),
    # A catalogue file's cells (R-P5)
    _r("empty; every row needs a value here", "为空；每行这一列都要填写"),
    _r("empty; every row needs a SKU code", "为空；每行都要有商家编码"),
    _r("empty; every SKU needs a name", "为空；每个商品都要有名称"),
    _r("empty; every SKU needs a category", "为空；每个商品都要有类目"),
    _r(
        "{length} characters long; a SKU code has at most {most}",
        "长 {length} 个字符；商家编码最多 {most} 个字符",
    ),
    _r(
        "has a space inside; a SKU code is one word without spaces",
        "中间有空格；商家编码是一个不带空格的词",
    ),
    _r("a guide price must be more than zero", "指导价必须大于零"),
    _r("has no time zone", "没有时区"),
    _r("not an amount with at most two decimals", "不是最多两位小数的金额"),
    _r(
        "not a date; write 2026-11-05, 2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00",
        "不是日期；请写成 2026-11-05、2026-11-05 10:00:00 或 2026-11-05T10:00:00+08:00",
    ),
    _r("neither physical nor digital (实物 or 虚拟)", "既不是实物也不是虚拟"),
    _r(
        "already on row {row} with the same effective-from time",
        "第 {row} 行已有同一生效时间的这个商品",
    ),
    _r("has a header row but no rows of SKUs below it", "只有表头，下面没有商品行"),
    _r(
        "the column {column} repeats {other}; keep one of them",
        "列 {column} 与 {other} 重复；请只保留一个",
    ),
    _r(
        "no column {chinese} (or {english}); the header row has: {listed}",
        "没有“{chinese}”列（或 {english}）；表头是：{listed}",
    ),
    _r(
        "an old .xls workbook; save it as .xlsx or as CSV (UTF-8)",
        "这是旧版 .xls 工作簿；请另存为 .xlsx 或 CSV（UTF-8）",
    ),
    _r("cannot be opened as an XLSX workbook", "无法作为 XLSX 工作簿打开"),
    _r("not a CSV or XLSX file", "不是 CSV 或 XLSX 文件"),
    _r("not a CSV file: {why}", "不是 CSV 文件：{why}"),
    _r("cannot be opened: {why}", "无法打开：{why}"),
    _r(
        "the file is empty; a catalog file starts with a header row",
        "文件是空的；商品目录文件以表头行开始",
    ),
    # Ad spend
    _r("an ad spend names its channel", "广告费须写明渠道"),
    _r(
        "ad spend on {channel} cannot be negative: {amount}",
        "渠道 {channel} 的广告费不能为负：{amount}",
    ),
    # Promotions (R-P4, R-C7)
    _r(
        "promotion prices: write SKU=PRICE, not '{line}'",
        "促销价：请写成 SKU=价格，而不是 {line}",
    ),
    _r(
        "the window needs a start and an end (Beijing time)",
        "时间窗口需要开始和结束时间（北京时间）",
    ),
    _r("a promotion needs a name", "促销需要名称"),
    _r("a promotion needs at least one store", "促销至少需要一个店铺"),
    _r(
        "a promotion gives either SKU prices or one discount, not both",
        "促销要么给出各 SKU 的价格，要么给出一个折扣，不能两者都有",
    ),
    _r(
        "a discount is between 0% and 100%, not {discount}",
        "折扣须在 0% 到 100% 之间，不能是 {discount}",
    ),
    _r("a discount names the SKUs it applies to", "折扣须写明适用的 SKU"),
    _r("a promotion price must be above zero", "促销价必须大于零"),
    _r("a budget cannot be negative", "预算不能为负"),
    _r(
        "promotion {code} version {version} is {status}: it cannot become {new}",
        "促销 {code} 第 {version} 版的状态是“{status}”：不能变为“{new}”",
        status="status",
        new="status",
    ),
    _r(
        "promotion {code} is at version {current}, not {version}: read the current version and"
        " answer that",
        "促销 {code} 当前是第 {current} 版，不是第 {version} 版：请阅读当前版本后再答复",
    ),
    _r("a rejection says why: give a reason", "驳回须写明理由"),
    _r("end {end} is before start {start}", "结束时间 {end} 早于开始时间 {start}"),
    _r("period ends {end}, not after {start}", "时间段结束于 {end}，没有晚于开始时间 {start}"),
    _r("a moment between the years 2000 and 2099", "时间须在 2000 年到 2099 年之间"),
    # The promotion form's fields, as the web API's validation names them
    _r(": {why}", "{why}", why=MESSAGE),
    _r(
        "budget: String should match pattern '{pattern}'",
        "预算：请写成带两位小数的元金额，例如 1000.00",
    ),
    _r(
        "discount: String should match pattern '{pattern}'",
        "折扣：请写成百分数，例如 15%",
    ),
    _r(
        "code: String should match pattern '{pattern}'",
        "编号：只用字母、数字和 _ . -",
    ),
    _r("{field}: String should have at least 1 character", "{field}：不能为空", field="field"),
    _r("{field}: List should have at least 1 item", "{field}：至少填写一项", field="field"),
    _r("{field}: Value error, {why}", "{field}：{why}", field="field", why=MESSAGE),
    # A page's address no route has, and a form field a route cannot read (page_errors.py)
    _r("Not Found", "找不到这个页面"),
    _r("Method Not Allowed", "这个地址不接受这种请求"),
    _r("{field}: Field required", "{field}：必填", field="field"),
    _r(
        "{field}: String should have at most {count} characters",
        "{field}：最多 {count} 个字符",
        field="field",
    ),
    _r(
        "{field}: String should match pattern '{pattern}'",
        "{field}：含有不允许的字符，或格式不对",
        field="field",
    ),
    _r("{field}: Input should be {choices}", "{field}：只能是 {choices}", field="field"),
    _r(
        "{field}: Input should be a valid integer, unable to parse string as an integer",
        "{field}：须是整数",
        field="field",
    ),
    # The working-day calendar (R-O1)
    _r(
        "the PRC working-day calendar for {day} is not known: the installed chinesecalendar"
        " knows only the years {first}–{last}, and no notice for {year} is recorded; record the"
        " State Council's holiday notice for {year}, or install a chinesecalendar that has it",
        "{day} 的工作日历未知：已安装的 chinesecalendar 只包含 {first}–{last} 年，也没有录入"
        " {year} 年的通知；请录入国务院办公厅的 {year} 年节假日通知，或安装包含该年的"
        " chinesecalendar",
    ),
    # Why a drafted month is empty (the statement page)
    _r("no order completed in {month} (Beijing time)", "{month} 没有完成的订单（北京时间）"),
    _r(
        "{count} line(s) completed in {month} were already recognised by an earlier statement",
        "{month} 完成的 {count} 行已由更早的对账单确认",
    ),
    _r(
        "{count} line(s) were refunded in full before their order completed",
        "{count} 行在订单完成前已全额退款",
    ),
    _r(
        "{count} order(s) have no SKU lines or guide price and cannot be settled: {orders}",
        "{count} 个订单没有 SKU 行或指导价，无法结算：{orders}",
    ),
    # — issue 15: imports by upload —
    # A Taobao export is two files, given together (adapters/platforms/reading.py)
    _r(
        "its item file {wanted} is not among the files given; give both together",
        "缺少与它配对的宝贝明细文件 {wanted}：订单文件和宝贝明细文件须一起上传",
    ),
    _r(
        "its order file {wanted} is not among the files given; give both together",
        "缺少与它配对的订单文件 {wanted}：订单文件和宝贝明细文件须一起上传",
    ),
    _r(
        "says nothing of when it was exported; give the export time",
        "文件名中没有导出时间：请在“导出时间”一栏填写文件的导出时间",
    ),
    _r(
        "an XLSX workbook; import this export as the CSV file the platform gives",
        "这是 XLSX 工作簿：请导入平台导出的 CSV 文件",
    ),
    _r(
        "an export time from {first} until {last} is needed (check the export time given or"
        " the time in the file name)",
        "导出时间须在 {first} 到 {last} 之间：请检查“导出时间”一栏或文件名中的时间",
    ),
    _r(
        "the header row is no order file layout daiyun reads. {needs}. The header row has:"
        " {listed}",
        "表头不是 daiyun 能读取的订单文件格式（{needs}）。此文件的表头是：{listed}",
    ),
    _r(
        "a {format} file cannot belong to store {store}, which is on {platform}",
        "{format} 文件不能导入店铺 {store}：该店铺在 {platform} 平台",
        platform="platform",
    ),
    _r(
        "order {order}, {title}: SKU unknown to the catalogue",
        "订单 {order}，{title}：商品目录里没有这个商家编码",
    ),
    _r("order {order}, {title}: no SKU code", "订单 {order}，{title}：没有商家编码"),
    # The files of one upload (entrypoints/import_uploads.py, web/import_pages.py)
    _r("given twice: give each file once", "重复上传：每个文件只需上传一次"),
    _r("more than {count} files in one import", "一次导入最多 {count} 个文件"),
    _r("the ZIP holds no file", "压缩包里没有文件"),
    _r("the ZIP is encrypted: give it without a password", "压缩包已加密：请上传不带密码的压缩包"),
    _r("the ZIP unpacks to more than 200 MB", "压缩包解压后超过 200 兆字节"),
    _r("cannot be opened as a ZIP file", "无法作为压缩包打开"),
    _r(
        "the files are larger than 200 MB together: export fewer days at a time",
        "文件合计超过 200 兆字节：请每次导出较少的天数",
    ),
    # — issue 15: orders —
    # — issue 15: statements —
    # A month is settled once it is over, inside the contract's term (draftable.py)
    _r(
        "cannot {verb} statement {key}: {why}",
        "对账单 {key} 不能{verb}：{why}",
        verb="verb",
        why=MESSAGE,
    ),
    _r(
        "{month} is not over until {day} (Beijing time); a month is settled once it has ended"
        " (R-S1, R-S6)",
        "{month} 要到 {day}（北京时间）才结束；月份结束后才能对账（R-S1、R-S6）",
    ),
    _r(
        "contract {contract} takes effect on {day}, after {month} (R-C5)",
        "合同 {contract} 于 {day} 生效，在 {month} 之后（R-C5）",
    ),
    _r(
        "contract {contract} ended on {day}, before {month} (R-C5)",
        "合同 {contract} 已于 {day} 结束，在 {month} 之前（R-C5）",
    ),
    # The drill-down's derivation without the version's rate (R-S3): never from a clerk's input
    _r(
        "the {figure} needs the commission rate it was drafted at",
        "计算{figure}需要该版本生成时的佣金比例",
        figure="fig",
    ),
    _r("the commission's share needs the rate", "计算每行的佣金份额需要佣金比例"),
    # — issue 15: dashboard, obligations, audit, calendar —
    # The holiday notice uploaded on /calendar (R-O1): the recording, and the file's problems
    # (calendar_pages.notice_problems gives them one by one, the file's name taken off)
    _r(
        "the installed chinesecalendar already has the State Council's notice for {year}, and"
        " daiyun uses it; a notice is recorded only for a year it lacks",
        "已安装的 chinesecalendar 已包含国务院办公厅的{year}年通知，daiyun 使用它；"
        "只有它不包含的年份才需要录入通知",
    ),
    _r(
        "{day} is {before} there and {after} here",
        "{day} 在已录入的通知中是{before}，在这份中是{after}",
        before="notice_day",
        after="notice_day",
    ),
    _r(
        "the days are the same, the source or the holidays' names differ",
        "各日期相同，不同的是通知来源或节日名称",
    ),
    _r(
        "not a TOML file: {what} (at line {line}, column {column})",
        "不是有效的通知文件：第 {line} 行第 {column} 列格式有误",
    ),
    _r("not a TOML file: {what}", "不是有效的通知文件：格式有误"),
    _r(
        "the file lacks {missing}; the file has {unknown}, which a notice file has not"
        " (a notice file's keys: {keys})",
        "文件缺少 {missing}，且含有通知文件没有的 {unknown}（通知文件只有这些项：{keys}）",
    ),
    _r(
        "the file lacks {missing} (a notice file's keys: {keys})",
        "文件缺少 {missing}（通知文件只有这些项：{keys}）",
    ),
    _r(
        "the file has {unknown}, which a notice file has not (a notice file's keys: {keys})",
        "文件含有通知文件没有的 {unknown}（通知文件只有这些项：{keys}）",
    ),
    _r(
        "it lacks {missing}; it has {unknown}, which a notice file has not"
        " (a notice file's keys: {keys})",
        "缺少 {missing}，且含有通知文件没有的 {unknown}（节日只有这些项：{keys}）",
    ),
    _r(
        "it lacks {missing} (a notice file's keys: {keys})",
        "缺少 {missing}（节日只有这些项：{keys}）",
    ),
    _r(
        "it has {unknown}, which a notice file has not (a notice file's keys: {keys})",
        "含有通知文件没有的 {unknown}（节日只有这些项：{keys}）",
    ),
    _r(
        "year = {value} is not a year, such as 2027",
        "年份 {value} 不是年份（应写成 2027 这样的数字）",
    ),
    _r("source = {value} is not text", "通知来源 {value} 不是文本"),
    _r(
        "holiday must be tables: [[holiday]] with name, first_day and last_day",
        "每个节日须写成一个表，含名称、放假首日和放假末日",
    ),
    _r(
        "holiday {number} ({name}): {problem}",
        "第 {number} 个节日（{name}）：{problem}",
        problem=MESSAGE,
    ),
    _r("holiday {number}: {problem}", "第 {number} 个节日：{problem}", problem=MESSAGE),
    _r("name = {value} is not text", "节日名称 {value} 不是文本"),
    _r(
        "working_days must be a list of days, such as [2027-02-20]",
        "调休上班日须为日期列表，例如 [2027-02-20]",
    ),
    _r(
        "{field} = {value} is not a day; write it as 2027-01-01",
        "{field} 的值 {value} 不是日期：请写成 2027-01-01 这样的格式",
    ),
    _r("year {value} is not a year after 1949", "{value} 不是 1949 年以后的年份"),
    _r(
        "the source is missing: name the notice (its title and number)",
        "缺少通知来源：请写明通知的标题和文号",
    ),
    _r("it names no holiday", "通知中没有任何节日"),
    _r("a holiday has no name", "有一个节日没有名称"),
    _r(
        "{name}: a holiday's name is at most {count} characters",
        "{name}：节日名称最多 {count} 个字",
    ),
    _r("{name} is named twice; one holiday, one table", "{name} 出现了两次；每个节日只写一节"),
    _r(
        "{name}: {day} is not in {year}; a notice sets the days of its own year",
        "{name}：{day} 不在 {year} 年；通知只规定当年的日期",
    ),
    _r(
        "{name}: the last day off {last} is before the first {first}",
        "{name}：放假末日 {last} 早于首日 {first}",
    ),
    _r(
        "{name}: {first} … {last} is more than {count} days off; check the dates",
        "{name}：{first} … {last} 放假超过 {count} 天；请检查日期",
    ),
    _r(
        "{name}: {day} is both worked and off ({other})",
        "{name}：{day} 既是调休上班日又是放假日（{other}）",
    ),
    _r("{name}: {day} is already off for {other}", "{name}：{day} 已是{other}的放假日"),
    _r("{name}: a working day is listed twice", "{name}：有一个调休上班日写了两次"),
    _r(
        "{name}: working day {day} is a {weekday}, a working day anyway; 调休 working days are"
        " Saturdays and Sundays",
        "{name}：调休上班日 {day} 是{weekday}，本来就是工作日；调休上班日只能是周六或周日",
        weekday="weekday",
    ),
    # — issue 15: users, promotions, forms —
    _r(
        "role {role} is a brand role: name the brand",
        "{role}是品牌方角色：请选择所属品牌",
        role="role",
    ),
    # — issue 15: Chinese everywhere —
    # A day or an amount left empty (the templates above need a value between the quotes)
    _r("'' is not a day: write it as YYYY-MM-DD", "请填写日期，写成 YYYY-MM-DD"),
    _r("'' is not an amount in yuan, e.g. 1234.50", "请填写以元为单位的金额，例如 1234.50"),
    # Kept as worded until issue 15: the CSRF refusal, R-P2 without a promotion, an excused
    # span recorded already, a penalty payment above what is owed
    _r(
        "this form has expired or did not come from daiyun: reload and retry",
        "表单已过期或并非来自 daiyun：请刷新页面后重试",
    ),
    _r(
        "R-P2: {price} is below the guide price {guide} (cap {highest}) and no approved"
        " promotion covers this listing now",
        "R-P2：{price} 低于指导价 {guide}（上限 {highest}），且目前没有已批准的促销覆盖这个挂牌",
    ),
    _r(
        "the span {span} is recorded already ({by})",
        "{span} 已登记过（{by}）",
        by=MESSAGE,
    ),
    _r(
        "a penalty payment of {amount} is more than is owed: {owed} is owed of the late penalty"
        " of {posted}",
        "滞纳金付款 {amount} 超过欠款：滞纳金 {posted} 中尚欠 {owed}",
    ),
    # — issue 20: reports —
    _r(
        "period {period} ends on {end}: its report can be made from {first}",
        "期间 {period} 于 {end} 结束：其报告自 {first} 起方可制作",
    ),
    _r("no report of {contract} for {period} was made", "合同 {contract} 的 {period} 报告尚未制作"),
    # The brand's own data (services/brand_data/exporting.py, R-R3): a range backwards.
    _r("--from {start} is after --to {end}", "起始日 {start} 晚于截止日 {end}"),
    # — issue 21: the contract's life (services/contracts/lifecycle.py; R-C5, R-C6) —
    _r(
        "a brand's user objects for the brand, not for the operator",
        "品牌方用户只能以品牌方名义提出续约异议，不能代表代运营方",
    ),
    _r(
        "{what} cannot be dated {on}, after today {today}",
        "{what}的日期不能是 {on}，晚于今天 {today}",
        what=MESSAGE,
    ),
    _r("an objection", "续约异议"),
    _r("a termination", "解约"),
    _r("a breach notice", "违约通知"),
    _r("a cure", "纠正"),
    _r("an exit duty", "退出义务"),
    _r(
        "{what} is {size} characters; at most {most}",
        "{what}有 {size} 个字；最多 {most} 个字",
        what=MESSAGE,
    ),
    _r("the reason", "理由"),
    _r("what the breach is", "违约事项"),
    _r("the note", "书面说明"),
    _r(
        "an objection cannot be dated {on}, before contract {contract} was signed on {signed}",
        "续约异议的日期不能是 {on}，早于合同 {contract} 的签订日 {signed}",
    ),
    _r(
        "contract {contract} does not renew on its own: it ends at its expiry on {day}; there"
        " is no renewal to object to (R-C5)",
        "合同 {contract} 不自动续期：于 {day} 期满终止，没有可提出异议的续期（R-C5）",
    ),
    _r(
        "contract {contract} ends on {day} ({cause}): there is no renewal left to object to",
        "合同 {contract} 于 {day} 终止（{cause}）：没有可提出异议的续期",
        cause="lc_cause",
    ),
    _r(
        "the notice deadline to object to the renewal of contract {contract} (term {term},"
        " ending {last}) was {deadline}: an objection on {on} is too late, the contract renews"
        " to {renewed}; the next deadline is {next} (R-C5)",
        "合同 {contract}（第 {term} 期，至 {last}）的续约异议截止日为 {deadline}：{on} 提出的异议"
        "已逾期，合同续期至 {renewed}；下一个异议截止日为 {next}（R-C5）",
    ),
    _r(
        "the {party} objected to the renewal of contract {contract} (term {term}) already, on"
        " {day}",
        "{party}已于 {day} 对合同 {contract}（第 {term} 期）的续期提出异议",
        party="party",
    ),
    _r(
        "contract {contract} ended already on {day} ({cause})",
        "合同 {contract} 已于 {day} 终止（{cause}）",
        cause="lc_cause",
    ),
    _r(
        "contract {contract} cannot end on {on}, before it took effect on {effective}",
        "合同 {contract} 不能在生效日 {effective} 之前的 {on} 终止",
    ),
    _r(
        "contract {contract} ends at its expiry on {day}: it cannot end later, on {on}",
        "合同 {contract} 于 {day} 期满终止，不能晚至 {on} 终止",
    ),
    _r(
        "contract {contract} expires on {day}, not on {on}",
        "合同 {contract} 的期满日是 {day}，不是 {on}",
    ),
    _r(
        "contract {contract} does not expire on {on}: it renews on its own unless a party"
        " objects in writing by the notice deadline (R-C5); end it by agreement, or by"
        " termination with a right that has arisen",
        "合同 {contract} 不会于 {on} 期满：除非一方在异议截止日前书面提出异议，合同自动续期"
        "（R-C5）；请以协商一致终止，或行使已产生的解约权",
    ),
    _r(
        "no termination right has arisen for contract {contract} by {on} (R-C6: a remittance"
        " or fee paid late past the contract's days, or a material breach not cured in time"
        " after a written notice)",
        "截至 {on}，合同 {contract} 尚未产生解约权（R-C6：货款或费用逾期超过合同约定天数，或书面"
        "通知后未在期限内纠正重大违约）",
    ),
    _r(
        "no termination right '{right}' has arisen for contract {contract} by {on}; those that"
        " have: {arisen}",
        "截至 {on}，合同 {contract} 没有产生解约权“{right}”；已产生的解约权：{arisen}",
    ),
    _r("a breach notice must say what the breach is", "违约通知须写明违约事项"),
    _r(
        "a breach notice cannot be dated {on}, before contract {contract} was signed on {signed}",
        "违约通知的日期不能是 {on}，早于合同 {contract} 的签订日 {signed}",
    ),
    _r(
        "contract {contract} ended on {day}: a breach notice dated {on} cannot give a right to"
        " terminate it",
        "合同 {contract} 已于 {day} 终止：{on} 的违约通知不能产生解约权",
    ),
    _r("no breach notice {notice}", "没有编号为 {notice} 的违约通知"),
    _r("no contract page '{page}'", "没有合同页面“{page}”"),
    _r(
        "breach notice {notice} was recorded cured already, on {day}",
        "违约通知 {notice} 已于 {day} 登记为已纠正",
    ),
    _r(
        "breach notice {notice} was given on {day}: a cure cannot be dated {on}, before it",
        "违约通知 {notice} 于 {day} 发出：纠正日期不能是更早的 {on}",
    ),
    _r(
        "an exit duty closes only with evidence: a file that shows it, or a note of what was done",
        "退出义务须附证据方可关闭：证明文件或书面说明",
    ),
    _r("the evidence file's name '{name}' is empty or too long", "证据文件名“{name}”为空或过长"),
    _r("the evidence file {name} is empty", "证据文件 {name} 为空"),
    _r(
        "the evidence file {name} is {size} bytes; at most {most}",
        "证据文件 {name} 有 {size} 字节；最多 {most} 字节",
    ),
    _r(
        "contract {contract} (model {model}) has no exit duty {duty}; its duties: {duties}",
        "合同 {contract}（{model} 模式）没有退出义务 {duty}；其退出义务为：{duties}",
    ),
    _r(
        "contract {contract} has no end yet: its exit duties start when it ends (R-C6)",
        "合同 {contract} 尚未终止：退出义务于合同终止时开始（R-C6）",
    ),
    _r(
        "exit duty {duty} of contract {contract} was closed already, on {day}",
        "合同 {contract} 的退出义务 {duty} 已于 {day} 关闭",
    ),
    _r(
        "an exit duty cannot be dated {on}, before contract {contract} took effect on {effective}",
        "退出义务的日期不能是 {on}，早于合同 {contract} 的生效日 {effective}",
    ),
    # — issue 19: stock, shipping, returns and exchanges —
    _r(
        "a quantity received is a whole number from 1 to {most}, not {given}",
        "收货数量应为 1 到 {most} 的整数，而不是 {given}",
    ),
    _r(
        "a warehouse name has at most 60 characters, a reference at most 100",
        "仓库名称最多 60 个字符，单据号最多 100 个字符",
    ),
    _r("a warehouse name has at most {most} characters", "仓库名称最多 {most} 个字符"),
    _r(
        "a reason is 'quality' or up to {most} characters of words; it is empty or too long",
        "原因应为质量问题或不超过 {most} 个字符的文字；现在为空或过长",
    ),
    _r(
        "brand {brand} has another stock list as of {at} (from {file}); a list is history: "
        "give this one its own time",
        "品牌 {brand} 已有截至 {at} 的另一份可售清单（来自 {file}）；"
        "清单是历史记录，请为这份清单另定时间",
    ),
    _r(
        "brand {brand} has no stock list as of {at}: import the brand's list of saleable "
        "goods first (daiyun stock import)",
        "品牌 {brand} 截至 {at} 没有可售清单：请先导入品牌方的可售商品清单",
    ),
    _r(
        "days of cover to aim for are 0 to 366, not {given}",
        "目标可售天数应为 0 到 366，而不是 {given}",
    ),
    _r("{sku} is digital goods, which have no stock (R-F6)", "{sku} 是虚拟商品，没有库存（R-F6）"),
    _r("no contract for store {store}", "店铺 {store} 没有合同"),
    _r(
        "order {order} of store {store} has no line {line}; it has {lines}",
        "店铺 {store} 的订单 {order} 没有第 {line} 行；它有：{lines}",
    ),
    _r(
        "order {order} of store {store} was never paid: there is nothing to return or exchange",
        "店铺 {store} 的订单 {order} 从未付款：没有可退换的商品",
    ),
    _r(
        "the request on {asked} comes before the goods were received on {received}",
        "申请日期 {asked} 早于收货日期 {received}",
    ),
    _r(
        "the goods cannot have been received on {received}, before the order was paid on {paid}",
        "收货日期 {received} 不可能早于订单付款日期 {paid}",
    ),
    _r(
        "refused: a return for a reason other than quality may be asked until {ends}, {days} "
        "days from the day after the goods were received on {received}; it was asked on "
        "{asked} (R-F5)",
        "不予受理：非质量问题的退货须在 {ends} 之前（含当日）申请，"
        "即收货日 {received} 次日起 {days} 天内；本次申请日期为 {asked}（R-F5）",
    ),
    _r(
        "refused: an exchange for a reason other than quality may be asked until {ends}, "
        "{days} days from the day after the goods were received on {received}; it was asked "
        "on {asked} (R-F5)",
        "不予受理：非质量问题的换货须在 {ends} 之前（含当日）申请，"
        "即收货日 {received} 次日起 {days} 天内；本次申请日期为 {asked}（R-F5）",
    ),
    _r(
        "order {order} line {line} of store {store} has no accepted return or exchange: "
        "record the buyer's request first (daiyun return request)",
        "店铺 {store} 的订单 {order} 第 {line} 行没有已受理的退换货申请：请先登记买家的申请",
    ),
    _r(
        "units received back are 1 to the line's {units}, not {given}",
        "退回数量应为 1 到该行的 {units} 件，而不是 {given}",
    ),
    _r(
        "goods received back on {received}, before the request of {asked}",
        "退回收货日期 {received} 早于申请日期 {asked}",
    ),
    _r(
        "the goods of order {order} line {line} were received back on {received} already "
        "({units} units)",
        "订单 {order} 第 {line} 行的商品已于 {received} 退回（{units} 件）",
    ),
    # Stockouts (R-F3) and mis-shipments (R-F4), services/fulfilment/stockouts.py and
    # misshipments.py
    _r(
        "attachment {name} is {size} bytes; at most {most}",
        "附件 {name} 为 {size} 字节；最多 {most} 字节",
    ),
    _r(
        "store {store} has no order {order} with a line {line}",
        "店铺 {store} 没有订单 {order} 的第 {line} 行",
    ),
    _r(
        "line {line} of order {order} ordered {sku}, not {given}",
        "订单 {order} 第 {line} 行订购的是 {sku}，不是 {given}",
    ),
    _r(
        "say what was done (taken off sale, supply information corrected) in 1 to {most}"
        " characters; the note is empty or too long",
        "请用 1 到 {most} 个字符说明做了什么（已下架、已更正供货信息）；备注为空或过长",
    ),
    _r("no open stockout of {what}", "{what} 没有未结束的缺货记录"),
    _r(
        "the stockout of {what} is the brand's to replenish until {day}: the task to take it"
        " off sale or correct its supply information starts the day after (R-F3)",
        "{what} 的缺货在 {day} 前由品牌方补货：下架或更正供货信息的任务从次日开始（R-F3）",
    ),
    _r(
        "the stockout of {what} was closed meanwhile; try again",
        "{what} 的缺货记录刚被关闭；请重试",
    ),
    # — issue 19: custody losses (R-F7) —
    _r(
        "{sku} is digital goods, which are never in custody (R-F6)",
        "{sku} 是虚拟商品，不存在保管期间货损/丢失（R-F6）",
    ),
    _r("cannot record the loss of {sku}: {problem}", "无法登记 {sku} 的货损/丢失：{problem}"),
    _r(
        "a {kind} loss of {sku} at {at} is recorded already with {units} unit(s), not "
        "{quantity}; a recorded loss is never changed",
        "{sku} 在 {at} 的货损/丢失（{kind}）已登记为 {units} 件，而不是 {quantity} 件；已登记的"
        "货损/丢失不可更改",
    ),
    _r(
        "custody losses owed cannot be negative, not {amount}",
        "应付品牌方的保管期间货损/丢失赔偿不能为负数，而不是 {amount}",
    ),
    # — issue 17: statements —
    # A month's refunds of lines of an earlier month not issued yet (domain/settlement/waiting.py)
    _r(
        "cannot draft statement {key}: {count} refund(s) completed in {month}, {amount} in all,"
        " are of lines completed in {months} that no issued statement recognises yet"
        " (order/line {lines}); a refund reverses only what an issued statement recognised and"
        " months are issued in order: issue the statement of {months} first, then draft {month}",
        "不能生成对账单 {key} 的草稿：{month} 完成的 {count} 笔退款（共 {amount} 元）所退的"
        "订单行在 {months} 完成，尚未被任何已出具的对账单确认（订单号/行号 {lines}）；退款只冲减"
        "已出具对账单确认过的销售，对账单按月份顺序出具：请先出具 {months} 的对账单，再生成"
        " {month} 的草稿",
    ),
    # — issue 17: reconciliation —
    # A store whose money does not arrive in Alipay (services/reconciliation/reconcile.py)
    _r(
        "store {store} is on {platform}: its money does not arrive in an Alipay account, there"
        " is nothing to reconcile",
        "店铺 {store} 在 {platform} 平台：货款不经支付宝账户，无可对账",
        platform="platform",
    ),
    # An Alipay statement the reader cannot open (adapters/platforms/alipay.py), as the
    # reconciliation page's upload shows it; its other problems are worded in both languages.
    _r("cannot be read as a ZIP: {why}", "无法作为压缩包读取：{why}"),
    _r("cannot be read: {why}", "无法读取：{why}"),
    # — issue 21: notifications and the obligations' calendar (R-O1) —
    _r("no notification {id} of yours", "您没有编号为 {id} 的通知"),
    _r(
        "no calendar for month '{month}': write it as YYYY-MM",
        "没有 {month} 的月历：请写成“年-月”，例如 2026-10",
    ),
    _r(
        "no calendar for month '{month}': years {first}–{last} only",
        "没有 {month} 的月历：只有 {first}–{last} 年的",
    ),
    # — issue 21: services that gate features (domain/contracts/service_features.py; R-C3) —
    _r(
        "brand {brand}'s contract did not buy the service {service}, which {feature} belongs "
        "to (R-C3)",
        "品牌 {brand} 的合同未购买“{service}”服务，{feature}功能不对该品牌开放（R-C3）",
        service="service",
        feature="feature",
    ),
    # — issue 22: web under load —
    # A writer that could not have the database in time (adapters/db/engine.py): 503.
    _r(
        "the database is busy with another change: nothing was saved, try again in a moment",
        "数据库正忙于另一项修改：本次未保存任何内容，请稍后重试",
    ),
    # — issue 22: background jobs —
    _r("no job '{job}'", "没有任务 {job}"),
    # The broker out of reach when a job is submitted (services/jobs/submitting.py): 503.
    _r(
        "the job queue could not be reached, so job {job} was not queued ({why}): "
        "try again in a moment",
        "无法连接任务队列，任务 {job} 未能排队（{why}）：请稍后重试",
    ),
    # — issue 19: operations desk —
    _r("no mis-shipment {id}", "没有编号为 {id} 的错发记录"),
    _r(
        "the day the goods came back is a date like 2026-10-19, not {given}",
        "退回日期应为日期，例如 2026-10-19，而不是 {given}",
    ),
    # — issue 19: the desk's return request form (R-F5) —
    _r(
        "the day the buyer received the goods is a date like 2026-10-10, not {given}",
        "买家收货日应为日期，例如 2026-10-10，而不是 {given}",
    ),
    _r(
        "the day the buyer asked is a date like 2026-10-17, not {given}",
        "申请日应为日期，例如 2026-10-17，而不是 {given}",
    ),
    _r(
        "an order line is a whole number from 1 to 100000, not {given}",
        "订单行应为 1 到 100000 的整数，而不是 {given}",
    ),
    # — issue 21: store credentials and outages (R-B7, R-B8) —
    _r(
        "store {store} already has a {kind} credential for {login}: hand it back before "
        "recording it again",
        "店铺 {store} 已有 {login} 的{kind}：请先交还，再重新登记",
        kind="credential_kind",
    ),
    _r("no credential {id}", "没有编号为 {id} 的店铺账号"),
    _r(
        "brand {brand} has no credential held by the agency to hand back",
        "代运营方没有保管品牌 {brand} 的任何账号，无需交还",
    ),
    _r("credential {id}: {message}", "账号 {id}：{message}", message=MESSAGE),
    _r("name the store the credential is for", "请填写该账号所属的店铺"),
    _r("the login name is 1 to {n} characters", "登录名应为 1 至 {n} 个字符"),
    _r(
        "the secret is 1 to {n} characters; it is empty or too long",
        "密码应为 1 至 {n} 个字符：现在为空或过长",
    ),
    _r(
        "the secret starts or ends with a space; type it exactly",
        "密码开头或结尾有空格：请准确输入",
    ),
    _r("the note is at most {n} characters", "备注最多 {n} 个字符"),
    _r(
        "a reveal needs a reason of {low} to {high} characters saying what the secret is "
        "needed for",
        "查看密码须填写 {low} 至 {high} 个字符的原因，说明用途",
    ),
    _r(
        "credential {id} was handed back to the brand on {day}: its secret is no longer kept",
        "账号 {id} 已于 {day} 交还品牌方：密码已不再保存",
    ),
    _r(
        "no key to encrypt store credentials with: set {setting} to a Fernet key (make one "
        "with {command}); credentials are never kept in plain text",
        "没有加密店铺账号的密钥：请管理员在 {setting} 中设置密钥（生成方法：{command}）；"
        "账号密码绝不以明文保存",
    ),
    _r(
        "none of the keys in {setting} opens this secret: the key it was sealed with is "
        "missing (an administrator puts it back after the newest and rotates the keys)",
        "{setting} 中没有能解开此密码的密钥：加密它的密钥已缺失（需由管理员将其放回最新密钥之后，"
        "再更换密钥）",
    ),
    _r(
        "none of the keys in {setting} opens a stored secret: rotation needs every key a "
        "secret was sealed with",
        "{setting} 中没有能解开某个已存密码的密钥：更换密钥需要所有曾用于加密的密钥",
    ),
    _r(
        "{setting}: key {n} is not a Fernet key (32 bytes in URL-safe base64; make one with "
        "{command})",
        "{setting}：第 {n} 个密钥格式不对，应为 32 字节的密钥（生成方法：{command}）",
    ),
    _r("a credential's kind is one of {kinds}", "账号类型应为以下之一：{kinds}"),
    _r(
        "an outage's start and end are moments with a time zone",
        "服务中断的开始和结束须为带时区的时间",
    ),
    _r("--to {end} is not after --from {start}", "结束时间 {end} 不晚于开始时间 {start}"),
    _r(
        "--what is 1 to {n} characters saying what was down",
        "中断内容应为 1 至 {n} 个字符，说明哪项服务中断",
    ),
)


# Messages the pages keep as the services word them, for now: a test of another area pins
# their English on a Chinese page (name it beside each). None is: the last four moved into
# REFUSALS (issue 15) once their tests expected the reader's language.
KEPT_AS_WORDED: tuple[Refusal, ...] = ()


def template_of(message: str) -> Refusal | None:
    """The template the message was worded from, translated or kept as worded; None if none."""
    for refusal in (*KEPT_AS_WORDED, *REFUSALS):
        if refusal.pattern.fullmatch(message) is not None:
            return refusal
    return None


def chinese_refusal(message: str, label: Callable[..., str]) -> str | None:
    """The message in Chinese, its values translated by `label`; None when it is kept as worded
    or has no template — or when a message inside it is (no sentence half in each language)."""
    if any(kept.pattern.fullmatch(message) for kept in KEPT_AS_WORDED):
        return None
    for refusal in REFUSALS:
        found = refusal.pattern.fullmatch(message)
        if found is None:
            continue
        values = {}
        for name, value in found.groupdict().items():
            kind = refusal.names.get(name)
            if kind is None:
                values[name] = value
            elif kind == MESSAGE:
                inner = chinese_refusal(value, label)
                if inner is None:
                    break
                values[name] = inner
            else:
                values[name] = label(kind, value.replace(" ", "_"))
        else:
            return refusal.chinese.format(**values)
    return None
