"""What the people pages show of the services a person received (`people/activity.py`), registered when Django
starts: `people` sits below `services` and imports nothing of it."""

from django.db.models import OuterRef, Subquery

from integrhabitat.lib.http import paginate
from integrhabitat.network.access import has_perm
from integrhabitat.network.roles import DELIVERY_DELETE, DELIVERY_RECORD
from integrhabitat.people.activity import Activity, register
from integrhabitat.services.forms import DeliveryForm, active_services
from integrhabitat.services.models import Service, ServiceDelivery

# The day a person was last served: a look-up per person shown (the deliveries' (participant, date) index),
# not an aggregate over the whole center before a page of 50 is cut from it.
LAST_SEEN = Subquery(ServiceDelivery.objects.filter(participant=OuterRef("pk")).order_by("-delivered_on")
                     .values("delivered_on")[:1])


def center_services(center):
    return Service.objects.filter(center=center).order_by("name").only("uuid", "name")


def served(people, service: str):
    return people.filter(deliveries__service__uuid=service).distinct()


def profile(request, center, person) -> dict:
    """The profile's services: those received (a page of them), and the buttons that record one."""
    deliveries = (
        ServiceDelivery.objects.filter(participant=person)
        .select_related("service", "recorded_by")
        .order_by("-delivered_on", "-recorded_at")
    )
    may_record = has_perm(request, DELIVERY_RECORD)
    return {
        "deliveries": paginate(request, deliveries, per_page=25),
        "delivery_form": DeliveryForm(center=center) if may_record else None,
        "quick_services": list(active_services(center).only("uuid", "name", "category")) if may_record else [],
        "can_delete_delivery": has_perm(request, DELIVERY_DELETE),
    }


register(Activity(services=center_services, served=served, last_seen=LAST_SEEN, profile=profile))
