from django import template

from integrhabitat.audit import sentences

register = template.Library()


@register.simple_tag
def described(entries) -> list:
    """`entries` (a page of the audit trail), each with its `sentences.Description`. Here rather than in each
    view, so that every page including the table gets it; the references cost one query per kind of record."""
    return sentences.describe_all(entries)
