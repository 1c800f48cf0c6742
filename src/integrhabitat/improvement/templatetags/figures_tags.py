"""`{% load figures_tags %}`: `{{ mark|suppressed }}`, the one way a suppressed figure is written.

A figure hidden to protect people is marked "<5" (or "<10") when it rests on fewer people than the
threshold, "*" when it is hidden so that another hidden figure cannot be worked out
(`network_figures.Shown.mark`, the accountability reports' chart marks). Written as "<5" it reads as
"under 5 %" in a row of shares; so it is written as words, which a screen reader reads too:
"suppressed (fewer than 5 people)". `{{ mark|suppressed:"short" }}` is the word alone, for the text of a
chart's picture, whose table beside it has the whole explanation. Anything else is given back as it is.
"""

import re

from django import template
from django.utils.translation import gettext, pgettext

register = template.Library()

SMALL = re.compile(r"<(\d+)")
PROTECTING = "*"


def suppressed_text(mark, short: bool = False) -> str | None:
    """The words for a suppression mark, or None when `mark` is not one."""
    mark = str(mark)
    small = SMALL.fullmatch(mark)
    if not small and mark != PROTECTING:
        return None
    if short:
        return pgettext("figure", "suppressed")
    if small:
        return gettext("suppressed (fewer than %(threshold)s people)") % {"threshold": small.group(1)}
    return gettext("suppressed (it would let a small group be worked out)")


@register.filter
def suppressed(mark, form: str = ""):
    text = suppressed_text(mark, short=form == "short")
    return mark if text is None else text
