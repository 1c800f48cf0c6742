from django import template

from integrhabitat.cases.models import DIMENSION_FIELDS, NEED_FIELDS
from integrhabitat.lib import numbers
from integrhabitat.services.taxonomy import SHORT_CATEGORY_LABELS

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def assessment_rows(assessments):
    """Rows of the assessments table: one per need and dimension, one column per assessment."""
    rows = [{"label": SHORT_CATEGORY_LABELS[category], "values": [getattr(a, name) for a in assessments]}
            for name, category in NEED_FIELDS.items()]
    rows += [{"label": str(label).split(":")[0], "values": [getattr(a, name) for a in assessments]}
             for name, label in DIMENSION_FIELDS.items()]
    return rows


@register.filter
def percent(share: float | None) -> str:
    return "—" if share is None else numbers.percent(round(share * 100))
