"""A compiled ``formulas`` model as a straight-line plan: the same functions, without schedula.

``formulas`` links cells through a schedula dispatcher and compiles each cell's formula into a
small dispatcher of its own; dispatching costs more than the spreadsheet functions it calls
(about two thirds of a weekly workbook's evaluation). Once cycles are refused, the model is a
directed acyclic graph, so :func:`make_plan` lays its function nodes — and each cell's own
nodes — out in topological order once, and :meth:`Plan.run` calls them in that order with the
same defaults and filters schedula applies. Inverse range assemblers (which spread a range's
value back to its cells, for inputs given as ranges) are left out: inputs here are cells.

Where the model holds anything this does not reproduce exactly (a node with several producers,
a node option other than the plain ones), there is no plan and the engine dispatches with
schedula as before.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Callable, Hashable, Mapping

import schedula as sh
from formulas.cell import CellWrapper, InvRangesAssembler
from formulas.tokens.operand import Error

PLAIN_OPTIONS = {"function", "index", "inputs", "outputs", "type", "wait_inputs", "solve_cycle", "extra_inputs",
                 "filters"}
NAME_ERROR = Error.errors["#NAME?"]

Step = tuple[Callable[..., Any], tuple[Hashable, ...], tuple[Hashable, ...]]  # function, inputs, outputs


class NoPlan(Exception):
    """The dispatcher holds something a plan would not reproduce exactly."""


@dataclass(frozen=True)
class Plan:
    """Function nodes in topological order, with the data nodes' defaults and filters."""

    steps: tuple[Step, ...]
    defaults: Mapping[Hashable, Any]
    filters: Mapping[Hashable, tuple[Callable[[Any], Any], ...]]
    raises: bool = False  # as the dispatcher's ``raises``: a failing function stops the run

    def run(self, inputs: Mapping[Hashable, Any]) -> dict[Hashable, Any]:
        """The solution for ``inputs`` (over the defaults), as schedula's: NONE is no argument and
        no output; without ``raises``, a function that fails leaves its outputs, and whatever
        needs them, out."""
        solution: dict[Hashable, Any] = {sh.START: sh.NONE}  # the input of formulas without references
        for node, value in {**self.defaults, **inputs}.items():
            solution[node] = self._filtered(node, value)
        solution[sh.SELF] = SimpleNamespace(solution=solution)  # read by range assemblers, as schedula's
        for function, ins, outs in self.steps:
            try:
                result = function(*[v for v in (solution[i] for i in ins) if v is not sh.NONE])
            except Exception:  # noqa: BLE001
                if self.raises:
                    raise
                continue
            for node, value in zip(outs, (result,) if len(outs) == 1 else result):
                if value is not sh.NONE and node not in solution:
                    solution[node] = self._filtered(node, value)
        return solution

    def _filtered(self, node: Hashable, value: Any) -> Any:
        for f in self.filters.get(node, ()):
            value = f(value)
        return value


def make_plan(dsp: sh.Dispatcher) -> Plan | None:
    """The plan of a compiled model's dispatcher (cycles already refused), or None."""
    nodes = {k: n for k, n in dsp.function_nodes.items() if not isinstance(n["function"], InvRangesAssembler)}
    try:
        steps = []
        for node in _ordered(nodes):
            function = node["function"]
            if isinstance(function, CellWrapper):
                function = _cell_function(function)
            steps.append(_step(node, function))
        return Plan(tuple(steps), _defaults(dsp), _data_filters(dsp))
    except NoPlan:
        return None


def _cell_function(wrapper: CellWrapper) -> Callable[..., Any]:
    """A cell's formula as a plain function of its references, as ``CellWrapper`` calls it."""
    pipe = wrapper.func
    if not isinstance(pipe, sh.DispatchPipe) or len(pipe.outputs) != 1 or wrapper.parse_kwargs():
        raise NoPlan
    (output,) = pipe.outputs
    steps = tuple(_step(node, node["function"]) for node in _ordered(pipe.dsp.function_nodes, output))
    plan = Plan(steps, _defaults(pipe.dsp), _data_filters(pipe.dsp), raises=True)
    names, parse_args = tuple(pipe.inputs), wrapper.parse_args

    def formula(*args: Any) -> Any:
        try:
            return plan.run(dict(zip(names, parse_args(*args))))[output]
        except NotImplementedError:  # a function formulas knows by name only
            return NAME_ERROR

    return formula


def _step(node: dict, function: Callable[..., Any]) -> Step:
    """A function node as a step; the node's own filters apply to what the function returns."""
    if set(node) - PLAIN_OPTIONS:
        raise NoPlan
    ins, outs, filters = tuple(node["inputs"]), tuple(node["outputs"]), tuple(node.get("filters") or ())
    if filters and len(outs) != 1:
        raise NoPlan
    if filters:
        plain = function

        def function(*args: Any) -> Any:
            value = plain(*args)
            for f in filters:
                value = f(value)
            return value

    return function, ins, outs


def _ordered(nodes: Mapping[Hashable, dict], target: Hashable | None = None) -> list[dict]:
    """Function nodes in an order where each comes after those it reads from (all of them, or
    those ``target`` needs). Raises NoPlan if a data node has several producers."""
    producer: dict[Hashable, Hashable] = {}
    for key, node in nodes.items():
        for out in node["outputs"]:
            if producer.setdefault(out, key) != key:
                raise NoPlan
    order: list[dict] = []
    done: set[Hashable] = set()
    for start in [producer[target]] if target in producer else ([] if target is not None else nodes):
        if start in done:
            continue
        stack = [(start, iter(nodes[start]["inputs"]))]
        done.add(start)
        while stack:  # depth first, without recursion (chains of cells run deep)
            key, pending = stack[-1]
            for data in pending:
                before = producer.get(data)
                if before is not None and before not in done:
                    done.add(before)
                    stack.append((before, iter(nodes[before]["inputs"])))
                    break
            else:
                stack.pop()
                order.append(nodes[key])
    return order


def _defaults(dsp: sh.Dispatcher) -> dict[Hashable, Any]:
    return {key: default["value"] for key, default in dsp.default_values.items()}


def _data_filters(dsp: sh.Dispatcher) -> dict[Hashable, tuple[Callable[[Any], Any], ...]]:
    return {key: tuple(node["filters"]) for key, node in dsp.data_nodes.items() if node.get("filters")}
