"""Import circles in a graph of modules: its strongly connected components of two or more."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def import_circles(imports: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every set of modules that reach each other by imports, each sorted, sorted by first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(root: str) -> None:
        # Tarjan's algorithm, iterative: a package of hundreds of modules needs no recursion.
        work = [(root, iter(sorted(imports.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(imports.get(target, ())))))
                    break
                if target in on_stack:
                    low[module] = min(low[module], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        circles.append(sorted(component))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return sorted(circles)
