"""The Alipay account statement (支付宝账务明细) as downloaded: the ZIP or the detail CSV in it.

reading = read_alipay_files([Path("20881234567890120156_202610.zip")])
reading.files                       # each file given: name, sha256, the account its header names
for line in reading.lines(): …      # every line of every detail file, streamed (R-X1)
reading.problems, reading.problem_count  # complete once lines() is read to its end

What the files are like (formats.md): comment lines above the table (`#支付宝账务明细查询`,
`#账号：[2088…]`, `#起始日期：[…]   终止日期：[…]`), the header row with full-width or ASCII
brackets, every cell followed by a TAB, the footer below (`#收入合计：N笔，共X元`,
`#支出合计：…`, the export time); GBK, or UTF-8 with a BOM. The ZIP holds a summary
`…(汇总).csv` beside the detail file, in either order: the summary is told apart by its
content (it has no 账务流水号 column) and skipped.

Rows are numbered as a spreadsheet shows them: the file's first line is row 1, so the header
row is the one below the comment lines. Every problem is an ImportProblem, never an exception.
A footer that disagrees with the lines, or is missing, is a problem of the file as a whole.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from daiyun.adapters.platforms.problems import ProblemLog
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import InvalidAmount, Money
from daiyun.domain.orders.records import ImportProblem
from daiyun.domain.reconciliation import (
    AlipayEntry,
    FooterTotal,
    StatementHeader,
    StatementLine,
    Tally,
)

__all__ = ["ALIPAY_STATEMENT", "AlipayFileInfo", "AlipayReading", "read_alipay_files"]

ALIPAY_STATEMENT = "alipay-statement"

_SNIFF_BYTES = 1 << 16
_HEADER_LINES = 50  # the table's header row comes within this many lines of the file's start
_TRIM = " \t\r\n\u3000\ufeff"
_ZIP_START = b"PK\x03\x04"
_LONGEST_KEY = 64  # 账务流水号, 业务流水号, 商户订单号: what the table stores

# The header row's names, brackets made ASCII and spaces taken out (see _name).
ENTRY_NO = "账务流水号"
BUSINESS_NO = "业务流水号"
MERCHANT_ORDER_NO = "商户订单号"
ITEM_NAME = "商品名称"
OCCURRED_AT = "发生时间"
COUNTERPARTY = "对方账号"
INCOME = "收入金额(+元)"
EXPENSE = "支出金额(-元)"
BALANCE = "账户余额(元)"
CHANNEL = "交易渠道"
BUSINESS_TYPE = "业务类型"
REMARK = "备注"
_NEEDED = (ENTRY_NO, OCCURRED_AT, INCOME, EXPENSE, BUSINESS_TYPE, REMARK)

_ACCOUNT = re.compile(r"账号\s*[：:]\s*[\[［【]?\s*([^\]］】\s]*)\s*[\]］】]?")
_START = re.compile(r"起始日期\s*[：:]\s*[\[［【]?\s*([^\]］】]*)")
_END = re.compile(r"终止日期\s*[：:]\s*[\[［【]?\s*([^\]］】]*)")
_DAY = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")
_FOOTER_TOTAL = re.compile(
    r"#\s*(收入|支出)合计\s*[：:]\s*(\d+)\s*笔\s*[，,]\s*共\s*([-+]?[\d,]+(?:\.\d{1,2})?)\s*元"
)
_TABLE_END = "账务明细列表结束"
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M")

_NO_ACCOUNT = (
    "the header names no account (#账号：[2088…]); download the statement again from Alipay"
    " / 文件头没有账号（#账号：[2088…]），请从支付宝重新下载账务明细"
)
_NO_TABLE = (
    "no table of account lines (账务流水号, 发生时间, …): not an Alipay account statement"
    " / 没有账务明细表（账务流水号、发生时间……）：不是支付宝账务明细"
)
_NO_DETAIL = (
    "the ZIP holds no detail file (账务明细), only: {} / 压缩包里没有账务明细文件，只有：{}"
)
_NO_FOOTER = (
    "the file ends without its footer totals (#收入合计, #支出合计): it is incomplete, nothing "
    "was imported / 文件缺少页脚合计（#收入合计、#支出合计）：文件不完整，未导入任何内容"
)
_TWO_ACCOUNTS = (
    "the files in the ZIP name two accounts, {} and {} / 压缩包里的文件属于两个账户：{} 和 {}"
)


@dataclass(frozen=True, slots=True)
class AlipayFileInfo:
    """One file given: its name, its format, the SHA-256 of its bytes, the account it is of."""

    name: str
    format: str
    sha256: str
    account: str | None  # None when no detail file in it names one


@dataclass(frozen=True, slots=True)
class _Detail:
    """A detail file to read: on its own, or a member of a ZIP."""

    name: str  # as problems name it: "x.csv", or "x.zip/y.csv"
    path: Path
    member: zipfile.ZipInfo | None
    encoding: str
    header: StatementHeader


class AlipayReading:
    """The files given, their lines streamed; problems fill up as they are read.

    `problems` and `problem_count` are complete once lines() has been read to its end; each
    call of lines() reads the files again from the start."""

    def __init__(self, files: list[AlipayFileInfo], details: list[_Detail], found: ProblemLog):
        self.files = files
        self._details = details
        self._found_before = found
        self._log = _copy(found)

    @property
    def problems(self) -> list[ImportProblem]:
        """The problems found so far: the first 10,000 of them."""
        return self._log.kept

    @property
    def problem_count(self) -> int:
        """How many problems were found so far, kept or not."""
        return self._log.count

    def lines(self) -> Iterator[StatementLine]:
        """Every line of the detail files that has no problem, as the files are read."""
        self._log = _copy(self._found_before)
        for detail in self._details:
            yield from _read_detail(detail, self._log)


def read_alipay_files(paths: Sequence[Path]) -> AlipayReading:
    """A reading of these files: each a statement ZIP or a detail CSV."""
    found = ProblemLog()
    files: list[AlipayFileInfo] = []
    details: list[_Detail] = []
    for path in paths:
        try:
            sha256 = _sha256(path)
            with path.open("rb") as file:
                is_zip = file.read(len(_ZIP_START)) == _ZIP_START
        except OSError as error:
            found.add(path.name, 0, "", "", f"cannot be read: {error.strerror or error}")
            continue
        opened = _zip_details(path, found) if is_zip else _csv_detail(path, found)
        accounts = list(dict.fromkeys(detail.header.account for detail in opened))
        if len(accounts) > 1:
            found.add(path.name, 0, "", "", _TWO_ACCOUNTS.format(*accounts[:2], *accounts[:2]))
        files.append(
            AlipayFileInfo(path.name, ALIPAY_STATEMENT, sha256, next(iter(accounts), None))
        )
        details.extend(opened)
    return AlipayReading(files, details, found)


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _copy(log: ProblemLog) -> ProblemLog:
    copy = ProblemLog(log.cap)
    for problem in log.kept:
        copy.take(problem)
    copy.count = log.count
    return copy


# — telling the files apart —


def _csv_detail(path: Path, found: ProblemLog) -> list[_Detail]:
    try:
        with path.open("rb") as file:
            start = file.read(_SNIFF_BYTES)
    except OSError as error:
        found.add(path.name, 0, "", "", f"cannot be read: {error.strerror or error}")
        return []
    if not _has_table(start):
        found.add(path.name, 0, "", "", _NO_TABLE)
        return []
    detail = _detail_of(path.name, path, None, start, found)
    return [] if detail is None else [detail]


def _zip_details(path: Path, found: ProblemLog) -> list[_Detail]:
    """The detail files of a statement ZIP, in the ZIP's order; the summary is skipped."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [member for member in archive.infolist() if not member.is_dir()]
            starts = [_start_of(archive, member) for member in members]
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as error:
        found.add(path.name, 0, "", "", f"cannot be read as a ZIP: {error}")
        return []
    details, others, tables = [], [], 0
    for member, start in zip(members, starts, strict=True):
        if not _has_table(start):
            others.append(_member_name(member))  # the summary (汇总), or anything else
            continue
        tables += 1
        detail = _detail_of(f"{path.name}/{_member_name(member)}", path, member, start, found)
        if detail is not None:
            details.append(detail)
    if not tables:
        shown = ", ".join(others) or "nothing"
        found.add(path.name, 0, "", "", _NO_DETAIL.format(shown, shown))
    return details


def _start_of(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    with archive.open(member) as raw:
        return raw.read(_SNIFF_BYTES)


def _member_name(member: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it: Alipay's ZIPs carry GBK names without the UTF-8
    flag, which zipfile reads as CP437."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


def _encoding_of(start: bytes) -> str:
    """utf-8-sig after a BOM; UTF-8 when the start is UTF-8; else GB18030 (GBK's superset)."""
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _detail_of(
    name: str, path: Path, member: zipfile.ZipInfo | None, start: bytes, found: ProblemLog
) -> _Detail | None:
    """The detail file (whose start has the table), its header read; None (and a problem)
    when the header names no account."""
    encoding = _encoding_of(start)
    lines = _start_lines(start, encoding)
    comments = []
    for line in lines:
        if _is_table_header(line):
            break
        comments.append(line.strip(_TRIM))
    account = next(
        (found_account.group(1) for line in comments if (found_account := _ACCOUNT.search(line))),
        "",
    )
    if not account or "*" in account:
        found.add(name, 0, "", account, _NO_ACCOUNT)
        return None
    header = StatementHeader(account, _day_after(_START, comments), _day_after(_END, comments))
    return _Detail(name, path, member, encoding, header)


def _start_lines(start: bytes, encoding: str) -> list[str]:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(start)
    return text.splitlines()[:_HEADER_LINES]


def _has_table(start: bytes) -> bool:
    """True when the file's start holds the header row of the table of lines: a detail file,
    not the summary (汇总) nor anything else."""
    return any(_is_table_header(line) for line in _start_lines(start, _encoding_of(start)))


def _is_table_header(line: str) -> bool:
    cells = [_name(cell) for cell in line.split(",")]
    return ENTRY_NO in cells and OCCURRED_AT in cells


def _day_after(label: re.Pattern[str], comments: list[str]) -> date | None:
    for line in comments:
        found = label.search(line)
        if found is None:
            continue
        day = _DAY.search(found.group(1))
        if day is None:
            return None
        try:
            return date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
        except ValueError:
            return None
    return None


def _name(cell: str) -> str:
    """A header cell as a name: trimmed, brackets made ASCII, no spaces."""
    return (
        cell.strip(_TRIM).replace("（", "(").replace("）", ")").replace(" ", "").replace("\t", "")
    )


# — reading the lines —


@contextmanager
def _text(detail: _Detail) -> Iterator[IO[str]]:
    if detail.member is None:
        with detail.path.open(encoding=detail.encoding, errors="strict", newline="") as file:
            yield file
        return
    with zipfile.ZipFile(detail.path) as archive, archive.open(detail.member) as raw:
        yield io.TextIOWrapper(raw, encoding=detail.encoding, errors="strict", newline="")


def _read_detail(detail: _Detail, log: ProblemLog) -> Iterator[StatementLine]:
    """The lines of one detail file; at its end, its footer held against them."""
    tally = Tally()
    footers: list[FooterTotal] = []
    columns: dict[str, int] | None = None
    table_ended = False
    row = 0
    try:
        with _text(detail) as text:
            reader = csv.reader(text)
            for cells in reader:
                row = reader.line_num
                first = cells[0].strip(_TRIM) if cells else ""
                if first.startswith("#"):
                    line = ",".join(cells).strip(_TRIM)
                    table_ended = table_ended or _TABLE_END in line
                    footer = _footer_total(line, row)
                    if footer is not None:
                        footers.append(footer)
                    continue
                if not any(cell.strip(_TRIM) for cell in cells):
                    continue
                if columns is None:
                    columns = _columns(detail.name, row, cells, log)
                    if columns is None:
                        return
                    continue
                if table_ended or footers:
                    log.add(detail.name, row, "", first, _AFTER_FOOTER)
                    continue
                entry = _entry(detail.name, row, cells, columns, log)
                if entry is not None:
                    tally.add(entry)
                    yield StatementLine(entry, detail.name, row)
    except UnicodeDecodeError:
        shown = "GBK" if detail.encoding == "gb18030" else "UTF-8"
        log.add(detail.name, row + 1, "", "", f"is not text in {shown} from this row on"
                f" / 从此行起不是 {shown} 文本")  # fmt: skip
        return
    except (csv.Error, OSError, zipfile.BadZipFile) as error:
        log.add(detail.name, row + 1, "", "", f"cannot be read on from here ({error})"
                " / 从此行起无法读取")  # fmt: skip
        return
    if columns is None:
        log.add(detail.name, 0, "", "", _NO_TABLE)
        return
    _check_footer(detail.name, tally, footers, log)


_AFTER_FOOTER = "a line below the footer / 页脚之后还有明细行"


def _check_footer(name: str, tally: Tally, footers: list[FooterTotal], log: ProblemLog) -> None:
    """R-X1: the footer's totals must agree with the lines; without them the file is refused."""
    sides = {footer.side for footer in footers}
    if sides != {"收入", "支出"}:
        log.add(name, 0, "", "", _NO_FOOTER)
    for footer in footers:
        disagreement = tally.disagreement(footer)
        if disagreement is not None:
            log.add(name, footer.row, "", footer.text, disagreement)


def _footer_total(line: str, row: int) -> FooterTotal | None:
    found = _FOOTER_TOTAL.search(line)
    if found is None:
        return None
    total = Money.of_yuan(found.group(3).lstrip("+-"))
    return FooterTotal(found.group(1), int(found.group(2)), total, row, line)


def _columns(name: str, row: int, cells: list[str], log: ProblemLog) -> dict[str, int] | None:
    """Each name of the header row → its place; None (and a problem) when one is missing."""
    columns: dict[str, int] = {}
    for place, cell in enumerate(cells):
        columns.setdefault(_name(cell), place)
    missing = [needed for needed in _NEEDED if needed not in columns]
    if missing:
        shown = "、".join(missing)
        log.add(name, row, "", "", f"the header lacks {shown} / 表头缺少 {shown}")
        return None
    return columns


def _entry(
    name: str, row: int, cells: list[str], columns: dict[str, int], log: ProblemLog
) -> AlipayEntry | None:
    """One line of the table; None (and its problems) when a cell cannot be taken."""

    def cell(column: str) -> str:
        place = columns.get(column)
        return cells[place].strip(_TRIM) if place is not None and place < len(cells) else ""

    before = log.count
    entry_no = cell(ENTRY_NO)
    if not entry_no:
        log.add(name, row, ENTRY_NO, "", "no 账务流水号 / 缺少账务流水号")
    for column in (ENTRY_NO, BUSINESS_NO, MERCHANT_ORDER_NO):
        if len(cell(column)) > _LONGEST_KEY:
            log.add(name, row, column, cell(column), f"longer than {_LONGEST_KEY} characters"
                    f" / 超过 {_LONGEST_KEY} 个字符")  # fmt: skip
    occurred_at = _time(cell(OCCURRED_AT))
    if occurred_at is None:
        log.add(name, row, OCCURRED_AT, cell(OCCURRED_AT),
                "not a time (2026-10-01 10:21:13) / 不是时间")  # fmt: skip
    income = _amount(name, row, INCOME, cell(INCOME), log, positive=True)
    expense = _amount(name, row, EXPENSE, cell(EXPENSE), log, positive=False)
    balance_text = cell(BALANCE)
    balance = (
        _amount(name, row, BALANCE, balance_text, log, positive=None) if balance_text else None
    )
    if log.count > before or occurred_at is None or income is None or expense is None:
        return None
    return AlipayEntry(
        entry_no=entry_no,
        business_no=cell(BUSINESS_NO),
        merchant_order_no=cell(MERCHANT_ORDER_NO),
        item_name=cell(ITEM_NAME),
        occurred_at=occurred_at,
        income=income,
        expense=expense,
        balance=balance,
        channel=cell(CHANNEL),
        business_type=cell(BUSINESS_TYPE),
        remark=cell(REMARK),
    )


def _time(text: str) -> datetime | None:
    for time_format in _TIME_FORMATS:
        try:
            return datetime.strptime(text, time_format).replace(tzinfo=SHANGHAI)
        except ValueError:
            continue
    return None


def _amount(
    name: str, row: int, column: str, text: str, log: ProblemLog, *, positive: bool | None
) -> Money | None:
    """An amount cell: empty is zero; income is never negative; an expense is taken as its
    size, written "-4.17" or "4.17"; a balance as written."""
    if not text:
        return Money(0)
    try:
        amount = Money.of_yuan(text)
    except InvalidAmount:
        log.add(name, row, column, text, "not an amount / 不是金额")
        return None
    if positive is True and amount.is_negative:
        log.add(name, row, column, text, "income cannot be negative / 收入金额不能为负")
        return None
    return abs(amount) if positive is False else amount
