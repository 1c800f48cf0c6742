"""Numbers, percentages and dates written the reader's way, the one place that decides it.

Django's formats know each language's separators ("86,4" and "12 345" in Spanish, "86.4" and "12,345" in
English); they do not say where the percent sign goes. CLDR does: Spanish writes "86,4 %" with a
non-breaking space, English and Brazilian Portuguese "86.4%". Thousands are always grouped, as `intcomma`
and the charts group them, whatever `USE_THOUSAND_SEPARATOR` says: a figure of a report reads the same in
every table. The template filters of the same names are in `lib/templatetags/numbers.py`.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import get_language

Number = int | float | Decimal

# How each language writes a percentage, after CLDR (`percentFormats`); the sign follows with no space
# in the languages left out.
PERCENT_PATTERNS = {
    "es": "{number}\N{NO-BREAK SPACE}%",
    "fr": "{number}\N{NARROW NO-BREAK SPACE}%",
    "de": "{number}\N{NO-BREAK SPACE}%",
}


def _as_decimal(value: Number | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def number(value: Number | str, places: int | None = None) -> str:
    """`value` with the reader's separators, thousands grouped.

    `places`: rounded (half up) to that many decimals; negative, as in Django's `floatformat`, to that many
    only when the value is not whole ("80" but "80,25"). None keeps the value's own decimals (a float's,
    up to two)."""
    if places is None and isinstance(value, float):
        value = _as_decimal(round(value, 2))  # 12.3456 → 12.35; 12.5 stays 12.5
    value = _as_decimal(value)
    if places is not None:
        if places < 0 and value == value.to_integral_value():
            places = 0
        value = value.quantize(Decimal(1).scaleb(-abs(places)), rounding=ROUND_HALF_UP)
    return str(number_format(value, force_grouping=True))


def percent(value: Number | str, places: int | None = None) -> str:
    """A percentage (86.4 means 86.4 %) with its sign where the reader's language puts it: "86,4 %" in
    Spanish, "86.4%" in English."""
    language = (get_language() or "").split("-")[0]
    return PERCENT_PATTERNS.get(language, "{number}%").format(number=number(value, places))


def day(value: date | datetime) -> str:
    """A date in the reader's long format ("7 de diciembre de 2026", "Dec. 7, 2026"); a moment with its time,
    in the current time zone."""
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")


def written(value):
    """A value for a placeholder of a message, written the reader's way: numbers and dates formatted,
    lazy translations translated, anything else left as it is (for `%` to turn into text)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Number):
        return number(value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Promise):
        return str(value)
    return value


def parse(value) -> Number | None:
    """What the template filters accept: a number as it is, or text that reads as one (as a Decimal);
    None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Number):
        return value
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None
