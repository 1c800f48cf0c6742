"""Changes to a center's service portfolio and the deliveries it records."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.services.models import Service, ServiceDelivery


class DeliveryRefused(Refused):
    """The delivery cannot be recorded (another center's person or service, a retired service...)."""


@transaction.atomic
def save_service(center: Center, data: Mapping[str, Any], *, actor, service: Service | None = None) -> Service:
    """Create a service in `center`'s portfolio, or change `service`."""
    created = service is None
    service = service or Service(center=center)
    changed = assign(service, data)
    service.save()
    audit.record("services.service.created" if created else "services.service.updated", service,
                 actor=actor, fields=changed)
    return service


def _check_deliverable(center: Center, service: Service, people: Iterable[Participant]) -> None:
    if service.center_id != center.pk:
        raise DeliveryRefused(_("The service is not part of this center's portfolio."))
    if service.status not in (Service.Status.ACTIVE, Service.Status.UNDER_REVIEW):
        raise DeliveryRefused(_("The service “%(name)s” is not active.") % {"name": service.name})
    if any(person.center_id != center.pk or not person.is_active for person in people):
        raise DeliveryRefused(_("One of the people is not registered in this center."))


@transaction.atomic
def record_deliveries(
    center: Center,
    service: Service,
    people: list[Participant],
    *,
    delivered_on: date,
    actor,
    quantity: int = 1,
    note: str = "",
    submission: uuid.UUID | None = None,
    provided_by: Participant | None = None,
) -> list[ServiceDelivery]:
    """Record that each of `people` received `service` on `delivered_on` (one or many at once).

    All or nothing. `submission` is the token of the form that was shown: the people already
    recorded under it are skipped, so a double-clicked submit records each person once.
    Returns the deliveries created by this call.
    """
    _check_deliverable(center, service, people)
    if provided_by is not None and provided_by.center_id != center.pk:
        raise DeliveryRefused(_("One of the people is not registered in this center."))
    if delivered_on > timezone.localdate():
        raise DeliveryRefused(_("The date cannot be in the future."))
    people = list({person.pk: person for person in people}.values())  # each person once
    submission = submission or uuid.uuid4()
    already = set(
        ServiceDelivery.objects.filter(submission=submission).values_list("participant_id", flat=True)
    )
    deliveries = ServiceDelivery.objects.bulk_create(
        ServiceDelivery(
            center=center, service=service, participant=person, delivered_on=delivered_on,
            quantity=quantity, note=note, submission=submission, recorded_by=actor, provided_by=provided_by,
        )
        for person in people
        if person.pk not in already
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            action="services.delivery.recorded", actor=actor, center=center,
            object_type=ServiceDelivery._meta.label_lower, object_id=str(delivery.uuid),
            fields=["service", "participant"],
        )
        for delivery in deliveries
    )
    return deliveries


@transaction.atomic
def delete_delivery(delivery: ServiceDelivery, *, actor) -> None:
    """Remove a delivery recorded by mistake."""
    audit.record("services.delivery.deleted", delivery, actor=actor)
    delivery.delete()
