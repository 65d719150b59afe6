"""Excel's number-format codes (the ``TEXT`` function, a cell's display), en-US symbols.

A code has up to four sections ``positive;negative;zero;text``, or sections chosen by
conditions (``[<100]``). Within a section: literal text (``"…"``, ``\\x``, other symbols),
``_x`` (a space), ``*x`` (fill: dropped), colours (dropped), ``[$€-407]`` (its symbol); digit
placeholders ``0 # ?``, ``.``, ``,`` (thousands, or ÷1000 after the last digit), ``%``,
``E+``/``E-`` (scientific), ``/`` (fractions); dates and times (``d … dddd m … mmmmm yy yyyy
h hh m mm s ss AM/PM A/P``, ``[h]`` ``[mm]`` ``[ss]`` elapsed, ``ss.00``); ``@`` (the text);
``General``. Numbers round half away from zero on their 15-significant-digit decimal value, as
Excel's do. :func:`format_value` answers ``None`` where Excel answers #VALUE! (a date out of
range).
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ..xlsx.dates import EXCEL_EPOCH

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday")  # serial % 7
MAX_SERIAL = 2958466  # 10000-01-01: the first serial Excel cannot show as a date

# --- tokens -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lit:
    """Literal text."""

    text: str


@dataclass(frozen=True)
class Code:
    """A code: ``0 # ?`` (digits), ``.`` ``,`` ``%`` ``/`` ``@``, ``E+``/``E-``, ``General``,
    a date/time code (``yyyy``, ``mm``, ``[h]`` …, ``AM/PM``, ``A/P``)."""

    text: str


Token = Lit | Code

_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*(-?[\d.]+(?:[eE][+-]?\d+)?)\]")
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)
_LETTERS = frozenset("egb")  # the bare letters Excel takes besides date codes (eras, Buddhist years)
_DATE_RUN = re.compile(r"y+|m+|d+|h+|s+|am/pm|a/p", re.IGNORECASE)
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b, ">": lambda a, b: a > b, "=": lambda a, b: a == b,
    "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b, "<>": lambda a, b: a != b,
}


@dataclass(frozen=True)
class Section:
    tokens: tuple[Token, ...]
    condition: tuple[str, float] | None

    @functools.cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(t.text[0].lower() for t in self.tokens if isinstance(t, Code))

    @property
    def is_date(self) -> bool:
        return bool(self.codes & set("ymdhs[a"))

    @property
    def is_text(self) -> bool:
        return "@" in self.codes

    @property
    def shows_number(self) -> bool:
        return bool(self.codes & set("0#?g"))

    @property
    def for_negatives(self) -> bool:
        """A condition ``[<0]``, ``[<=-1]`` …: the section writes its own sign."""
        return self.condition is not None and self.condition[0] in ("<", "<=") and self.condition[1] <= 0

    def accepts(self, value: float) -> bool:
        assert self.condition is not None
        op, bound = self.condition
        return _COMPARE[op](value, bound)


def _split(code: str) -> list[str]:
    """The sections of a code: split on ``;`` outside quotes, brackets and escapes."""
    sections, current, i = [], "", 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = len(code) if end < 0 else end + 1
            current += code[i:end]
            i = end
            continue
        if ch in "\\_*" and i + 1 < len(code):
            current += code[i:i + 2]
            i += 2
            continue
        if ch == "[":
            end = code.find("]", i)
            end = len(code) if end < 0 else end + 1
            current += code[i:end]
            i = end
            continue
        if ch == ";":
            sections.append(current)
            current = ""
        else:
            current += ch
        i += 1
    sections.append(current)
    return sections


def _bracket(body: str) -> Token | tuple[str, float] | None:
    """What ``[body]`` means: an elapsed code, a condition, a currency symbol, or nothing."""
    text = f"[{body}]"
    if _ELAPSED.fullmatch(text):
        return Code(text.lower())
    condition = _CONDITION.fullmatch(text)
    if condition:
        return condition.group(1), float(condition.group(2))
    if body.startswith("$"):
        return Lit(body[1:].split("-", 1)[0])
    return None  # a colour, [DBNum1] …


def _tokens(section: str) -> tuple[tuple[Token, ...], tuple[str, float] | None]:
    tokens: list[Token] = []
    condition = None
    i = 0
    while i < len(section):
        ch, rest = section[i], section[i:]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            tokens.append(Lit(section[i + 1:end]))
            i = end + 1
        elif ch in "\\_*":
            if ch == "\\":
                tokens.append(Lit(section[i + 1:i + 2]))
            elif ch == "_":
                tokens.append(Lit(" "))
            i += 2
        elif ch == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            meaning = _bracket(section[i + 1:end])
            if isinstance(meaning, tuple):
                condition = meaning
            elif meaning is not None:
                tokens.append(meaning)
            i = end + 1
        elif rest[:7].lower() == "general":
            tokens.append(Code("General"))
            i += 7
        elif rest[:2].upper() in ("E+", "E-"):
            tokens.append(Code(rest[:2].upper()))
            i += 2
        elif ch in "0#?.,%/@":
            tokens.append(Code(ch))
            i += 1
        else:
            run = _DATE_RUN.match(section, i)
            if run:
                tokens.append(Code(run.group()))
                i = run.end()
            elif ch.isascii() and ch.isalpha() and ch.lower() not in _LETTERS:
                raise ValueError(f"not a format code: {section!r}")  # a bare word: Excel refuses the code
            else:
                tokens.append(Lit(ch))
                i += 1
    return tuple(tokens), condition


@functools.lru_cache(maxsize=512)
def parse(code: str) -> tuple[Section, ...]:
    """The sections of a format code (at most four); ValueError for a code with a bare word."""
    return tuple(Section(*_tokens(part)) for part in _split(code)[:4])


# --- choosing a section ---------------------------------------------------------------------------


def _pick(sections: tuple[Section, ...], value: float) -> tuple[Section | None, bool]:
    """The section for a number, and whether it shows the number's minus sign."""
    numeric = list(sections)
    if len(numeric) < 4 and numeric[-1].is_text:
        numeric.pop()
    if not numeric:
        return None, True
    first, second = numeric[0], numeric[1] if len(numeric) > 1 else None
    if first.condition or (second and second.condition):
        for section in numeric[:2]:
            if section.condition and section.accepts(value):
                return section, not section.for_negatives
        rest = numeric[2 if first.condition and second and second.condition else 1:]
        return (rest[0] if rest else None), True
    if value < 0 and second is not None:
        return second, False
    if value == 0 and len(numeric) > 2:
        return numeric[2], True
    return first, True


def format_value(value: float | str, code: str) -> str | None:
    """``value`` (a number, or text) shown with the format ``code``; None where Excel has no answer
    (a code Excel refuses, as one with a bare word: "foo")."""
    try:
        sections = parse(code)
    except ValueError:
        return None
    if isinstance(value, str):
        text = sections[3] if len(sections) == 4 else sections[-1] if sections[-1].is_text else None
        return value if text is None else _render_text(text, value)
    section, signed = _pick(sections, value)
    if section is None:
        return general(value)
    if section.is_date:
        return _render_date(section, value, signed)
    body = _render_number(section, abs(value))
    return "-" + body if signed and value < 0 and section.shows_number else body


def _render_text(section: Section, text: str) -> str:
    return "".join(text if t == Code("@") else t.text for t in section.tokens if isinstance(t, Lit) or t == Code("@"))


# --- General ----------------------------------------------------------------------------------------


def decimal15(number: float) -> Decimal:
    """A float as Excel sees it: its decimal value to 15 significant digits."""
    return Decimal(f"{number:.15g}")


def round_half_up(number: Decimal, places: int) -> Decimal:
    """``number`` rounded half away from zero to ``places`` decimals (negative: tens …)."""
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def strip_zeros(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scientific(number: Decimal, decimals: int | None = None) -> str:
    """``1.5E+07``: the mantissa to ``decimals`` places (all its digits if None), trailing zeros dropped."""
    mantissa, exponent = (f"{number:.{decimals}E}" if decimals is not None else f"{number:E}").split("E")
    return f"{strip_zeros(mantissa)}E{exponent[0]}{int(exponent[1:]):02d}"


def general(number: float) -> str:
    """Excel's General format: at most 11 characters (not counting a minus sign)."""
    if number == 0:
        return "0"
    sign, d = ("-" if number < 0 else ""), abs(decimal15(number))
    exponent = d.adjusted()
    if -4 <= exponent <= 10:
        fixed = strip_zeros(f"{round_half_up(d, max(9 - max(exponent, 0), 0)):f}")
        if len(fixed) <= 11:
            return sign + fixed
    elif -9 <= exponent < 0 and len(f"{d:f}") <= 11:
        return sign + f"{d:f}"
    return sign + _scientific(d, 5)


def number_text(number: float) -> str:
    """A number as Excel turns it into text (``&``, CONCAT): 15 significant digits,
    scientific from 1E+15 (and below 1E-10), but for a number of 16 digits that 15 significant
    digits hold exactly ("x"&1.2E15 is x1200000000000000; 2^53 is 9.00719925474099E+15)."""
    if number == 0:
        return "0"
    d = decimal15(number)
    exact = d.adjusted() == 15 and Decimal(number) == d
    return strip_zeros(f"{d:f}") if -10 <= d.adjusted() < 15 or exact else _scientific(d)


# --- numbers ------------------------------------------------------------------------------------------

_DIGITS = frozenset("0#?")


def _is_digit(token: Token) -> bool:
    return isinstance(token, Code) and token.text in _DIGITS


def _render_number(section: Section, number: float) -> str:
    tokens = list(section.tokens)
    if Code("General") in tokens:
        return "".join(general(number) if t == Code("General") else t.text for t in tokens)
    number *= 100 ** tokens.count(Code("%"))
    tokens, scale = _scaling_commas(tokens)
    number /= 1000 ** scale
    exponent = next((i for i, t in enumerate(tokens) if t in (Code("E+"), Code("E-"))), None)
    if exponent is not None:
        return _render_scientific(tokens, exponent, number)
    slash = _fraction_slash(tokens)
    if slash is not None:
        return _render_fraction(tokens, slash, number)
    return _render_fixed(tokens, number)


def _scaling_commas(tokens: list[Token]) -> tuple[list[Token], int]:
    """A run of commas right after a digit placeholder and right before the decimal point or
    after the last placeholder divides by 1000 each (``#,##0,``, ``###0,.00``); a comma between
    placeholders of the integer part groups thousands; any other is literal."""
    digits = [i for i, t in enumerate(tokens) if _is_digit(t)]
    if not digits:
        return [Lit(",") if t == Code(",") else t for t in tokens], 0
    point = next((i for i, t in enumerate(tokens) if t == Code(".")), len(tokens))
    last_whole = max((i for i in digits if i < point), default=-1)
    scale, kept = 0, []
    for i, token in enumerate(tokens):
        if token == Code(","):
            run_start, run_end = i, i
            while run_start > 0 and tokens[run_start - 1] == Code(","):
                run_start -= 1
            while run_end + 1 < len(tokens) and tokens[run_end + 1] == Code(","):
                run_end += 1
            after = tokens[run_end + 1] if run_end + 1 < len(tokens) else None
            if run_start - 1 in digits and (after == Code(".") or run_start > digits[-1]):
                scale += 1
                continue
            if not digits[0] < i < last_whole:
                token = Lit(",")
        kept.append(token)
    return kept, scale


def _render_fixed(tokens: list[Token], number: float) -> str:
    point = next((i for i, t in enumerate(tokens) if t == Code(".")), len(tokens))
    decimals = sum(1 for t in tokens[point:] if _is_digit(t))
    if not decimals and not any(_is_digit(t) for t in tokens):
        return "".join(t.text for t in tokens)  # no placeholder: the literals alone
    rounded = f"{round_half_up(decimal15(number), decimals):f}"
    whole, _, fraction = rounded.partition(".")
    integer = _integer(tokens[:point], "" if whole == "0" else whole)
    return integer + _decimals(tokens[point:], fraction)


def _integer(tokens: list[Token], digits: str) -> str:
    """The integer part: digits fill the placeholders from the right, the leftmost takes the
    rest; with a thousands comma, commas go between every third digit (a ``?`` left blank
    counts as a digit there, and its comma is a space)."""
    places = [i for i, t in enumerate(tokens) if _is_digit(t)]
    if not places:
        return digits + "".join(t.text for t in tokens)
    pieces: list[tuple[str, bool]] = []  # right to left, one character each; True: a digit's place
    remaining = digits
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if i in places:
            take = remaining if i == places[0] else remaining[-1:]
            remaining = remaining[:len(remaining) - len(take)]
            pieces.extend((ch, True) for ch in reversed(take or {"0": "0", "?": " ", "#": ""}[token.text]))
        elif token != Code(","):
            pieces.extend((ch, False) for ch in reversed(token.text))
    if Code(",") in tokens:
        return "".join(reversed(_group(pieces)))
    return "".join(ch for ch, _ in reversed(pieces))


def _group(pieces: list[tuple[str, bool]]) -> list[str]:
    """Thousands commas between digits (``pieces`` right to left): a space between blanks."""
    out: list[str] = []
    count = 0
    for ch, place in pieces:
        if place:
            if count and count % 3 == 0:
                out.append("," if ch.isdigit() else " ")
            count += 1
        out.append(ch)
    return out


def _decimals(tokens: list[Token], fraction: str) -> str:
    """The point and the decimals: '#' drops trailing zeros, '?' shows them as spaces."""
    significant = len(fraction.rstrip("0"))
    out, k = [], 0
    for token in tokens:
        if _is_digit(token):
            digit = fraction[k]
            out.append(digit if k < significant or token.text == "0" else " " if token.text == "?" else "")
            k += 1
        else:
            out.append(token.text)
    return "".join(out)


def _render_scientific(tokens: list[Token], at: int, number: float) -> str:
    """``0.00E+00``; ``##0.0E+0`` (engineering: the exponent a multiple of the '#…0' width)."""
    mantissa_tokens, exponent_tokens = tokens[:at], tokens[at + 1:]
    point = next((i for i, t in enumerate(mantissa_tokens) if t == Code(".")), len(mantissa_tokens))
    whole_places = [t.text for t in mantissa_tokens[:point] if _is_digit(t)]
    decimals = sum(1 for t in mantissa_tokens[point:] if _is_digit(t))
    width = max(len(whole_places), 1)
    step = width if whole_places[:1] == ["#"] else 1

    def shift_of(d: Decimal) -> int:
        return 0 if not d else d.adjusted() // step * step if step > 1 else d.adjusted() - width + 1

    d = decimal15(number)
    shift = shift_of(d)
    mantissa = round_half_up(d.scaleb(-shift), decimals)
    if mantissa >= 10 ** (step if step > 1 else width):  # rounding carried into one more digit
        shift = shift_of(mantissa.scaleb(shift))
        mantissa = round_half_up(d.scaleb(-shift), decimals)
    whole, _, fraction = f"{mantissa:f}".partition(".")
    text = _integer(mantissa_tokens[:point], "" if whole == "0" else whole) + _decimals(mantissa_tokens[point:], fraction)
    sign = "-" if shift < 0 else ("+" if tokens[at] == Code("E+") else "")
    places = sum(1 for t in exponent_tokens if _is_digit(t))
    return f"{text}E{sign}{abs(shift):0{places}d}" + "".join(t.text for t in exponent_tokens if not _is_digit(t))


def _fraction_slash(tokens: list[Token]) -> int | None:
    """The ``/`` of a fraction: a digit placeholder before it, one (or a fixed denominator) after
    it, literals allowed in between (``# ?=/=?``)."""
    for i, token in enumerate(tokens):
        if token == Code("/") and any(_is_digit(t) for t in tokens[:i]):
            after = next((t for t in tokens[i + 1:] if not (isinstance(t, Lit) and not t.text.isdigit())), None)
            if after is not None and (_is_digit(after) or isinstance(after, Lit)):
                return i
    return None


def _render_fraction(tokens: list[Token], slash: int, number: float) -> str:
    """``# ?/?``, ``?/8``, ``#\\:? ?0#/000``: a whole part (when the code has placeholders before
    the numerator's), a separator, the numerator's placeholders, the slash (literals around it)
    and the denominator, fixed or of at most as many digits as its placeholders."""
    end = max(i for i in range(slash) if _is_digit(tokens[i])) + 1  # the numerator's run ends here
    start = end
    while start > 0 and _is_digit(tokens[start - 1]):
        start -= 1
    whole_end = max((i for i in range(start) if _is_digit(tokens[i])), default=-1) + 1
    whole_tokens, separator = tokens[:whole_end], "".join(t.text for t in tokens[whole_end:start])
    top_places = [t.text for t in tokens[start:end]]
    middle = "".join(t.text for t in tokens[end:slash])
    k = slash + 1
    while k < len(tokens) and isinstance(tokens[k], Lit) and not tokens[k].text.isdigit():
        k += 1
    middle += "/" + "".join(t.text for t in tokens[slash + 1:k])
    fixed, bottom_places = "", []
    if isinstance(tokens[k], Lit):  # a fixed denominator: ?/16, ?/10
        while k < len(tokens) and (isinstance(tokens[k], Lit) and tokens[k].text.isdigit() or tokens[k] == Code("0")):
            fixed += tokens[k].text
            k += 1
    while not fixed and k < len(tokens) and _is_digit(tokens[k]):
        bottom_places.append(tokens[k].text)
        k += 1
    tail = "".join(t.text for t in tokens[k:])
    has_whole = whole_end > 0
    whole_places = [t.text for t in whole_tokens if _is_digit(t)]
    exact = Fraction(decimal15(number))
    whole = math.floor(exact) if has_whole else 0
    top, bottom = _nearest(exact - whole, int(fixed) if fixed else 10 ** len(bottom_places) - 1, bool(fixed))
    if bottom and top == bottom and has_whole:
        whole, top = whole + 1, 0
    blanks = "?" in whole_places + top_places + bottom_places
    if has_whole and top == 0 and "0" not in top_places:  # a whole number: the fraction left out
        width = len(separator) + len(top_places) + len(middle) + len(bottom_places)
        return _integer(whole_tokens, str(whole)) + " " * width * blanks + tail
    if has_whole:
        if whole:
            shown = _integer(whole_tokens, str(whole))
        else:  # no whole: a 0 only where a placeholder asks for it (or ends in ? with the fraction 0)
            shown = _integer(whole_tokens, "0" if top == 0 and whole_places[-1] != "#" else "")
        if not any(ch.isdigit() for ch in shown):  # no whole shown: a literal separator goes, spaces stay
            separator = " " * len(separator) if "?" in whole_places + top_places or not separator.strip() else ""
    else:
        shown = ""
    numerator = _pad(str(top), top_places, left=True)
    denominator = fixed or _pad(str(bottom), bottom_places, left=False)
    return shown + separator + numerator + middle + denominator + tail


def _nearest(value: Fraction, limit: int, fixed: bool) -> tuple[int, int]:
    """(numerator, denominator) nearest ``value``: over the denominator ``limit``, or over
    one at most ``limit``."""
    if fixed:
        return int(round_half_up(Decimal(value.numerator) / value.denominator * limit, 0)), limit
    best = value.limit_denominator(max(limit, 1))
    return best.numerator, best.denominator


def _pad(digits: str, places: list[str], left: bool) -> str:
    """A numerator (right-aligned) or a denominator (``0`` pads it on the left, ``?`` with
    spaces on the right) in its placeholders."""
    missing = len(places) - len(digits)
    if missing <= 0:
        return digits
    if left:
        return "".join(" " if p == "?" else "0" if p == "0" else "" for p in places[:missing]) + digits
    filler = places[-missing:]
    return "0" * filler.count("0") + digits + " " * filler.count("?")


# --- dates and times ------------------------------------------------------------------------------


def serial_date(serial: int) -> tuple[int, int, int]:
    """(year, month, day) of a serial in Excel's 1900 system: 0 is 1900-01-00, 60 the
    fictitious 1900-02-29."""
    if serial < 61:
        if serial == 60:
            return 1900, 2, 29
        return (1900, 1, serial) if serial < 32 else (1900, 2, serial - 31)
    day = EXCEL_EPOCH.date() + dt.timedelta(days=serial)
    return day.year, day.month, day.day


def _resolve_minutes(tokens: list[Token]) -> list[Token]:
    """``m``/``mm`` right after an hour or a second, or right before a second, are minutes
    (``N``): Excel's own workbooks show ``s:m`` as seconds and minutes."""
    codes = [(i, t.text.lower()) for i, t in enumerate(tokens) if isinstance(t, Code)]
    out = list(tokens)
    for k, (i, text) in enumerate(codes):
        if text in ("m", "mm"):
            before = codes[k - 1][1] if k else ""
            after = codes[k + 1][1] if k + 1 < len(codes) else ""
            if before.startswith(("h", "[h", "s", "[s")) or after.startswith(("s", "[s")):
                out[i] = Code(text.upper().replace("M", "N"))  # N: minutes
    return out


def _render_date(section: Section, number: float, signed: bool) -> str | None:
    tokens = _merge_fraction(_resolve_minutes(list(section.tokens)))
    elapsed_shown = any(isinstance(t, Code) and t.text.startswith("[") for t in tokens)
    if number < 0 and signed and elapsed_shown and abs(number) < MAX_SERIAL:  # a negative duration: signed
        shown = _render_date(section, -number, signed)
        return None if shown is None else "-" + shown
    if number < 0 and signed or abs(number) >= MAX_SERIAL:
        return None  # Excel shows no negative date or time
    places = min(max((len(t.text) - 1 for t in tokens if t.text.startswith(".") and isinstance(t, Code)), default=0), 3)
    unit = 86400 * 10**places
    ticks = int(round_half_up(abs(decimal15(number)) * unit, 0))  # rounded to the precision shown
    days, rest = divmod(ticks, unit)
    seconds, fraction = divmod(rest, 10**places)
    twelve = any(isinstance(t, Code) and t.text.lower() in ("am/pm", "a/p") for t in tokens)
    elapsed = frozenset(t.text.lower()[1] for t in tokens if isinstance(t, Code) and t.text.startswith("["))
    parts = _Parts(days, seconds // 3600, seconds // 60 % 60, seconds % 60, fraction, places, ticks // 10**places, twelve,
                   elapsed)
    return "".join(_date_piece(t, parts) for t in tokens)


@dataclass(frozen=True)
class _Parts:
    days: int
    hour: int
    minute: int
    second: int
    fraction: int
    places: int
    total_seconds: int
    twelve: bool
    elapsed: frozenset[str]  # units shown elapsed ([h], [m], [s]): the same unit elsewhere in the section is too


def _merge_fraction(tokens: list[Token]) -> list[Token]:
    """``.00`` right after seconds becomes one code (``.00``); any other ``.`` is literal."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        zeros = 0
        while i + 1 + zeros < len(tokens) and tokens[i + 1 + zeros] == Code("0"):
            zeros += 1
        after_seconds = bool(out) and isinstance(out[-1], Code) and out[-1].text.lower().lstrip("[").startswith("s")
        if token == Code(".") and after_seconds and zeros:
            out.append(Code("." + "0" * zeros))
            i += 1 + zeros
            continue
        out.append(Lit(".") if token == Code(".") else token)
        i += 1
    return out


def _date_piece(token: Token, p: _Parts) -> str:
    if isinstance(token, Lit):
        return token.text
    text = token.text
    low = text.lower()
    if low.startswith("["):
        total = {"h": p.total_seconds // 3600, "m": p.total_seconds // 60, "s": p.total_seconds}[low[1]]
        return str(total).zfill(len(low) - 2)
    if low.startswith("."):
        return "." + str(p.fraction).zfill(p.places)[:len(low) - 1].ljust(len(low) - 1, "0")
    if low == "am/pm":
        return "PM" if p.hour >= 12 else "AM"
    if low == "a/p":
        return text[2] if p.hour >= 12 else text[0]
    kind, width = low[0], len(low)
    if text[0] in "N":  # minutes
        return str(p.total_seconds // 60 if "m" in p.elapsed else p.minute).zfill(min(width, 2))
    if kind == "h":
        hour = p.total_seconds // 3600 if "h" in p.elapsed else (p.hour % 12 or 12) if p.twelve else p.hour
        return str(hour).zfill(min(width, 2))
    if kind == "s":
        return str(p.total_seconds if "s" in p.elapsed else p.second).zfill(min(width, 2))
    if kind in "ymd":
        return _calendar(kind, width, p.days)
    return text  # '.', '/', ',', '%' … in a date section: themselves


def _calendar(kind: str, width: int, serial: int) -> str:
    year, month, day = serial_date(serial)
    if kind == "y":
        return f"{year % 100:02d}" if width <= 2 else str(year)
    if kind == "m":
        name = MONTHS[month - 1]
        return {1: str(month), 2: f"{month:02d}", 3: name[:3], 5: name[0]}.get(width, name)
    if width >= 3:
        name = DAYS[serial % 7]
        return name[:3] if width == 3 else name
    return str(day).zfill(width)
