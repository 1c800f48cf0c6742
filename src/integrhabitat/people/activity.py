"""The services people received, as the people pages show them: the list's service filter, the day each person
was last served, the profile's services section.

The services app records them and sits above `people` (imports point down), so it provides these parts: its
`person_activity` module registers an `Activity` when Django starts (found by `PeopleConfig.ready`, the way the
admin finds `admin.py`). Until one is registered the pages simply have none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import DateField, Expression, QuerySet, Value


@dataclass(frozen=True)
class Activity:
    services: Callable[[Any], Any]  # (center) → the center's services to filter the list by (`uuid`, `name`)
    served: Callable[[QuerySet, str], QuerySet]  # (people, a service's uuid) → those who received it
    last_seen: Expression  # annotates people with the day each was last served (None: never)
    profile: Callable[[Any, Any, Any], dict[str, Any]]  # (request, center, person) → the profile's context


NOTHING = Activity(
    services=lambda center: [],
    served=lambda people, service: people.none(),
    last_seen=Value(None, output_field=DateField()),
    profile=lambda request, center, person: {},
)

_registered = NOTHING


def register(activity: Activity) -> None:
    global _registered
    _registered = activity


def activity() -> Activity:
    return _registered
