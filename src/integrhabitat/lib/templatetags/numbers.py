"""`{% load numbers %}`: `{{ value|number }}`, `{{ value|number:1 }}`, `{{ share|percent }}`, `{{ day|day }}`,
written as `integrhabitat.lib.numbers` writes them. Empty or non-numeric values give "" (as `floatformat`).

`lib` is not an installed app: this library is named in the TEMPLATES option `libraries` (settings.py)."""

from django import template

from integrhabitat.lib import numbers

register = template.Library()


def _places(argument) -> int | None:
    return None if argument in (None, "") else int(argument)


@register.filter
def number(value, places=None) -> str:
    parsed = numbers.parse(value)
    return "" if parsed is None else numbers.number(parsed, _places(places))


@register.filter
def percent(value, places=None) -> str:
    parsed = numbers.parse(value)
    return "" if parsed is None else numbers.percent(parsed, _places(places))


@register.filter
def day(value) -> str:
    return numbers.day(value) if value else ""
