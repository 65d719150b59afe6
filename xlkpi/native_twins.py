"""Native Excel twins of the KPI functions: for each ``KPI_*`` call, a formula in functions that
Excel (2010 and later, Mac, web), LibreOffice and Google Sheets all have, giving the same value
with the same Excel semantics.

Each KPI declares its twin in the registry (``declare(…, twin=native_twins.ratio)`` in
:mod:`xlkpi.kpis`): a builder taking the call's :class:`Call` (its argument texts as written in
the formula) and returning a :class:`Twin` (the native formula text and whether it needs array
evaluation) — or None with the reason, for a KPI without a faithful twin (every KPI has one
today). :func:`twin_of` reads the declaration; a call whose arguments a twin cannot read raises
:class:`NoTwin`, and ``xlkpi export --native`` (:mod:`xlkpi.export`) leaves its cell as its
value. Standard library only, like the registry: :mod:`xlkpi.kpis` imports this module.

The conventions of KPI_SPEC, natively:

* a scalar number argument ``x`` is used as Excel arithmetic sees it (blank → 0, numeric text →
  its number, other text → ``#VALUE!``, TRUE → 1, an error → that error); a count or a fraction
  is ``IF(--x<0,--#NUM!,x)`` (with the other limits its declaration gives, if any); a blank
  optional argument takes its default (``IF(x="",d,…)``); a static multi-cell range where a
  number is expected is ``#VALUE!``;
* errors come out first-left-to-right: arguments appear in the formula in their order as the
  operands of arithmetic (Excel returns the left operand's error; ``--`` makes LibreOffice raise
  an error where it stands rather than when the operator is reached), and twins whose body
  reads them in another order are ``IF(ISERROR(a+b+…),a+b+…,body)``;
* range functions are single-cell array formulas (IF works element by element in every
  spreadsheet, without Ctrl+Shift+Enter), ranges of other orientations are TRANSPOSEd,
  ``SUMPRODUCT(LEN(a))`` brings out an error inside a range and ``SUMPRODUCT(LEN(a),LEN(b),…)``
  is ``#VALUE!`` for ranges of different sizes; booleans are made numbers (``*1``) before SUM, which ignores
  TRUE and FALSE in an array in Excel (LibreOffice adds them).

Known differences, by design, shared by every twin: a text "" returned by a formula in a scalar
argument is 0 for the function and ``#VALUE!`` natively (a typed blank is 0 in both); within a
range, a boolean or a numeric text is a number for the function and is ignored natively, a date
range holding text makes the time-difference twins ``#VALUE!``; when one range holds several
different errors, the twin may show another one of them than the first.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from .errors import XLError
from .formula_tokens import TOKEN
from .registry import REGISTRY, Kpi, Param
from .values import Kind

Shape = tuple[int, int]  # (rows, columns) of a range whose size the formula's text fixes
Builder = Callable[["Call"], "Twin"]

_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_STRING = re.compile(r'"((?:[^"]|"")*)"')


class NoTwin(Exception):
    """This call has no native twin (e.g. an argument of a form the twin cannot read)."""


@dataclass(frozen=True)
class Twin:
    """A native formula (without "="); ``array``: it must be evaluated as an array formula."""

    formula: str
    array: bool = False


def quote(text: str) -> str:
    """``text`` as an Excel string literal."""
    return '"' + text.replace('"', '""') + '"'


def _matching(tokens: list[re.Match[str]], start: int) -> int:
    """The index of the token closing the bracket opened at ``tokens[start]``."""
    depth = 0
    for i in range(start, len(tokens)):
        char = tokens[i].group(0)
        if tokens[i].lastgroup == "other" and char in "({":
            depth += 1
        elif tokens[i].lastgroup == "other" and char in ")}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def atom(text: str) -> str:
    """``text`` as an operand: as is when it is one reference, name, literal or function call,
    else in parentheses."""
    tokens = [t for t in TOKEN.finditer(text) if not t.group(0).isspace()]
    if len(tokens) == 1 and tokens[0].lastgroup in ("ref", "word", "number", "string", "table"):
        return text
    if len(tokens) > 2 and tokens[0].lastgroup == "word" and tokens[1].group(0) == "(" \
            and _matching(tokens, 1) == len(tokens) - 1:
        return text
    return f"({text})"


class Call:
    """The arguments of one ``KPI_*`` call as written, and their native renderings.

    ``shape_of`` gives the size of a range argument when its text fixes it (a reference, or a
    defined name for one), else None.
    """

    def __init__(self, kpi: Kpi, texts: Sequence[str], shape_of: Callable[[str], Shape | None] = lambda _: None):
        if len(texts) > len(kpi.params):
            raise NoTwin(f"{kpi.name} takes at most {len(kpi.params)} arguments")
        self.kpi = kpi
        self.texts = [t.strip() for t in texts] + [""] * (len(kpi.params) - len(texts))
        required = sum(not p.optional for p in kpi.params)
        if len(texts) < required:
            raise NoTwin(f"{kpi.name} needs {required} arguments")
        self.shapes = [shape_of(t) if t else None for t in self.texts]

    # --- what an argument is

    def param(self, i: int) -> Param:
        return self.kpi.params[i]

    def given(self, i: int) -> bool:
        """The argument is written and is not the literal "" (either is a blank argument)."""
        return self.texts[i] not in ("", '""')

    def literal(self, i: int) -> str | None:
        """The argument's value when it is a string literal (stripped), else None."""
        match = _STRING.fullmatch(self.texts[i])
        return match.group(1).replace('""', '"').strip() if match else None

    def _multi_cell(self, i: int) -> bool:
        shape = self.shapes[i]
        return shape is not None and shape[0] * shape[1] > 1

    def _default(self, i: int) -> str:
        param = self.param(i)
        if param.optional and param.default is not None:
            return _number(param.default)
        return "0"

    # --- scalar numbers

    def num(self, i: int) -> str:
        """The argument as a checked operand of arithmetic: its error, ``#NUM!`` for a negative
        count or fraction, or a value arithmetic reads as the function's number."""
        return self._scalar(i, checked=True)

    def val(self, i: int) -> str:
        """The argument's number for comparisons (its errors already brought out by :meth:`num`)."""
        return self._scalar(i, checked=False)

    def _scalar(self, i: int, checked: bool) -> str:
        text, param = self.texts[i], self.param(i)
        if not self.given(i):
            return self._default(i)
        if self._multi_cell(i):
            return "#VALUE!"
        limits = _limits(param, "--" + atom(text))
        if _NUMBER.fullmatch(text):
            return "--#NUM!" if checked and limits and isinstance(param.clean(float(text)), XLError) else text
        x = atom(text)
        if not checked:
            core = f"(--{x})"
        elif limits:
            core = f"IF({_any(limits)},--#NUM!,{x})"
        elif any(_limits(p, "x") for p in self.kpi.params[i + 1:]):
            # LibreOffice lets an error raised inside a later IF win over an error value an
            # earlier operand only holds; negating it raises its error first, as Excel returns it
            core = f"(--{x})"
        else:
            core = x
        if param.optional and param.default is not None:
            return f'IF({x}="",{self._default(i)},{core})'
        return core

    def text_of(self, i: int) -> str:
        """A text argument, trimmed, for comparisons (its default when blank)."""
        x = atom(self.texts[i])
        default = quote(str(self.param(i).default)) if self.param(i).default is not None else '""'
        return f'IF({x}="",{default},TRIM({x}))' if self.param(i).optional else f"TRIM({x})"

    # --- ranges

    def orientation(self, indexes: Sequence[int]) -> str | None:
        """"row" or "column": the orientation of the first 1-D range among ``indexes`` whose size is known."""
        for i in indexes:
            shape = self.shapes[i]
            if shape is not None and self.given(i) and (shape[0] == 1) != (shape[1] == 1):
                return "row" if shape[0] == 1 else "column"
        return None

    def rng(self, i: int, orientation: str | None) -> str:
        """The range argument, TRANSPOSEd when it runs the other way than ``orientation``."""
        x = atom(self.texts[i])
        shape = self.shapes[i]
        one_d = shape is not None and (shape[0] == 1) != (shape[1] == 1)
        if orientation and shape is not None and one_d and ("row" if shape[0] == 1 else "column") != orientation:
            return f"TRANSPOSE({x})"
        return x


def _number(value: float) -> str:
    return repr(value).removesuffix(".0") if isinstance(value, float) else str(value)


def _limits(param: Param, x: str) -> list[str]:
    """The conditions under which the number ``x`` breaks the parameter's declared limits (#NUM!)."""
    if param.kind is Kind.TEXT or param.kind.is_range:
        return []
    low, high = param.minimum, param.maximum
    strict = "=" if param.exclusive else ""
    return [*([f"{x}<{strict}{_number(low)}"] if low is not None else []),
            *([f"{x}>{strict}{_number(high)}"] if high is not None else []),
            *([f"{x}<>INT({x})"] if param.whole else [])]


def _any(conditions: Sequence[str]) -> str:
    """The condition that one of ``conditions`` holds (FALSE for none)."""
    if not conditions:
        return "FALSE"
    return conditions[0] if len(conditions) == 1 else f"OR({','.join(conditions)})"


def _broken(param: Param, x: str) -> str:
    """The condition that the number ``x`` breaks the parameter's declared limits."""
    return _any(_limits(param, x))


def guard(call: Call, arguments: Sequence[int], sized: Sequence[int] = (), orientation: str | None = None) -> str:
    """A number, or the first error among ``arguments`` in their order, as the function finds
    them: an error inside a range, a scalar's error or broken limit; then #VALUE! when the
    ``sized`` ranges differ in size."""
    parts = []
    for i in arguments:
        if not call.given(i):
            continue
        if call.param(i).kind.is_range:
            if call.literal(i) is None:
                parts.append(f"--SUMPRODUCT(LEN({atom(call.texts[i])}))")
        elif call.param(i).kind is Kind.TEXT:
            parts.append(f"LEN({atom(call.texts[i])})")
        else:
            parts.append(call.num(i))
    given = [i for i in sized if call.given(i)]
    if len(given) > 1:
        parts.append("SUMPRODUCT(" + ",".join(f"LEN({call.rng(i, orientation)})" for i in given) + ")")
    return "+".join(parts)


def _with_criteria(call: Call, sized: tuple[int, ...], criteria_range: int) -> tuple[int, ...]:
    """The ranges whose sizes must agree: the criteria range counts only with its criteria."""
    return (*sized, criteria_range) if call.given(criteria_range) and call.given(criteria_range + 1) else sized


def first_error_then(pre: str, body: str) -> str:
    """``body``, unless ``pre`` is an error: then that error. (``0*pre+body`` would do in Excel;
    LibreOffice lets an error raised later in ``body`` win over one ``pre`` merely holds.)"""
    return f"IF(ISERROR({pre}),{pre},{body})" if pre else body


def _mask(call: Call, criteria_range: int, criteria: int, orientation: str | None) -> str:
    """``*(…)``: the rows whose criteria cell equals the criteria (case-insensitive, trimmed),
    or "" when no criteria is given."""
    if not (call.given(criteria_range) and call.given(criteria)):
        return ""
    column = f"TRIM({call.rng(criteria_range, orientation)})"
    wanted = call.literal(criteria)
    if wanted is not None:
        return f"*({column}={quote(wanted)})"
    x = atom(call.texts[criteria])
    return f'*(({column}=TRIM({x}))+({x}="")>0)'


# --- the twins, one builder per shape of function -----------------------------------------------


def ratio(call: Call) -> Twin:
    """part / total (every rate, the cost per …, average call length)."""
    return Twin(f"{call.num(0)}/{call.num(1)}")


def roi(call: Call) -> Twin:
    revenue, cost = call.num(0), call.num(1)
    net, gross = f"({revenue}-{cost})/{cost}", f"{revenue}/{cost}"
    if not call.given(2):
        return Twin(net)
    mode = call.literal(2)
    if mode is not None or _NUMBER.fullmatch(call.texts[2]):
        word = (mode or call.texts[2]).casefold()
        return Twin({"net": net, "ratio": gross}.get(word, f"({revenue}-{cost})+#VALUE!"))
    m = call.text_of(2)
    return Twin(f'IF(ISERROR({revenue}-{cost}),{revenue}-{cost},'
                f'IF({m}="ratio",{gross},IF({m}="net",{net},#VALUE!)))')


def breakeven_cost(call: Call) -> Twin:
    return Twin(f"{call.num(0)}*{call.num(1)}")


def uplift(call: Call) -> Twin:
    """(after − before) / before, written so that ``before``'s error comes first."""
    before, after = call.num(0), call.num(1)
    return Twin(f"-({before}-{after})/{before}")


def gain(call: Call) -> Twin:
    before, after = call.num(0), call.num(1)
    return Twin(f"-({before}-{after})*{call.num(2)}")


def no_reply_rate(call: Call) -> Twin:
    replies, base = call.num(0), call.num(1)
    return Twin(f"-({replies}-{base})/{base}")


def avg_days(call: Call) -> Twin:
    o = call.orientation((0, 1, 2))
    s, e = call.rng(0, o), call.rng(1, o)
    rows = f"ISNUMBER({s})*ISNUMBER({e}){_mask(call, 2, 3, o)}"
    body = f"SUM(IF({rows},{e}-{s},0))/SUM({rows})"
    return Twin(first_error_then(guard(call, range(4), _with_criteria(call, (0, 1), 2), o), body), array=True)


def share_within(call: Call) -> Twin:
    o = call.orientation((0, 1, 3))
    s, e, hours = call.rng(0, o), call.rng(1, o), call.val(2)
    mask = _mask(call, 3, 4, o)
    fast = f"IF(ISNUMBER({s})*ISNUMBER({e}),({e}-{s}>=0)*(({e}-{s})*24<={hours}+1E-9),0)"
    body = f"SUM({fast}{mask})/SUM(ISNUMBER({s})*1{mask})"
    return Twin(first_error_then(guard(call, range(5), _with_criteria(call, (0, 1), 3), o), body), array=True)


def churn(call: Call) -> Twin:
    o = call.orientation((0, 1, 2, 4))
    replied, met, status = call.rng(0, o), call.rng(1, o), call.rng(2, o)
    engaged = f"(ISNUMBER({replied})+ISNUMBER({met})>0)*1{_mask(call, 4, 5, o)}"
    listed = call.literal(3) if call.given(3) else call.param(3).default
    if listed is not None:
        words = [w.strip() for w in listed.split(";") if w.strip()]
        dropped = f"ISNUMBER(MATCH(TRIM({status}),{{{','.join(map(quote, words))}}},0))" if words else "0"
    else:
        dropped = f"ISNUMBER(MATCH(TRIM({status}),{atom(call.texts[3])},0))"
    body = f'SUM({engaged}*(TRIM({status})<>"")*{dropped})/SUM({engaged})'
    return Twin(first_error_then(guard(call, range(6), _with_criteria(call, (0, 1, 2), 4), o), body), array=True)


def attributed_revenue(call: Call) -> Twin:
    o = call.orientation((0, 1, 2, 4))
    first, signed, revenue, window = call.rng(0, o), call.rng(1, o), call.rng(2, o), call.val(3)
    within = f"IF(ISNUMBER({first})*ISNUMBER({signed}),({signed}-{first}>=0)*({signed}-{first}<={window}),0)"
    body = f"SUM({within}{_mask(call, 4, 5, o)}*IF(ISNUMBER({revenue}),{revenue},0))"
    return Twin(first_error_then(guard(call, range(6), _with_criteria(call, (0, 1, 2), 4), o), body), array=True)


def slot_reply_rate(call: Call) -> Twin:
    o = call.orientation((0, 1))
    sent, replied, day = call.rng(0, o), call.rng(1, o), call.val(2)
    slot = f"(MOD(INT({sent})-2,7)+1={day})"
    checks = _broken(call.param(2), day)
    if call.given(3):
        hour, x = call.val(3), atom(call.texts[3])
        at_hour = f"(INT(MOD({sent},1)*24+1E-9)={hour})"
        bad_hour = _broken(call.param(3), hour)
        if _NUMBER.fullmatch(call.texts[3]):
            slot += f"*{at_hour}"
            checks = f"OR({checks},{bad_hour})"
        else:
            slot += f'*(({at_hour}+({x}=""))>0)'
            checks = f'OR({checks},IF({x}="",FALSE,{bad_hour}))'
    rows = f"IF(ISNUMBER({sent}),{slot}*1,0)"
    sizes = guard(call, (), (0, 1), o)  # the function checks the weekday and the hour first
    body = f"IF({checks},#NUM!,{first_error_then(sizes, f'SUM({rows}*ISNUMBER({replied}))/SUM({rows})')})"
    return Twin(first_error_then(guard(call, range(4), (), o), body), array=True)


def _one_of(x: str, words: Collection[str]) -> str:
    """True (non-zero) when the text ``x`` is one of ``words``: MATCH compares case-insensitively;
    a blank is tested apart, when "" is one of them."""
    listed = sorted(w for w in words if w)
    found = f"ISNUMBER(MATCH({x},{{{','.join(map(quote, listed))}}},0))" if listed else "0"
    return f'({x}="")+{found}' if "" in words else found


def channel_score(lower_is_better: Collection[str], higher_is_better: Collection[str]) -> Builder:
    """The twin of a score reading each direction word among these (lower case) words."""

    def build(call: Call) -> Twin:
        return _channel_score(call, lower_is_better, higher_is_better)

    return build


def _channel_score(call: Call, lower_words: Collection[str], higher_words: Collection[str]) -> Twin:
    o = call.orientation((0, 1, 2, 3))
    v, t, w = (f"IF(ISNUMBER({r}),{r},0)" for r in (call.rng(i, o) for i in range(3)))
    if call.given(3):
        d = f"TRIM({call.rng(3, o)})"
        lower, higher = _one_of(d, lower_words), _one_of(d, higher_words)
        unknown = f"(1-{lower}-({higher})>0)"
        ratio_ = f"IF({lower},IF({v}<=0,1,IF({t}/{v}>1,1,{t}/{v})),IF({v}/{t}>1,1,IF({v}/{t}<0,0,{v}/{t})))"
    else:
        unknown = "FALSE"
        ratio_ = f"IF({v}/{t}>1,1,IF({v}/{t}<0,0,{v}/{t}))"
    bad = f"(({w}<0)+({t}<=0)>0)"
    # the first bad row decides, a bad target or weight before an unknown direction, as the function reads them
    errors = (f"IF(SUM({bad}+{unknown}),IF(IFERROR(MATCH(TRUE,{bad},0),1E+9)<=IFERROR(MATCH(TRUE,{unknown},0),1E+9),"
              f"#NUM!,#VALUE!),")
    body = f"{errors}10*(SUM({w}*{ratio_})/SUM({w})))"
    return Twin(first_error_then(guard(call, range(4), (0, 1, 2, 3), o), body), array=True)


def band(call: Call) -> Twin:
    o = call.orientation((1, 2))
    value, bounds = call.val(0), call.rng(1, o)
    raw = atom(call.texts[1])
    if not any(t.lastgroup in ("ref", "word") for t in TOKEN.finditer(raw)):
        raise NoTwin("KPI_BAND's bounds are not a range (ROW and COLUMN need a reference)")
    index = f"ROW({raw})-MIN(ROW({raw}))+COLUMN({raw})-MIN(COLUMN({raw}))+1"
    found = f"SUM(({bounds}<={value})*1)"
    body = (f"IF(SUM(NOT(ISNUMBER({bounds}))*1),#VALUE!,IF(SUM(({raw}<>SMALL({raw},{index}))*1),#VALUE!,"
            f"IF({found}=0,#N/A,INDEX({atom(call.texts[2])},{found})&\"\")))")
    return Twin(first_error_then(guard(call, range(3), (1, 2), o), body), array=True)


@dataclass(frozen=True)
class _ZTest:
    """The two-proportion z-test of an A/B call, natively: the counts, the pooled rate, the
    p-value, and the opening of the checks on the counts (four IFs to close)."""

    sa: str
    na: str
    sb: str
    nb: str

    @property
    def pooled(self) -> str:
        return f"({self.sa}+{self.sb})/({self.na}+{self.nb})"

    @property
    def p_value(self) -> str:
        se = f"SQRT({self.pooled}*(1-{self.pooled})*(1/{self.na}+1/{self.nb}))"
        return f"IF({se}=0,1,ERFC(ABS(({self.sa}/{self.na}-{self.sb}/{self.nb})/{se})/SQRT(2)))"

    @property
    def checks(self) -> str:
        return f"IF({self.na}=0,#DIV/0!,IF({self.sa}>{self.na},#NUM!,IF({self.nb}=0,#DIV/0!,IF({self.sb}>{self.nb},#NUM!,"


def _z_test(call: Call) -> _ZTest:
    return _ZTest(*(call.val(i) for i in range(4)))


def ab_pvalue(call: Call) -> Twin:
    test = _z_test(call)
    pre = "+".join(call.num(i) for i in range(4))
    return Twin(first_error_then(pre, f"{test.checks}{test.p_value}))))"))


def ab_verdict(verdicts: Mapping[str, tuple[str, ...]]) -> Builder:
    """The twin of an A/B verdict in the words ``verdicts[lang]``: A better, B better, no
    significant difference, not enough data."""

    def build(call: Call) -> Twin:
        return _ab_verdict(call, verdicts)

    return build


def _ab_verdict(call: Call, verdicts: Mapping[str, tuple[str, ...]]) -> Twin:
    t = _z_test(call)
    alpha = call.val(4)

    def verdict(words: tuple[str, ...]) -> str:
        a_better, b_better, same, too_few = map(quote, words)
        expected = f"MIN({t.na}*{t.pooled},{t.na}*(1-{t.pooled}),{t.nb}*{t.pooled},{t.nb}*(1-{t.pooled}))"
        return (f"IF({_broken(call.param(4), alpha)},#NUM!,{t.checks}IF({expected}<5,{too_few},"
                f"IF({t.p_value}>={alpha},{same},IF({t.sa}/{t.na}>{t.sb}/{t.nb},{a_better},{b_better}))))))))")

    numbers = "+".join(call.num(i) for i in range(5))
    lang = call.literal(5) if call.given(5) else call.param(5).default
    if lang is not None:
        words = verdicts.get(lang.casefold())
        return Twin(first_error_then(numbers, verdict(words) if words else "#VALUE!"))
    code = call.text_of(5)
    body = "#VALUE!"
    for language, words in list(verdicts.items())[::-1]:
        body = f"IF({code}={quote(language)},{verdict(words)},{body})"
    return Twin(first_error_then(f"{numbers}+LEN({atom(call.texts[5])})", body))


def wilson(sign: str) -> Builder:
    def build(call: Call) -> Twin:
        s, n, c = call.val(0), call.val(1), call.val(2)
        z = f"NORMSINV(0.5+{c}/2)"
        p = f"{s}/{n}"
        bound = (f"({p}+{z}*{z}/(2*{n}){sign}{z}*SQRT({p}*(1-{p})/{n}+{z}*{z}/(4*{n}*{n})))"
                 f"/(1+{z}*{z}/{n})")
        pre = "+".join(call.num(i) for i in range(3))
        return Twin(first_error_then(pre, f"IF({n}=0,#DIV/0!,IF({s}>{n},#NUM!,IF({_broken(call.param(2), c)},#NUM!,{bound})))"))

    return build


def twin_of(name: str, texts: Sequence[str], shape_of: Callable[[str], Shape | None] = lambda _: None) -> Twin:
    """The native twin of the call ``name(texts…)``, as the KPI's declaration builds it; raises
    NoTwin when there is none."""
    kpi = REGISTRY.get(name)
    if kpi is None:
        raise NoTwin(f"{name} is not a KPI function")
    if kpi.twin is None:
        raise NoTwin(kpi.twin_note)
    return kpi.twin(Call(kpi, texts, shape_of))
