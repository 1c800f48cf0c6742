"""Changes to a center's service portfolio and the deliveries it records."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.services.models import UNDO_MINUTES, DeliveryChannel, Service, ServiceDelivery


class DeliveryRefused(Refused):
    """The delivery cannot be recorded (another center's person or service, a retired service...)."""


class RepeatedDelivery(DeliveryRefused):
    """Some of the people already received the service that day: a second tap, or a second kit on purpose.
    `earlier` holds those deliveries, for the user to confirm a new one or untick the people."""

    def __init__(self, earlier: list[ServiceDelivery]):
        super().__init__(_("Some of the people already received this service on this date."))
        self.earlier = earlier


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
    channel: str | None = None,
    allow_same_day: bool = True,
) -> list[ServiceDelivery]:
    """Record that each of `people` received `service` on `delivered_on` (one or many at once).

    All or nothing. `submission` is the token of the form that was shown: the people already
    recorded under it are skipped, so a double-clicked submit records each person once.
    `channel` (a `DeliveryChannel`) says how they received it; by default, the service's usual channel.
    Without `allow_same_day`, a person who already received the service that day under another
    submission (a second tap on a page shown again) refuses the whole call with `RepeatedDelivery`: the
    one same-day check of the profile's buttons, the bulk page and the API.
    Returns the deliveries created by this call.
    """
    _check_deliverable(center, service, people)
    channel = channel or service.usual_channel
    if channel not in DeliveryChannel.values:
        raise DeliveryRefused(_("“%(channel)s” is not a known delivery channel.") % {"channel": channel})
    if provided_by is not None and provided_by.center_id != center.pk:
        raise DeliveryRefused(_("One of the people is not registered in this center."))
    if delivered_on > timezone.localdate():
        raise DeliveryRefused(_("The date cannot be in the future."))
    people = list({person.pk: person for person in people}.values())  # each person once
    submission = submission or uuid.uuid4()
    if not allow_same_day:
        earlier = same_day_deliveries(service, people, delivered_on, submission=submission)
        if earlier:
            raise RepeatedDelivery(earlier)
    already = set(
        ServiceDelivery.objects.filter(submission=submission).values_list("participant_id", flat=True)
    )
    deliveries = ServiceDelivery.objects.bulk_create(
        ServiceDelivery(
            center=center, service=service, participant=person, delivered_on=delivered_on,
            quantity=quantity, note=note, submission=submission, recorded_by=actor, provided_by=provided_by,
            channel=channel,
        )
        for person in people
        if person.pk not in already
    )
    audit.record_many("services.delivery.recorded", ((delivery, ["service", "participant"]) for delivery in deliveries),
                      actor=actor, center=center)
    return deliveries


def same_day_deliveries(service: Service, people: list[Participant], delivered_on: date, *,
                        submission: uuid.UUID) -> list[ServiceDelivery]:
    """The deliveries of `service` to `people` on `delivered_on` recorded by other submissions than
    `submission` (the form being saved again is not a repeat), oldest first."""
    return list(
        ServiceDelivery.objects.filter(service=service, participant__in=people, delivered_on=delivered_on)
        .exclude(submission=submission)
        .select_related("service", "participant", "recorded_by")
        .order_by("recorded_at", "id")
    )


@transaction.atomic
def delete_delivery(delivery: ServiceDelivery, *, actor) -> None:
    """Remove a delivery recorded by mistake."""
    audit.record("services.delivery.deleted", delivery, actor=actor)
    delivery.delete()


ALREADY_REMOVED = _("This delivery was already undone or removed.")


@transaction.atomic
def undo_delivery(delivery: ServiceDelivery, *, actor) -> None:
    """Take back a delivery that `actor` has just recorded by mistake (a double tap), for `UNDO_MINUTES`.

    Only its recorder may, and only in that time: later, or for anyone else, correcting it is
    `delete_delivery`'s, for the roles allowed to. Deleted rather than voided, so that it leaves every
    figure at once. A second undo (another tab, a double-clicked button) is refused as already undone.
    """
    if delivery.recorded_by_id is None or delivery.recorded_by_id != actor.pk:
        raise Refused(_("Only the person who recorded a delivery can undo it."))
    if not delivery.undo_is_open:
        raise Refused(ngettext_lazy(
            "A delivery can only be undone in the first %(minutes)d minute after recording it. If it is a "
            "mistake, ask someone who can remove deliveries, such as a coordinator.",
            "A delivery can only be undone in the first %(minutes)d minutes after recording it. If it is a "
            "mistake, ask someone who can remove deliveries, such as a coordinator.",
            "minutes") % {"minutes": UNDO_MINUTES})
    deleted, _by_model = ServiceDelivery.objects.filter(pk=delivery.pk).delete()
    if not deleted:  # undone by the same user's other request meanwhile
        raise Refused(ALREADY_REMOVED)
    audit.record("services.delivery.undone", delivery, actor=actor)


def was_removed(center: Center, delivery_id: uuid.UUID) -> bool:
    """Whether the delivery `delivery_id` of `center` existed and was undone or removed: a later undo of it
    says so instead of a bare 404."""
    return AuditEntry.objects.filter(
        center=center, object_type=ServiceDelivery._meta.label_lower, object_id=str(delivery_id),
        action__in=["services.delivery.undone", "services.delivery.deleted"],
    ).exists()
