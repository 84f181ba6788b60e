"""No two modules of daiyun import each other, directly or round a circle, at any depth
(architecture.md: "No two modules import each other"). import-linter's acyclic_siblings
contract checks the areas of each layer; this checks every single module, with every import
grimp sees (inside functions and under TYPE_CHECKING too)."""

from __future__ import annotations

import grimp

from tests.unit.import_graph import import_circles


def test_no_module_of_daiyun_is_in_an_import_circle() -> None:
    graph = grimp.build_graph("daiyun", include_external_packages=False)
    circles = import_circles({m: graph.find_modules_directly_imported_by(m) for m in graph.modules})
    assert circles == [], "\n".join(" → ".join(circle) for circle in circles)


def test_a_circle_of_three_modules_is_found_and_named() -> None:
    # a → b → c → a is one circle; d only imports into it.
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert import_circles(imports) == [["a", "b", "c"]]


def test_two_modules_importing_each_other_are_a_circle() -> None:
    assert import_circles({"x": {"y"}, "y": {"x"}, "z": {"x"}}) == [["x", "y"]]


def test_a_module_importing_itself_is_not_reported() -> None:
    # `from daiyun.x import y` inside daiyun.x's own package docstring examples: not a circle.
    assert import_circles({"x": {"x"}, "y": set()}) == []
