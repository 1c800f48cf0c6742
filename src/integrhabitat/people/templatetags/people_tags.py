from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def age_label(person, today=None) -> str:
    """`34 years` (or `≈34 years` when the birth date is approximate); the age band when nothing else is known."""
    age = person.age(today or timezone.localdate())
    if age is None:
        return person.get_age_band_display() if getattr(person, "age_band", "") else ""
    label = ngettext("%(age)d year", "%(age)d years", age) % {"age": age}
    return _("≈%(age)s") % {"age": label} if getattr(person, "birth_date_estimated", False) else label


@register.filter
def get_field(form, name):
    return form[name]
