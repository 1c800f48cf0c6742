"""The coordinator's side of the results: the center's targets and the values of its manual indicators.
Atomic and audited (`improvement.targets.*`, `improvement.indicator.*`)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.lib.errors import Refused
from integrhabitat.network.models import Center


@transaction.atomic
def set_targets(center: Center, year: int, targets: Mapping[str, Any], *, actor) -> int:
    """Set (or, with None, remove) the center's targets for `year`; returns how many changed."""
    from integrhabitat.improvement.models import Target

    changed = []
    existing = {t.indicator: t for t in Target.objects.filter(center=center, year=year)}
    for code, value in targets.items():
        current = existing.get(code)
        if value is None:
            if current is not None:
                current.delete()
                changed.append(code)
        elif current is None or current.value != value:
            Target.objects.update_or_create(center=center, indicator=code, year=year,
                                            defaults={"value": value, "set_by": actor})
            changed.append(code)
    if changed:
        audit.record("improvement.targets.set", center, actor=actor, center=center, fields=changed)
    return len(changed)


@transaction.atomic
def create_manual_indicator(center: Center, data: Mapping[str, Any], *, actor):
    from integrhabitat.improvement.models import ManualIndicator

    if ManualIndicator.objects.filter(Q(center=center) | Q(center__isnull=True), code=data["code"]).exists():
        raise Refused(_("An indicator with this code exists already."))
    indicator = ManualIndicator.objects.create(center=center, **data)
    audit.record("improvement.indicator.created", indicator, actor=actor)
    return indicator


@transaction.atomic
def record_manual_value(center: Center, indicator, month, value, *, note: str = "", actor):
    """The value of a manual indicator for the month of `month` (a second entry for a month replaces it)."""
    from integrhabitat.improvement.models import ManualValue

    if indicator.center_id not in (None, center.pk):
        raise Refused(_("The indicator is not part of this center's catalogue."))
    entry, _created = ManualValue.objects.update_or_create(
        indicator=indicator, center=center, month=month.replace(day=1),
        defaults={"value": value, "note": note, "entered_by": actor})
    audit.record("improvement.indicator.value", entry, actor=actor, fields=["value"])
    return entry
