import uuid

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.forms.utils import ErrorDict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import posted, render_page
from integrhabitat.lib.keyset import keyset_page
from integrhabitat.network import exports
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import (
    DELIVERY_DELETE,
    DELIVERY_RECORD,
    PEOPLE_VIEW,
    SERVICES_MANAGE,
    SERVICES_VIEW,
)
from integrhabitat.people import search
from integrhabitat.people.access import access_participant
from integrhabitat.people.groups import age_q
from integrhabitat.people.models import Participant, Sex
from integrhabitat.services import services as service_actions
from integrhabitat.services.forms import BulkDeliveryForm, DeliveryForm, ServiceForm
from integrhabitat.services.models import UNDO_MINUTES, Service, ServiceDelivery
from integrhabitat.services.taxonomy import Category


def access_service(request, service_id) -> Service:
    return get_object_or_404(Service, center=request.center, uuid=service_id)


SERVICE_COLUMNS = [
    exports.field(Service, "name", hxl="#service +name"),
    exports.field(Service, "category", hxl="#sector +name"),
    exports.field(Service, "service_type", hxl="#service +type"),
    exports.field(Service, "origin"),
    exports.field(Service, "modality", hxl="#modality"),
    exports.field(Service, "relationship"),
    exports.field(Service, "provider", hxl="#org +impl +name"),
    exports.field(Service, "cost_model"),
    exports.field(Service, "status", hxl="#status"),
    exports.Column("deliveries", gettext_lazy("Deliveries"), exports.attr("delivery_count", 0), hxl="#output +num"),
    exports.Column("last_delivery", gettext_lazy("Last delivery"), exports.attr("last_delivery", None),
                   hxl="#date +reported"),
    # People served, counted once each, by sex and age (today's): the disaggregation humanitarian tools expect.
    exports.Column("people", gettext_lazy("People served"), exports.attr("people", 0), hxl="#reached +num"),
    exports.Column("women", gettext_lazy("Women and girls served"), exports.attr("women", 0), hxl="#reached +f +num"),
    exports.Column("men", gettext_lazy("Men and boys served"), exports.attr("men", 0), hxl="#reached +m +num"),
    exports.Column("children", gettext_lazy("Children and adolescents served (0–17)"), exports.attr("children", 0),
                   hxl="#reached +children +num"),
    exports.Column("older", gettext_lazy("Older adults served (60 or more)"), exports.attr("older", 0),
                   hxl="#reached +elderly +num"),
]


def _people_served(services, today):
    """Each service with the people it served (ever), in one query."""
    def people(q=None):
        return Count("deliveries__participant", filter=q, distinct=True)
    prefix = "deliveries__participant__"
    return services.annotate(
        people=people(), women=people(Q(deliveries__participant__sex=Sex.FEMALE)),
        men=people(Q(deliveries__participant__sex=Sex.MALE)),
        children=people(age_q(0, 17, today, prefix)), older=people(age_q(60, None, today, prefix)),
    )


@require_GET
@center_view(SERVICES_VIEW)
def service_list(request, center):
    """The center's portfolio, grouped by the six categories."""
    services = (
        Service.objects.filter(center=center)
        .annotate(delivery_count=Count("deliveries"), last_delivery=Max("deliveries__delivered_on"))
        .order_by("category", "name")
    )
    status = request.GET.get("status", "")
    if status in Service.Status.values:
        services = services.filter(status=status)
    if exports.wants_download(request):
        return exports.list_download(request, _people_served(services, timezone.localdate()).select_related("provider"),
                                     SERVICE_COLUMNS,
                                     filename=f"services-{center.slug}", title=_("Services"))
    by_category = {category: [] for category in Category}
    for service in services:
        by_category[Category(service.category)].append(service)
    return render_page(request, "services/service_list.html", {
        "by_category": by_category.items(), "status": status, "statuses": Service.Status.choices,
        "can_manage": has_perm(request, SERVICES_MANAGE),
    })


@require_http_methods(["GET", "POST"])
@center_view(SERVICES_MANAGE)
def service_edit(request, center, service_id=None):
    service = access_service(request, service_id) if service_id else None
    form = ServiceForm(posted(request), instance=service, center=center)
    if request.method == "POST" and form.is_valid():
        service = service_actions.save_service(center, form.service_data(), actor=request.user, service=service)
        messages.success(request, _("Service “%(name)s” saved.") % {"name": service.name})
        return redirect("services:service_list", center=center.slug)
    return render_page(request, "services/service_form.html", {"form": form, "service": service},
                       status=400 if form.is_bound else 200)


@require_POST
@center_view(DELIVERY_RECORD)
def delivery_record(request, center, participant_id):
    """Record one service for one person, from the buttons on their profile.

    A tap on a page shown again, for a service the person already got that day, is not recorded at once: a
    page asks whether to record another one (some services give two kits a day)."""
    person = access_participant(request, participant_id)
    form = DeliveryForm(request.POST, center=center)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)
    data = form.cleaned_data
    submission = data["submission"] or uuid.uuid4()  # kept by the confirmation, so that it records once
    try:
        created = service_actions.record_deliveries(
            center, data["service"], [person], delivered_on=data["delivered_on"], note=data["note"],
            channel=data["channel"], actor=request.user, submission=submission, allow_same_day=data["again"],
        )
    except service_actions.RepeatedDelivery as repeat:
        return render_page(request, "services/delivery_confirm.html", {
            "person": person, "data": data, "submission": submission, "earlier": repeat.earlier,
            "today": timezone.localdate(),
        })
    if created:
        messages.success(request, ngettext(
            "Recorded: %(service)s for %(name)s. You can undo it for %(minutes)d minute under “Services "
            "received”.",
            "Recorded: %(service)s for %(name)s. You can undo it for %(minutes)d minutes under “Services "
            "received”.", UNDO_MINUTES,
        ) % {"service": data["service"].name, "name": person.full_name, "minutes": UNDO_MINUTES})
    return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)


@require_POST
@center_view(DELIVERY_DELETE)
def delivery_delete(request, center, delivery_id):
    delivery = get_object_or_404(ServiceDelivery.objects.select_related("participant"), center=center,
                                 uuid=delivery_id)
    person = delivery.participant
    service_actions.delete_delivery(delivery, actor=request.user)
    messages.success(request, _("The delivery was removed."))
    return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)


@require_POST
@center_view(DELIVERY_RECORD)
def delivery_undo(request, center, participant_id, delivery_id):
    """Undo a delivery one has just recorded, from the person's profile (`services.undo_delivery`)."""
    person = access_participant(request, participant_id)
    profile = redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)
    delivery = (ServiceDelivery.objects.select_related("service")
                .filter(center=center, participant=person, uuid=delivery_id).first())
    if delivery is None:
        if not service_actions.was_removed(center, delivery_id):
            raise Http404
        messages.error(request, service_actions.ALREADY_REMOVED)
        return profile
    try:
        service_actions.undo_delivery(delivery, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Undone: %(service)s for %(name)s is no longer recorded.")
                         % {"service": delivery.service.name, "name": person.full_name})
    return profile


BULK_LIST_SIZE = 60


def _record_ticked(request, center, data: dict, ticked: list[Participant]) -> None:
    """Record the bulk form's service for the ticked people; `RepeatedDelivery` unless confirmed."""
    service_actions.record_deliveries(
        center, data["service"], ticked, delivered_on=data["delivered_on"], quantity=data["quantity"],
        actor=request.user, submission=data["submission"], provided_by=data["provider_code"],
        channel=data["channel"], allow_same_day=data["again"],
    )
    messages.success(request, ngettext(
        "Recorded %(service)s for %(count)d person.", "Recorded %(service)s for %(count)d people.",
        len(ticked)) % {"service": data["service"].name, "count": len(ticked)})


@require_http_methods(["GET", "POST"])
@center_view(DELIVERY_RECORD)
def delivery_bulk(request, center):
    """Record one service for many people at once, from a searchable tick list.

    Works without JavaScript: "Search" re-renders the list keeping the people already ticked;
    "Record" saves them all, once, whatever the number of clicks. People ticked who already got the
    service that day are listed first, to untick or to record again for.
    """
    form = BulkDeliveryForm(posted(request), center=center)
    ticked: list[Participant] = []
    repeats: list[ServiceDelivery] = []
    query = ""
    if form.is_bound:
        form.is_valid()
        ticked = list(form.cleaned_data.get("people") or [])
        query = form.cleaned_data.get("q", "").strip()
        if not form.wants_to_save():
            form._errors = ErrorDict()  # searching the list is not an attempt to save: no error yet
        elif form.is_valid():
            try:
                _record_ticked(request, center, form.cleaned_data, ticked)
            except service_actions.RepeatedDelivery as repeat:
                repeats = repeat.earlier
            else:
                return redirect("services:delivery_bulk", center=center.slug)
    people = Participant.objects.active().in_center(center).exclude(pk__in=[p.pk for p in ticked])
    columns = ("uuid", "code", "given_names", "family_names", "preferred_name", "birth_date", "birth_date_estimated",
               "age_band")
    if query:
        pks = search.search(people, query, limit=BULK_LIST_SIZE, country=center.country.code)
        by_pk = Participant.objects.only(*columns).in_bulk(pks)
        candidates = [by_pk[pk] for pk in pks if pk in by_pk]
    else:
        candidates = list(people.only(*columns).order_by("-created_at")[:BULK_LIST_SIZE])
    is_search = request.POST.get("action") == "search"
    return render_page(request, "services/delivery_bulk.html", {
        "form": form, "ticked": ticked, "candidates": candidates, "query": query, "repeats": repeats,
        "today": timezone.localdate(),
    }, status=400 if form.is_bound and not is_search and not repeats else 200)


@require_GET
@center_view(SERVICES_VIEW)
def service_detail(request, center, service_id):
    service = access_service(request, service_id)
    deliveries = ServiceDelivery.objects.filter(service=service)
    figures = deliveries.aggregate(total=Count("id"), people=Count("participant", distinct=True),
                                   last=Max("delivered_on"))
    recent = None
    if has_perm(request, PEOPLE_VIEW):
        recent = keyset_page(request, deliveries.select_related("participant", "recorded_by"),
                             ["-delivered_on", "-recorded_at", "-id"], per_page=25)
    return render_page(request, "services/service_detail.html", {
        "service": service, "figures": figures, "recent": recent, "can_manage": has_perm(request, SERVICES_MANAGE),
    })
