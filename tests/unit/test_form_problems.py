"""A form field a page's route cannot read is said in words in the reader's language, naming the
field by its label, never by a pattern (issue 15, point 3): page_errors.form_problems over the
errors pydantic gives, and a code or message without its Chinese is recorded as missing."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Annotated, Any
from unittest.mock import MagicMock

import pytest
from pydantic import BaseModel, Field, ValidationError

from daiyun.entrypoints.api.price_schemas import _AMOUNT
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.app import create_app
from daiyun.entrypoints.web.i18n import MISSING_LOG, TEXT_TABLES, labeller, speaker
from daiyun.entrypoints.web.page_errors import form_problems, pattern_kind


class _Form(BaseModel):
    amount: Annotated[str, Field(pattern=_AMOUNT)]
    month: Annotated[str, Field(pattern=r"^20\d\d-(0[1-9]|1[0-2])$")]
    reason: Annotated[str, Field(max_length=5)]
    version: Annotated[int, Field(ge=1)]
    paid_on: Any = None
    channel: str
    login: Annotated[str, Field(min_length=1)]


def _errors(**values: object) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as raised:
        _Form.model_validate(values)
    return [dict(error, loc=("body", *error["loc"])) for error in raised.value.errors()]


BAD = {"amount": "99", "month": "2026-13", "reason": "too long", "version": "x", "login": ""}


def test_each_problem_names_its_field_by_label_in_chinese_without_a_pattern() -> None:
    problems = form_problems(_errors(**BAD), labeller("zh"), speaker("zh"))
    assert problems == [
        "金额：请填写带两位小数的金额，例如 99.00",
        "月份：请填写月份，例如 2026-11",
        "说明：最多 5 个字符",
        "版本：请填写整数，例如 3",
        "渠道：必填",
        "用户名：不能为空",
    ]
    assert not any("\\d" in problem or "pattern" in problem for problem in problems)


def test_the_english_page_says_the_same_in_english() -> None:
    problems = form_problems(_errors(**BAD), labeller("en"), speaker("en"))
    assert problems == [
        "amount: write an amount with two decimals, e.g. 99.00",
        "month: write a month, e.g. 2026-11",
        "reason: at most 5 characters",
        "version: write a whole number, e.g. 3",
        "channel: required",
        "login: cannot be empty",
    ]


def test_a_bound_and_a_value_error_are_said_with_their_values() -> None:
    errors = [
        {"type": "greater_than_equal", "loc": ("query", "version"), "ctx": {"ge": 1}},
        {
            "type": "value_error",
            "loc": ("body", "amount"),
            "ctx": {"error": ValueError("'abc' is not an amount")},
        },
        {"type": "literal_error", "loc": ("body", "role"), "ctx": {"expected": "'a' or 'b'"}},
    ]
    assert form_problems(errors, labeller("zh"), speaker("zh")) == [
        "版本：不能小于 1",
        "金额：abc 不是金额",
        "角色：请从列表中选择一项",
    ]


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        (_AMOUNT, ("money_two_decimals", ())),
        (r"^\d{1,10}(\.\d{1,2})?$", ("money", ())),
        (r"^20\d\d-(0[1-9]|1[0-2])$", ("month", ())),
        (r"^\d{1,2}(\.\d{1,2})?%$", ("percent", ())),
        (r"^[A-Za-z0-9_.-]+$", ("code", ())),
        ("^(xlsx|pdf)$", ("choice", ("xlsx / pdf",))),
        (NO_NUL, ("text", ())),
        (r"^[^\x00]*\S[^\x00]*$", ("nonblank", ())),
        (r"^[a-z]{3}$", ("format", ())),
    ],
)
def test_a_pattern_is_read_for_what_it_asks(
    pattern: str, kind: tuple[str, tuple[str, ...]]
) -> None:
    assert pattern_kind(pattern) == kind
    assert labeller("zh")("invalid", f"pattern_{kind[0]}", "金额", *kind[1]) != (
        f"pattern_{kind[0]}"
    )


def test_a_code_or_message_without_chinese_is_recorded_as_missing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger=MISSING_LOG):
        assert labeller("zh")("field", "no_such_field") == "no_such_field"
        assert speaker("zh")("nobody has worded this yet") == "nobody has worded this yet"
        # Already Chinese, in both languages, or no words at all: nothing is missing.
        assert speaker("zh")("已经是中文 / already Chinese") == "已经是中文 / already Chinese"
        assert speaker("zh")("2026-11") == "2026-11"
        assert labeller("zh")("role", "admin") == "管理员"
        problems = form_problems(
            [{"type": "some_new_type", "loc": ("body", "amount")}],
            labeller("zh"),
            speaker("zh"),
        )
    assert problems == ["some_new_type"]
    assert [record.getMessage() for record in caplog.records] == [
        "no Chinese text for the code field_no_such_field",
        "no Chinese text for the message 'nobody has worded this yet'",
        "no Chinese text for the code invalid_some_new_type",
    ]


def _routes(routes: Iterable[Any]) -> Iterator[Any]:
    """Every route of the app, those of included routers too."""
    for route in routes:
        if hasattr(route, "effective_route_contexts"):
            yield from route.effective_route_contexts()
        else:
            yield route


def _parameters(dependant: Any) -> Iterator[Any]:
    yield from (*dependant.query_params, *dependant.body_params, *dependant.path_params)
    for inner in dependant.dependencies:
        yield from _parameters(inner)


def test_every_field_and_parameter_of_a_page_has_a_label() -> None:
    # A page's form error names its field by label (`field_<name>`, the name its errors give).
    app = create_app(MagicMock())
    every = {key for table in TEXT_TABLES.values() for key in table}
    named: dict[str, set[str]] = {}
    for route in _routes(app.routes):
        path = getattr(route, "path", "")
        if not path or path.startswith(("/api/", "/static/")):
            continue
        dependant = getattr(getattr(route, "original_route", route), "dependant", None)
        for parameter in _parameters(dependant) if dependant is not None else ():
            named.setdefault(parameter.alias, set()).add(path)
    assert len(named) > 30
    assert {name: paths for name, paths in named.items() if f"field_{name}" not in every} == {}
