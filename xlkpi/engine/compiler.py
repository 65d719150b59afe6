"""Formula shapes → Python closures.

The ``formulas`` parser reads the shape's text (references already replaced by placeholders,
:mod:`xlkpi.engine.shapes`); :class:`TreeBuilder` takes its output in postfix order and keeps
the expression tree instead of building a schedula dispatcher for it. :func:`compile_shape`
turns the tree into nested closures ``f(ctx)``: ``ctx`` is the :class:`Context` of one
formula cell (its sheet, position and bound references) and the evaluator that owns the values.

Functions are looked up in :mod:`xlkpi.engine.functions` when the shape is compiled; a
function that table lacks compiles to a node that reports it (see :class:`Missing`).
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from formulas.errors import FormulaError
from formulas.parser import Parser
from formulas.tokens.function import Function, Lambda
from formulas.tokens.operand import Empty, Error, Number, Operand, Range, String
from formulas.tokens.operator import Operator

from . import limits, operators
from .functions import EXCEL_FUNCTIONS, FUNCTIONS, Spec, lookup
from .lambda_values import LambdaValue, call
from .shapes import PLACEHOLDER, RESTORE, Shape
from .xlvalues import EMPTY, NAME, REF, VALUE

Closure = Callable[["Context"], Any]


class Context:
    """One formula cell being evaluated: where it is, its references, and the evaluator."""

    __slots__ = ("cell", "env", "lets", "refs", "sheet")

    def __init__(self, env: Any, sheet: str, cell: tuple[int, int], refs: tuple[Any, ...]):
        self.env, self.sheet, self.cell, self.refs = env, sheet, cell, refs
        self.lets: dict[str, Any] = {}


class Chain:
    """A run of binary operators of one precedence (``a+b-c+…``, ``a&b&…``) as one node of the
    tree, its operands side by side: compiled and evaluated in a loop, left to right, so that a
    formula of hundreds of terms recurses no deeper than one of two."""

    def __init__(self, ops: list[str], pred: int):
        self.ops, self.pred = ops, pred

    def __repr__(self) -> str:
        return f"Chain({self.ops})"


class TreeBuilder:
    """Stands in for ``formulas``' AstBuilder: keeps the expression tree, builds no dispatcher.
    Left-associative runs of one precedence become one :class:`Chain` as they arrive."""

    def __init__(self, dsp: Any = None, nodes: Any = None, match: Any = None):
        self.match = match
        self._deque: list[Any] = []

    def __len__(self) -> int:
        return len(self._deque)

    def __getitem__(self, index: int) -> Any:
        return self._deque[index]

    def pop(self) -> Any:
        return self._deque.pop()

    def append(self, token: Any) -> None:
        if isinstance(token, (Operator, Function)):
            n = token.get_n_args
            try:
                args = [self._deque.pop() for _ in range(n)][::-1]
            except IndexError:
                raise FormulaError() from None
            self._deque.append(_chained(token, args) if n == 2 and isinstance(token, Operator) else (token, args))
        else:
            self._deque.append(token)

    def finish(self) -> None:
        pass


def _chained(token: Operator, args: list[Any]) -> Any:
    """``(a op1 b) op2 c`` with op1 and op2 of one precedence as one chain ``a op1 b op2 c``."""
    left, right = args
    if isinstance(left, tuple) and len(left[1]) >= 2:
        head = left[0]
        if isinstance(head, Chain) and head.pred == token.pred:
            head.ops.append(token.name)
            left[1].append(right)
            return left
        if isinstance(head, Operator) and head.get_n_args == 2 and head.pred == token.pred:
            return Chain([head.name, token.name], token.pred), [*left[1], right]
    return token, args


class _Parser(Parser):
    """``formulas``' parser building trees; LET and LAMBDA read as ordinary calls (the engine
    binds their names itself)."""

    ast_builder = TreeBuilder  # type: ignore[assignment]
    filters: ClassVar[list[Any]] = [f for f in Parser.filters if f is not Lambda]


class Missing(Exception):
    """A shape calls a function Excel has but the engine does not implement."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@dataclass
class Compiled:
    """A compiled shape: its closure, the functions it calls that Excel does not know
    (they evaluate to #NAME?), those Excel has but the engine lacks, and the defined names it
    uses. Pickled as its shape and parse tree (closures cannot be): unpickling recompiles."""

    shape: Shape
    tree: Any
    date1904: bool
    run: Closure
    unknown: set[str]
    missing: set[str]
    names: set[str]

    def __reduce__(self) -> tuple[Any, ...]:
        return compile_tree, (self.shape, self.tree, self.date1904)


def parse(text: str) -> Any:
    """The expression tree of a formula's text (without "="); raises FormulaError."""
    _, builder = _Parser().ast("=" + text)
    return builder[-1]


def compile_shape(shape: Shape, date1904: bool = False) -> Compiled:
    """Compile ``shape`` (for a workbook in the 1904 date system if ``date1904``); raises
    FormulaError when its text cannot be parsed."""
    return compile_tree(shape, parse(shape.text), date1904)


UNPARSABLE = "a formula the engine cannot parse"


def compile_tree(shape: Shape, tree: Any, date1904: bool = False) -> Compiled:
    """Compile the parse tree of ``shape`` (None: the text could not be parsed; its cells are
    left as stored, like those of a function the engine lacks)."""
    if tree is None:

        def unparsable(ctx: Context) -> Any:
            raise Missing(UNPARSABLE)

        return Compiled(shape, None, date1904, unparsable, set(), {UNPARSABLE}, set())
    compiler = _Compiler(shape, date1904)
    run = compiler.node(tree)
    return Compiled(shape, tree, date1904, run, compiler.unknown, compiler.missing, compiler.names)


class _Compiler:
    def __init__(self, shape: Shape, date1904: bool):
        self.shape = shape
        self.date1904 = date1904
        self.unknown: set[str] = set()
        self.missing: set[str] = set()
        self.names: set[str] = set()
        self.params: list[set[str]] = []  # LAMBDA/LET variables in scope
        self.arrays = 0  # > 0: inside an argument that takes arrays (operators read blocks whole)

    def node(self, tree: Any) -> Closure:
        if isinstance(tree, tuple):
            token, args = tree
            if isinstance(token, Function):
                return self.function(token, args)
            if isinstance(token, Chain):
                return self.chain(token, args)
            return self.operator(token, args)
        return self.operand(tree)

    # --- leaves ---

    def operand(self, token: Operand) -> Closure:
        if isinstance(token, (String, Number, Error)) or not isinstance(token, Range):
            value = token.compile()
            if isinstance(token, String):
                value = value.translate(RESTORE)
            if isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            return lambda ctx: value
        attr = token.attr
        name = str(attr.get("ref", token.name)).upper()
        if attr.get("is_reference") and name.startswith(PLACEHOLDER) and name[len(PLACEHOLDER):].isdigit():
            index = int(name[len(PLACEHOLDER):])
            return lambda ctx: ctx.refs[index] if ctx.refs[index] is not None else REF
        if attr.get("is_reference"):
            sheet = attr.get("sheet")
            variable = _variable(name)
            if any(variable in scope for scope in self.params):
                return lambda ctx: ctx.lets[variable]
            self.names.add(name)
            return lambda ctx: ctx.env.name(name, sheet, ctx)
        if "indirect" in attr:  # formulas reads INDIRECT("A1") as a reference: the function reads it
            literal = str(attr["indirect"])
            text = literal[literal.index('"') + 1:literal.rindex('"')].replace('""', '"')
            spec, _ = lookup("INDIRECT", self.date1904)
            assert spec is not None
            return _call(spec, [_constant(text)])
        # a reference the scanner did not take: beyond the grid (XFE1, A1048577), a name Excel
        # does not know
        return lambda ctx: NAME

    # --- operators ---

    def operator(self, token: Operator, args: list[Any]) -> Closure:
        name = token.name.upper()
        if name in (" ", ",") and _is_lambda(args[0]):  # LAMBDA(x, x+1)(3): called in place
            function = self.node(args[0])
            arguments = [self.node(a) for a in _union_items(args[1])]
            return lambda ctx: call(ctx, function(ctx), arguments)
        closures = [self.node(a) for a in args]
        if name in (":", " ", ","):
            combine = operators.REFERENCE_OPERATORS[name]
            left, right = closures
            return lambda ctx: combine(ctx, left(ctx), right(ctx))
        if name == "@":
            (only,) = closures
            return lambda ctx: operators.implicit(ctx, only(ctx))
        operand = self.operand_value()
        if len(closures) == 1:
            if name == "U+" and "-" in token.attr.get("sum_minus", ""):
                name = "--"  # formulas reads a run of signs as one: "--" is "+" there
            unary = operators.UNARY[name]
            (only,) = closures
            return lambda ctx: unary(operand(ctx, only(ctx)))
        binary = operators.BINARY[name]
        left, right = closures
        return lambda ctx: binary(operand(ctx, left(ctx)), operand(ctx, right(ctx)))

    def chain(self, token: Chain, args: list[Any]) -> Closure:
        """``a op b op c …`` folded left to right in a loop."""
        first, *rest = [self.node(a) for a in args]
        names = [name.upper() for name in token.ops]
        if names[0] in (":", " ", ","):
            combines = [operators.REFERENCE_OPERATORS[name] for name in names]
            steps = list(zip(combines, rest))

            def references(ctx: Context) -> Any:
                result = first(ctx)
                for combine, closure in steps:
                    result = combine(ctx, result, closure(ctx))
                return result

            return references
        operand = self.operand_value()
        pairs = list(zip([operators.BINARY[name] for name in names], rest))

        def values(ctx: Context) -> Any:
            result = operand(ctx, first(ctx))
            for binary, closure in pairs:
                result = binary(result, operand(ctx, closure(ctx)))
            return result

        return values

    def operand_value(self) -> Callable[[Context, Any], Any]:
        """How an operator reads an operand: inside an array formula or an argument that takes
        arrays, a block as its array; elsewhere, in a cell's ordinary formula, a block by implicit
        intersection (the cell of a one-column block in the formula's row …), as Excel computes
        formulas without dynamic arrays (``=Liste*100+B2:B4`` in row 2 reads B2)."""
        return operators.array_operand if self.arrays else operators.scalar_operand

    # --- functions ---

    def function(self, token: Function, args: list[Any]) -> Closure:
        raw = token.name.upper()
        if raw in ("ARRAY", "ARRAYROW"):
            return self.array(args)
        if raw in ("LET", "_XLFN.LET"):
            return self.let(args)
        if raw in ("LAMBDA", "_XLFN.LAMBDA"):
            return self.lambda_(args)
        variable = _variable(raw)
        if any(variable in scope for scope in self.params):  # a LAMBDA bound by LET or passed in
            closures = self.arguments(raw, args)
            return lambda ctx: call(ctx, ctx.lets[variable], closures)
        spec, known = lookup(raw, self.date1904)
        if spec is None:
            if known:
                self.missing.add(known)
                name = known

                def missing(ctx: Context) -> Any:
                    raise Missing(name)

                return missing
            self.unknown.add(raw)  # #NAME?, unless the workbook defines it as a LAMBDA
            self.names.add(raw)
            closures = self.arguments(raw, args)
            return lambda ctx: call(ctx, ctx.env.name(raw, None, ctx, called=True), closures)
        closures = self.arguments(raw, args)
        if spec.defaults:
            closures = _with_defaults(spec, args, closures)
        if not self.arrays and known in _VALUE_FUNCTIONS and not (spec.refs or spec.lazy):
            closures = [_intersected(c) for c in closures]
        return limits.guarded(known, _call(spec, closures), closures)

    def arguments(self, raw: str, args: list[Any]) -> list[Closure]:
        """The closures of a call's arguments; those of the parameters that take arrays (and
        everything inside them) computed as arrays."""
        positions = _takes_arrays(raw)
        closures = []
        for i, arg in enumerate(args):
            arrays = positions is None or i in positions
            self.arrays += arrays
            try:
                closures.append(self.node(arg))
            finally:
                self.arrays -= arrays
        return closures

    def array(self, args: list[Any]) -> Closure:
        """An array constant {1,2;3,4}: rows of ARRAY(ARRAY(…), …)."""
        rows = [[self.node(cell) for cell in row[1]] if isinstance(row, tuple) else [self.node(row)] for row in args]

        def build(ctx: Context) -> Any:
            values = [[c(ctx) for c in row] for row in rows]
            width = max(len(r) for r in values)
            return np.array([r + [EMPTY] * (width - len(r)) for r in values], dtype=object)

        if all(isinstance(a, tuple) and a[0].name.upper() in ("ARRAY", "ARRAYROW") for a in args):
            return build
        only = [self.node(a) for a in args]
        return lambda ctx: np.array([[c(ctx) for c in only]], dtype=object)

    def _names(self, tokens: list[Any]) -> list[str] | None:
        names = []
        for token in tokens:
            if not (isinstance(token, Range) and token.attr.get("is_reference")):
                return None
            names.append(_variable(str(token.attr.get("ref", token.name)).upper()))
        return names

    def let(self, args: list[Any]) -> Closure:
        """LET(name1, value1, [name2, value2, …], calculation): each value sees the names before it."""
        names = self._names(args[:-1:2]) if len(args) >= 3 and len(args) % 2 else None
        if names is None:
            return lambda ctx: VALUE
        scope: set[str] = set()
        self.params.append(scope)
        self.arrays += 1
        values = []
        for name, expression in zip(names, args[1:-1:2]):
            values.append(self.node(expression))
            scope.add(name)
        body = self.node(args[-1])
        self.params.pop()
        self.arrays -= 1

        def run(ctx: Context) -> Any:
            saved = ctx.lets
            ctx.lets = dict(saved)
            try:
                for name, value in zip(names, values):
                    ctx.lets[name] = value(ctx)
                return body(ctx)
            finally:
                ctx.lets = saved

        return run

    def lambda_(self, args: list[Any]) -> Closure:
        """LAMBDA(param1, …, calculation): a function value, called by name or by LET."""
        names = self._names(args[:-1]) if args else None
        if names is None:
            return lambda ctx: VALUE
        self.params.append(set(names))
        self.arrays += 1
        body = self.node(args[-1])
        self.arrays -= 1
        self.params.pop()
        return lambda ctx: LambdaValue(tuple(names), body, dict(ctx.lets))


# Parameters whose argument Excel computes as an array even in a cell's ordinary formula
# (without Ctrl+Shift+Enter): positions from 0, None for all. LibreOffice's list of "ForceArray"
# parameters (sc/source/core/tool/parclass.cxx), which follows Excel's, and LOOKUP, INDEX and
# AGGREGATE, which take arrays in Excel; MATCH and the VLOOKUP family are kept whole too.
_ARRAY_PARAMETERS: dict[str, frozenset[int] | None] = {
    **dict.fromkeys(("SUMPRODUCT", "MMULT", "MDETERM", "MINVERSE", "CORREL", "COVAR", "COVARIANCE.P",
                     "COVARIANCE.S", "PEARSON", "RSQ", "SLOPE", "INTERCEPT", "STEYX", "FTEST", "F.TEST", "TTEST",
                     "T.TEST", "SUMX2MY2", "SUMX2PY2", "SUMXMY2", "MODE", "MODE.SNGL", "MODE.MULT", "LINEST",
                     "LOGEST", "TREND", "GROWTH", "AGGREGATE", "FREQUENCY"), None),
    "PROB": frozenset((0, 1)), "FORECAST": frozenset((1, 2)), "FORECAST.LINEAR": frozenset((1, 2)),
    "LOOKUP": frozenset((1, 2)), "INDEX": frozenset((0,)), "MATCH": frozenset((1,)),
    "VLOOKUP": frozenset((1,)), "HLOOKUP": frozenset((1,)),
    **dict.fromkeys(("FILTER", "SORT", "SORTBY", "UNIQUE", "SEQUENCE", "RANDARRAY", "XLOOKUP", "XMATCH", "LET", "LAMBDA",
                     "MAP", "REDUCE", "SCAN", "MAKEARRAY", "BYROW", "BYCOL", "CHOOSECOLS", "CHOOSEROWS", "DROP", "TAKE",
                     "EXPAND", "HSTACK", "VSTACK", "TOCOL", "TOROW", "WRAPCOLS", "WRAPROWS", "TEXTSPLIT", "GROUPBY",
                     "PIVOTBY", "ARRAYTOTEXT"), None),
}
_SCALAR: frozenset[int] = frozenset()


# Functions whose every parameter takes a single value: in a cell's ordinary formula a block
# passed to them is read by implicit intersection (=ABS(A1:A5) in row 3 is ABS(A3); outside
# the block, #VALUE!), as Excel computes formulas without dynamic arrays.
_VALUE_FUNCTIONS = frozenset("""
    ABS ACOS ACOSH ACOT ACOTH ASIN ASINH ATAN ATAN2 ATANH COS COSH COT COTH CSC CSCH SEC SECH SIN SINH TAN TANH
    DEGREES RADIANS EXP LN LOG LOG10 SQRT SQRTPI POWER MOD INT TRUNC ROUND ROUNDUP ROUNDDOWN EVEN ODD SIGN FACT
    FACTDOUBLE COMBIN COMBINA PERMUT QUOTIENT LOWER UPPER PROPER TRIM CLEAN LEN LENB LEFT LEFTB RIGHT RIGHTB MID MIDB
    REPT SUBSTITUTE REPLACE FIND FINDB SEARCH SEARCHB EXACT CHAR CODE UNICHAR UNICODE DOLLAR FIXED TEXT VALUE
    CONCATENATE NOT ISERR ISERROR ISNA ISNUMBER ISTEXT ISLOGICAL ISNONTEXT ISBLANK ISEVEN ISODD DATE TIME YEAR MONTH
    DAY HOUR MINUTE SECOND WEEKDAY DATEVALUE TIMEVALUE EDATE EOMONTH DAYS360 DEC2BIN DEC2HEX DEC2OCT BIN2DEC HEX2DEC
    OCT2DEC
""".split())


def _intersected(closure: Closure) -> Closure:
    return lambda ctx: operators.scalar_operand(ctx, closure(ctx))


def _takes_arrays(raw: str) -> frozenset[int] | None:
    """The argument positions of function ``raw`` computed as arrays (None: all of them): the
    functions above; every function written with a ``_xlfn.`` prefix (XLOOKUP, FILTER, LET …:
    Excel saves their formulas as array formulas wherever implicit intersection would change
    them); the workbook's own LAMBDAs and the KPI functions."""
    name = raw.split(".", 1)[1] if raw.startswith(("_XLFN.", "_XLWS.")) else raw
    if name != raw or name not in EXCEL_FUNCTIONS:
        return _ARRAY_PARAMETERS.get(name)
    return _ARRAY_PARAMETERS.get(name, _SCALAR)


def _is_lambda(tree: Any) -> bool:
    return isinstance(tree, tuple) and isinstance(tree[0], Function) and tree[0].name.upper() in ("LAMBDA", "_XLFN.LAMBDA")


def _union_items(tree: Any) -> list[Any]:
    """The arguments of an in-place LAMBDA call: "(a, b)" parses as a union."""
    if isinstance(tree, tuple) and isinstance(tree[0], Operator) and tree[0].name == ",":
        return [item for arg in tree[1] for item in _union_items(arg)]
    return [tree]


def _variable(name: str) -> str:
    """A LET/LAMBDA name as Excel writes it in files (``_xlpm.x``) or types it (``x``)."""
    return name.removeprefix("_XLPM.")


def _with_defaults(spec: Spec, args: list[Any], closures: list[Closure]) -> list[Closure]:
    """Arguments left empty replaced by their parameter's default (when it has one)."""
    parameters = list(inspect.signature(spec.impl).parameters.values())[1 if spec.refs or spec.lazy else 0:]
    result = []
    for i, (arg, closure) in enumerate(zip(args, closures)):
        parameter = parameters[i] if i < len(parameters) else None
        if (isinstance(arg, Empty) and parameter is not None and parameter.kind is not parameter.VAR_POSITIONAL
                and parameter.default is not parameter.empty):
            value = parameter.default
            closure = _constant(_constant(value)) if spec.lazy else _constant(value)
        result.append(closure)
    return result


def _constant(value: Any) -> Closure:
    return lambda ctx: value


def _call(spec: Spec, closures: list[Closure]) -> Closure:
    impl = spec.impl
    if spec.lazy:
        return lambda ctx: impl(ctx, *closures)
    if spec.refs:
        return lambda ctx: impl(ctx, *[c(ctx) for c in closures])
    if len(closures) == 1:
        (only,) = closures
        return lambda ctx: impl(ctx.env.value(only(ctx)))
    if len(closures) == 2:
        first, second = closures
        return lambda ctx: impl(ctx.env.value(first(ctx)), ctx.env.value(second(ctx)))
    return lambda ctx: impl(*[ctx.env.value(c(ctx)) for c in closures])


__all__ = ["FUNCTIONS", "Compiled", "Context", "Missing", "compile_shape", "compile_tree", "parse"]
