from django import template

from integrhabitat.people import duplicates

register = template.Library()


@register.simple_tag
def open_duplicate_count(center) -> int:
    """How many possible duplicates of `center` wait for review (for the link to the queue)."""
    return duplicates.open_pairs(center).count()


@register.simple_tag
def network_duplicate_count() -> int:
    """How many possible duplicates across centers wait for the network coordinator."""
    return duplicates.network_pairs().count()
