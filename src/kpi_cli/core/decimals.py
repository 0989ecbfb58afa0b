"""Exact decimal values: parsing what people type, formatting for people and machines."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg

# Digits: ASCII only after NFKC (full-width digits become ASCII; other digit
# systems such as ٣ do not, and are refused). Thousands separators must group
# by three.
# Patterns are plain strings: `re` compiles each on first use, so importing costs nothing.
_NUMBER_RE = r"^([+-]?)((?:[0-9]{1,3}(?:,[0-9]{3})+)|[0-9]+)(\.[0-9]+)?"
_MINUS_SIGNS = {"\u2212": "-", "\uff0d": "-", "\u2010": "-", "\u2013": "-"}

MAX_INTEGER_DIGITS = 15  # the ledger keeps values of at most 15 digits before the point
MAX_PLACES = 6  # and 6 after it: exact in Decimal arithmetic, and in every report
_DIGIT_LIKE = "0123456789０１２３４５６７８９"

DERIVED_PLACES = Decimal("0.0001")  # derived figures (expected, gap, ratios) keep 4 decimals


def unit_key(unit: str) -> str:
    """The form in which units are compared: NFKC, no spaces (千㎥ = 千m3, ％ = %)."""
    return unicodedata.normalize("NFKC", unit).replace(" ", "").strip()


# A date as typed or as a spreadsheet writes one: 2020-02-14, 2020/2/14, 2020年2月14日, R2.2.14
_DATE_RE = (
    r"(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|[MTSHRmtshr]\d{1,2}[-/.]\d{1,2}[-/.]\d{1,2})([T ][0-9:.]+)?"
    r"|\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?"  # a time of day (an Excel time cell)
)


# Magnitude prefixes of Japanese units (万人, 千㎥, 億円): a unit is one of these and a measure
_MAGNITUDES = {"十": 1, "百": 2, "千": 3, "万": 4, "十万": 5, "百万": 6, "千万": 7, "億": 8, "十億": 9, "百億": 10,
               "千億": 11, "兆": 12}  # fmt: skip


def unit_factor(old: str, new: str) -> Decimal | None:
    """What a value in ``old`` is multiplied by to be in ``new`` when the two units differ only in their
    magnitude (万人 → 千人: 10, 千人 → 万人: 0.1, 円 → 億円: 0.00000001); None when they measure different
    things (件 → 人) or are the same unit."""
    a, b = _magnitude(unit_key(old)), _magnitude(unit_key(new))
    if a[1] != b[1] or not a[1] or a[0] == b[0]:
        return None
    return Decimal(10) ** (a[0] - b[0])


def _magnitude(unit: str) -> tuple[int, str]:
    """A unit as its power of ten and its measure (万人: 4, 人)."""
    for prefix in sorted(_MAGNITUDES, key=len, reverse=True):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return _MAGNITUDES[prefix], unit[len(prefix) :]
    return 0, unit


def parse_value(text: str, unit: str | None = None, *, what: Msg | str | None = None) -> Decimal:
    """Parse a decimal number as typed by a person.

    Accepts thousands separators (1,372.6), full-width digits, the minus signs
    − and －, and a trailing unit equal to ``unit``. Refuses NaN, infinities,
    exponents, underscores, empty text and other digit systems.
    """
    raw = text
    what = what or Msg("value")
    check_digits(text, what)
    s = unicodedata.normalize("NFKC", text).strip()
    for sign, ascii_sign in _MINUS_SIGNS.items():
        s = s.replace(sign, ascii_sign)
    if not s:
        raise InputError(Msg("empty {what}; give a number such as 1372.6", what=what))
    if re.fullmatch(_DATE_RE, s):
        raise InputError(
            Msg(
                "{what} {raw!r} is a date or a time, not a number (a date cell?); give the KPI's figure{unit_said}",
                what=what,
                raw=raw,
                unit_said=Msg(" in {unit}", unit=unit) if unit else "",
            )
        )
    m = re.match(_NUMBER_RE, s)
    if m is None and re.fullmatch(r"[+-]?\.[0-9]+", s):  # -.5: a digit before the point is wanted
        raise InputError(
            Msg(
                "{what} {raw!r} has no digit before its decimal point; write {fixed}",
                what=what,
                raw=raw,
                fixed=s.replace(".", "0.", 1),
            )
        )
    if m is None:
        raise InputError(
            Msg("{what} {raw!r} is not a decimal number; give digits such as 1372.6 or 1,372.6", what=what, raw=raw)
        )
    rest = s[m.end() :].strip()
    if rest:
        if rest[0] in "_eE0123456789.,":
            raise InputError(
                Msg(
                    "{what} {raw!r} is not a plain decimal number; write digits with an optional "
                    "decimal point and thousands separators, such as 1,372.6",
                    what=what,
                    raw=raw,
                )
            )
        if unit is None or len(rest) > 12:  # no unit of a plan is this long: text, not a unit
            raise InputError(
                Msg("{what} {raw!r} has trailing text {rest!r}; give the number alone", what=what, raw=raw, rest=rest)
            )
        if unit_key(rest) != unit_key(unit):
            raise InputError(
                Msg(
                    "{what} {raw!r} is in {rest}, but this KPI is measured in {unit}; "
                    "convert it to {unit} (or give the number alone)",
                    what=what,
                    raw=raw,
                    rest=rest,
                    unit=unit,
                )
            )
    sign, whole, frac = m.group(1), m.group(2).replace(",", ""), m.group(3) or ""
    try:
        value = Decimal(sign + whole + frac)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid numbers
        raise InputError(Msg("{what} {raw!r} is not a decimal number", what=what, raw=raw)) from exc
    if value == 0:
        value = abs(value)  # no negative zero
    _check_bounds(value, what, raw)
    return value


def _check_bounds(value: Decimal, what: Msg | str, raw: str) -> None:
    """Refuse a number kpi cannot keep exactly; a too precise one with the number rounded as a hint."""
    problem = bound_problem(value)
    if problem is not None and value.is_finite() and abs(value) < Decimal(10) ** MAX_INTEGER_DIGITS:
        raise InputError(
            Msg(
                "{what} {raw!r} has more than {n} decimal places, which kpi does not keep; round it (such as "
                "{rounded}) and check its unit",
                what=what,
                raw=raw,
                n=MAX_PLACES,
                rounded=plain(value.quantize(Decimal(1).scaleb(-MAX_PLACES), rounding=ROUND_HALF_UP).normalize()),
            )
        )
    if problem is not None:
        raise InputError(
            Msg("{what} {raw!r} is {problem}; check the number (and its unit)", what=what, raw=raw, problem=problem)
        )


def check_digits(text: str, what: Msg | str) -> None:
    """Refuse digits other than ASCII and full-width ones (²③٣ would pass NFKC as 2, 3, 3)."""
    odd = next((ch for ch in text if ch not in _DIGIT_LIKE and _digit_like(ch)), None)
    if odd is not None:
        raise InputError(
            Msg(
                "{what} {text!r} is not a decimal number: {odd!r} is not a plain digit; type the digits 0-9 "
                "(full-width ０-９ are fine)",
                what=what,
                text=text,
                odd=odd,
            )
        )


def _digit_like(ch: str) -> bool:
    """A digit of another system (٣), or a character NFKC turns into digits (², ③, ⑩)."""
    return unicodedata.digit(ch, None) is not None or any(c in "0123456789" for c in unicodedata.normalize("NFKC", ch))


def bound_problem(value: Decimal) -> Msg | None:
    """Why a number is outside what kpi keeps exactly (None when it is inside)."""
    if not value.is_finite():
        return Msg("not a finite number")
    if abs(value) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        return Msg("too large: kpi keeps at most {n} digits before the decimal point", n=MAX_INTEGER_DIGITS)
    if value != value.quantize(Decimal(1).scaleb(-MAX_PLACES), rounding=ROUND_HALF_UP):
        return Msg("too precise: kpi keeps at most {n} decimal places", n=MAX_PLACES)
    return None


def plain(value: Decimal | int | None) -> str:
    """A raw number for machine formats: no separators, no exponent; None → ''."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") else text


def rounded(value: Decimal | None) -> Decimal | None:
    """Round a derived figure to 4 decimals (half up), without trailing zeros."""
    if value is None:
        return None
    q = value.quantize(DERIVED_PLACES, rounding=ROUND_HALF_UP)
    if q == 0:
        return Decimal(0)
    normal = q.normalize()
    # normalize() turns 1300 into 1.3E+3; put the exponent back to zero or below.
    if normal.as_tuple().exponent > 0:  # type: ignore[operator]
        normal = normal.quantize(Decimal(1))
    return normal


def human(value: Decimal | int | None, *, places: int | None = None) -> str:
    """A number for people: thousands separators, '' for None."""
    if value is None:
        return ""
    if places is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if isinstance(value, int):
        return f"{value:,}"
    text = f"{value:,f}"
    return "0" if text in ("-0", "-0.0") else text


def signed(value: Decimal | None, *, places: int | None = None) -> str:
    """A difference for people: +99.4 / −12 ('' for None)."""
    if value is None:
        return ""
    text = human(value, places=places)
    if value > 0:
        return "+" + text
    return text


def percent(ratio: Decimal | None, places: int = 1) -> str:
    """A fraction as a percentage for people: 0.7576 → 75.8%."""
    if ratio is None:
        return ""
    return human(ratio * 100, places=places) + "%"


def axis_label(value: Decimal) -> str:
    """A chart axis label: whole numbers, one decimal for small values (the text and SVG charts)."""
    places = 0 if value == value.to_integral_value() or abs(value) >= 100 else 1
    return human(value, places=places)


def places_of(*values: Decimal | None) -> int:
    """Decimals to show a derived figure with: as many as the plan's own figures use (0 to 2)."""
    exps = [0]
    for v in values:
        exponent = v.as_tuple().exponent if v is not None else 0
        if isinstance(exponent, int):
            exps.append(-exponent)
    return min(max(exps), 2)
