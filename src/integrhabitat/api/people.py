"""People, the service portfolio and the deliveries of a center."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db.models import Count, Max
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from integrhabitat.api.base import (
    ERRORS,
    WRITE_ERRORS,
    CenterSlug,
    Error,
    Forbidden,
    Invalid,
    IsoDate,
    Page,
    PageNumber,
    PageSize,
    choices_enum,
    form_errors,
    member_of,
    paginated,
)
from integrhabitat.audit import services as audit
from integrhabitat.network.access import has_perm
from integrhabitat.network.roles import (
    DELIVERY_RECORD,
    PEOPLE_REGISTER,
    PEOPLE_VIEW,
    SENSITIVE_VIEW,
    SERVICES_VIEW,
)
from integrhabitat.people import search
from integrhabitat.people import services as people_services
from integrhabitat.people.access import access_participant
from integrhabitat.people.forms import RegistrationForm
from integrhabitat.people.groups import AGE_GROUP_CHOICES, GROUPS, groups_of
from integrhabitat.people.models import (
    AgeBand,
    Channel,
    Consent,
    DocumentType,
    Ethnicity,
    Gender,
    Language,
    MobilityStatus,
    Participant,
    Sex,
    YesNoUnknown,
)
from integrhabitat.people.services import document_type_for
from integrhabitat.people.views import found_people
from integrhabitat.services import services as service_actions
from integrhabitat.services.forms import BulkDeliveryForm
from integrhabitat.services.models import DeliveryChannel, Service, ServiceDelivery

ServiceStatus = choices_enum("ServiceStatus", Service.Status)
DeliveryChannelCode = choices_enum("DeliveryChannel", DeliveryChannel)


def _known_channel(value):
    """A channel the API knows, or a refusal that names the accepted ones (instead of pydantic's bare "not one
    of the accepted values"), in the request's language."""
    if value is None or value in DeliveryChannel.values:
        return value
    raise PydanticCustomError("delivery_channel", _("“%(value)s” is not a known delivery channel: use one of "
                                                    "%(channels)s.") % {
        "value": str(value)[:40], "channels": ", ".join(DeliveryChannel.values)})


ChannelIn = Annotated[DeliveryChannelCode | None, BeforeValidator(_known_channel)]

router = Router(tags=["people and services"])

GroupCode = Literal[tuple(GROUPS)]
AgeGroupCode = Literal[tuple(code for code, _label in AGE_GROUP_CHOICES)]


# --- Schemas ----------------------------------------------------------------------------------------------

class ParticipantRow(Schema):
    uuid: uuid.UUID
    code: str
    given_names: str
    family_names: str
    preferred_name: str
    birth_date: date | None
    birth_date_estimated: bool
    age: int | None
    age_band: str


class SensitiveData(Schema):
    mobility_status: str
    ethnicity: str
    wg_seeing: int | None
    wg_hearing: int | None
    wg_walking: int | None
    wg_cognition: int | None
    wg_selfcare: int | None
    wg_communication: int | None
    victim_of_violence: bool
    victim_of_disaster: bool
    living_on_street: bool
    lgbtqi: str


class ConsentRow(Schema):
    uuid: uuid.UUID
    purpose: str
    given_by: str
    method: str
    given_at: datetime
    withdrawn_at: datetime | None


class ParticipantDetail(ParticipantRow):
    sex: str
    gender: str
    nationality: str
    phone: str
    email: str
    preferred_language: str
    preferred_channel: str
    document_type: str = Field(description="Empty for roles that do not read sensitive data when the type tells "
                                           "the person's mobility status (foreigner_id, permit).")
    document_name: str = Field(description="The document's own name (PPT, CURP, Cédula venezolana); empty when "
                                           "`document_type` is.")
    document_country: str = Field(description="ISO 3166 code of the issuing country; empty when `document_type` "
                                              "is.")
    document_number: str
    household: uuid.UUID | None
    household_relationship: str
    registered_at: datetime
    groups: list[str] = Field(description="Population groups derived from the data (sensitive ones only for roles "
                                          "that read sensitive data).")
    consents: list[ConsentRow]
    sensitive: SensitiveData | None = Field(
        description="Differential-approach data: only for roles that read sensitive data, and each read is audited; "
                    "null otherwise.")


class ParticipantPage(Page):
    results: list[ParticipantRow]


class ConsentIn(Schema):
    data_processing: bool = Field(description="The person agrees that the center registers and processes their "
                                              "data: required to register them.")
    given_by: Consent.GivenBy = Consent.GivenBy.SELF
    given_by_name: str = Field("", max_length=200)
    method: Consent.Method = Consent.Method.VERBAL
    contact: bool = Field(False, description="The person also agrees to receive messages from the center.")


class ParticipantIn(Schema):
    given_names: str = Field(..., min_length=1, max_length=120)
    family_names: str = Field("", max_length=120)
    preferred_name: str = Field("", max_length=120)
    birth_date: IsoDate | None = None
    birth_date_estimated: bool = False
    approximate_age: int | None = Field(None, ge=0, le=120, description="When the birth date is unknown.")
    age_band: AgeBand | None = None
    sex: Sex = Sex.UNKNOWN
    gender: Gender | None = None
    nationality: str = Field("", pattern=r"^([A-Z]{2})?$", description="ISO 3166 country code.")
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    preferred_language: Language = Language.SPANISH
    preferred_channel: Channel = Channel.IN_PERSON
    document_type: DocumentType | None = None
    document_name: str = Field("", max_length=60, description="As it is called (PPT, CURP, Cédula venezolana): "
                                                              "sets `document_type` when that is not given.")
    document_country: str = Field("", pattern=r"^([A-Z]{2})?$", description="ISO 3166 code of the issuing country.")
    document_number: str = Field("", max_length=40)
    mobility_status: MobilityStatus | None = None
    ethnicity: Ethnicity | None = None
    wg_seeing: int | None = Field(None, ge=1, le=4)
    wg_hearing: int | None = Field(None, ge=1, le=4)
    wg_walking: int | None = Field(None, ge=1, le=4)
    wg_cognition: int | None = Field(None, ge=1, le=4)
    wg_selfcare: int | None = Field(None, ge=1, le=4)
    wg_communication: int | None = Field(None, ge=1, le=4)
    victim_of_violence: bool = False
    victim_of_disaster: bool = False
    living_on_street: bool = False
    lgbtqi: YesNoUnknown | None = None
    consent: ConsentIn
    registration_token: uuid.UUID | None = Field(
        None, description="Any UUID chosen by the client: sending the same registration again with it returns the "
                          "person registered the first time instead of a duplicate.")
    confirm_new: bool = Field(False, description="Register even if people who look like this one exist (409).")


class LookAlike(Schema):
    uuid: uuid.UUID
    code: str
    given_names: str
    family_names: str
    birth_date: date | None


class Duplicates(Schema):
    detail: str
    possible_duplicates: list[LookAlike]


class ServiceRow(Schema):
    uuid: uuid.UUID
    name: str
    service_type: str
    category: str
    modality: str
    relationship: str
    cost_model: str
    status: str


class ServiceDetail(ServiceRow):
    description: str
    origin: str
    target_groups: list[str]
    deliveries: int
    people: int
    last_delivery: date | None


class ServicePage(Page):
    results: list[ServiceRow]


class DeliveryRow(Schema):
    uuid: uuid.UUID
    service: uuid.UUID
    participant: uuid.UUID
    participant_code: str
    delivered_on: date
    quantity: int
    channel: DeliveryChannelCode
    note: str
    recorded_at: datetime


class DeliveryPage(Page):
    results: list[DeliveryRow]


class DeliveryIn(Schema):
    service: uuid.UUID
    participants: list[uuid.UUID] = Field(..., min_length=1, max_length=500)
    delivered_on: IsoDate
    quantity: int = Field(1, ge=1, le=1000)
    note: str = Field("", max_length=500, pattern=r"^[^\x00]*$")
    submission: uuid.UUID | None = Field(
        None, description="Any UUID chosen by the client: sending the same deliveries again with it records each "
                          "person once.")
    channel: ChannelIn = Field(None, description="How the people received it; by default, the service's usual "
                                                 "channel (its modality when that is a channel, else on_site).")
    confirm_repeat: bool = Field(False, description="Record even for people who already received this service on "
                                                    "this date (409 otherwise), as the pages ask before a second one.")


class Repeats(Schema):
    detail: str
    earlier: list[DeliveryRow] = Field(description="The deliveries of this service to these people on this date "
                                                   "already recorded.")


class DeliveriesRecorded(Schema):
    created: int = Field(description="How many were recorded by this request (0 when sent again).")
    deliveries: list[DeliveryRow]


# --- Serializers ------------------------------------------------------------------------------------------

def participant_row(person: Participant) -> dict[str, Any]:
    return {
        "uuid": person.uuid, "code": person.code, "given_names": person.given_names,
        "family_names": person.family_names, "preferred_name": person.preferred_name,
        "birth_date": person.birth_date, "birth_date_estimated": person.birth_date_estimated,
        "age": person.age(), "age_band": person.age_band,
    }


def _document(person: Participant, *, sensitive: bool) -> dict[str, str]:
    shown = document_type_for(person, sensitive=sensitive)
    return {"document_type": shown, "document_name": person.document_name if shown else "",
            "document_country": str(person.document_country or "") if shown else ""}


def participant_detail(request, person: Participant, *, sensitive: dict | None) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        **participant_row(person),
        "sex": person.sex, "gender": person.gender, "nationality": str(person.nationality or ""),
        "phone": person.phone, "email": person.email, "preferred_language": person.preferred_language,
        "preferred_channel": person.preferred_channel,
        **_document(person, sensitive=sensitive is not None),
        "document_number": person.document_number,
        "household": person.household.uuid if person.household_id else None,
        "household_relationship": person.household_relationship, "registered_at": person.created_at,
        "groups": [g.code for g in groups_of(person, today, include_sensitive=sensitive is not None)],
        "consents": [{"uuid": c.uuid, "purpose": c.purpose, "given_by": c.given_by, "method": c.method,
                      "given_at": c.given_at, "withdrawn_at": c.withdrawn_at} for c in person.consents.all()],
        "sensitive": sensitive,
    }


def service_row(service: Service) -> dict[str, Any]:
    return {name: getattr(service, name) for name in ServiceRow.model_fields}


def delivery_row(delivery: ServiceDelivery) -> dict[str, Any]:
    return {
        "uuid": delivery.uuid, "service": delivery.service.uuid, "participant": delivery.participant.uuid,
        "participant_code": delivery.participant.code, "delivered_on": delivery.delivered_on,
        "quantity": delivery.quantity, "channel": delivery.channel, "note": delivery.note,
        "recorded_at": delivery.recorded_at,
    }


# --- People -----------------------------------------------------------------------------------------------

@router.get("/centers/{center_slug}/participants", response={200: ParticipantPage, **ERRORS},
            summary="Find people", operation_id="participant_list")
def participant_list(
    request,
    center_slug: CenterSlug,
    q: Annotated[str, Query(max_length=200, description="Name, code, phone or document; typo-tolerant.")] = "",
    group: Annotated[GroupCode | None, Query(description="A population group (sensitive ones only for roles that "
                                                        "read sensitive data).")] = None,
    mobility: Annotated[MobilityStatus | None, Query(description="Only for roles that read sensitive data.")] = None,
    age: AgeGroupCode | None = None,
    service: Annotated[uuid.UUID | None, Query(description="People who received this service.")] = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
):
    """The people of the center, newest first, or best match first with `q`; the same filters as the page.
    Filtering by sensitive data (mobility status, sensitive groups) is audited like on the page."""
    membership = member_of(request, center_slug, PEOPLE_VIEW)
    center = membership.center
    sensitive_group = group in GROUPS and GROUPS[group].sensitive
    if (mobility or sensitive_group) and not has_perm(request, SENSITIVE_VIEW):
        raise Forbidden(_("Your role does not read sensitive data, so it cannot filter by it."))
    form, people, query = found_people(request, center)
    if form.is_bound and not form.is_valid():
        raise Invalid(form_errors(form, "query"))
    if query:
        ranked = search.search(people, query, country=center.country.code)
        found = Participant.objects.in_bulk(ranked)
        people = [found[pk] for pk in ranked if pk in found]
    else:
        people = people.order_by("-created_at", "-pk")
    return paginated(people, page, page_size, participant_row)


@router.get("/centers/{center_slug}/participants/{participant_id}", response={200: ParticipantDetail, **ERRORS},
            summary="A person's profile", operation_id="participant_detail")
def participant_detail_view(request, participant_id: uuid.UUID, center_slug: CenterSlug):
    """The person's data; the sensitive part only for roles that read it, and the read is audited."""
    membership = member_of(request, center_slug, PEOPLE_VIEW)
    person = access_participant(request, participant_id)
    audit.record_read("people.participant.viewed", person, actor=request.user)
    sensitive = people_services.read_sensitive(person, membership=membership)
    return participant_detail(request, person, sensitive=sensitive)


def _form_data(payload: ParticipantIn) -> dict[str, Any]:
    """The JSON body as the registration page's form would post it."""
    data: dict[str, Any] = {}
    for name, value in payload.model_dump(exclude={"consent", "registration_token", "confirm_new"}).items():
        value = getattr(value, "value", value)
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else str(value)
    consent = payload.consent
    data.update({"consent_given_by": consent.given_by.value, "consent_given_by_name": consent.given_by_name,
                 "consent_method": consent.method.value})
    for name, value in (("consent_data_processing", consent.data_processing), ("consent_contact", consent.contact),
                        ("confirm_new", payload.confirm_new)):
        if value:
            data[name] = "on"
    if payload.registration_token:
        data["submission"] = str(payload.registration_token)
    return data


@router.post("/centers/{center_slug}/participants",
             response={201: ParticipantDetail, 200: ParticipantDetail, 409: Duplicates, **WRITE_ERRORS},
             summary="Register a person", operation_id="participant_register")
def participant_register(request, payload: ParticipantIn, center_slug: CenterSlug):
    """Register a person with their consent, with the same rules as the registration page.

    Answers 409 with the look-alikes when people with a very similar name, the same phone or document exist
    (send again with `confirm_new`), and 200 with the person already registered when `registration_token`
    was used before."""
    membership = member_of(request, center_slug, PEOPLE_REGISTER)
    center = membership.center
    form = RegistrationForm(_form_data(payload), with_sensitive=True)
    if not form.is_valid():
        raise Invalid(form_errors(form))
    token = form.cleaned_data["submission"]
    already = Participant.objects.filter(center=center, registration_token=token).first() if token else None
    if already is not None:
        return Status(200, participant_detail(request, already, sensitive=None))
    if not form.cleaned_data["confirm_new"]:
        duplicates = search.possible_duplicates(center, form.participant_data())
        if duplicates:
            return Status(409, {
                "detail": _("People who look like this one are already registered: check them, or send again "
                            "with confirm_new."),
                "possible_duplicates": [{name: getattr(p, name) for name in LookAlike.model_fields}
                                        for p in duplicates],
            })
    person, created = people_services.register_participant(
        center, form.participant_data(), consent=form.consent_data(), actor=request.user, token=token,
        also_for=[Consent.Purpose.CONTACT] if form.cleaned_data["consent_contact"] else [],
    )
    return Status(201 if created else 200, participant_detail(request, person, sensitive=None))


# --- Services ---------------------------------------------------------------------------------------------

@router.get("/centers/{center_slug}/services", response={200: ServicePage, **ERRORS},
            summary="The service portfolio", operation_id="service_list")
def service_list(request, center_slug: CenterSlug, status: ServiceStatus | None = None,
                 page: PageNumber = 1, page_size: PageSize = 50):
    center = member_of(request, center_slug, SERVICES_VIEW).center
    services = Service.objects.filter(center=center).order_by("category", "name")
    if status:
        services = services.filter(status=status)
    return paginated(services, page, page_size, service_row)


@router.get("/centers/{center_slug}/services/{service_id}", response={200: ServiceDetail, **ERRORS},
            summary="A service and its figures", operation_id="service_detail")
def service_detail(request, service_id: uuid.UUID, center_slug: CenterSlug):
    center = member_of(request, center_slug, SERVICES_VIEW).center
    service = get_object_or_404(Service, center=center, uuid=service_id)
    figures = ServiceDelivery.objects.filter(service=service).aggregate(
        total=Count("id"), people=Count("participant", distinct=True), last=Max("delivered_on"))
    return {**service_row(service), "description": service.description, "origin": service.origin,
            "target_groups": list(service.target_groups or []), "deliveries": figures["total"],
            "people": figures["people"], "last_delivery": figures["last"]}


# --- Deliveries -------------------------------------------------------------------------------------------

@router.get("/centers/{center_slug}/deliveries", response={200: DeliveryPage, **ERRORS},
            summary="Services given", operation_id="delivery_list")
def delivery_list(
    request,
    center_slug: CenterSlug,
    service: uuid.UUID | None = None,
    participant: uuid.UUID | None = None,
    date_from: Annotated[IsoDate | None, Query(description="From this date (included).")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Up to this date (included).")] = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
):
    """Deliveries of the center, newest first. They name people: for roles that find people."""
    center = member_of(request, center_slug, PEOPLE_VIEW).center
    deliveries = (ServiceDelivery.objects.filter(center=center).select_related("service", "participant")
                  .order_by("-delivered_on", "-recorded_at", "-pk"))
    if service:
        deliveries = deliveries.filter(service__uuid=service)
    if participant:
        deliveries = deliveries.filter(participant__uuid=participant)
    if date_from:
        deliveries = deliveries.filter(delivered_on__gte=date_from)
    if date_to:
        deliveries = deliveries.filter(delivered_on__lte=date_to)
    return paginated(deliveries, page, page_size, delivery_row)


@router.post("/centers/{center_slug}/deliveries", response={201: DeliveriesRecorded, 409: Repeats, **WRITE_ERRORS},
             summary="Record services given", operation_id="delivery_record")
def delivery_record(request, payload: DeliveryIn, center_slug: CenterSlug):
    """Record that each person received the service on the date, all or nothing, with the rules of the
    bulk page (an active service of this center, people of this center, no future date).

    Answers 409 with the deliveries already recorded when some of the people received the service on that date
    under another submission (send again with `confirm_repeat` to record another one)."""
    center = member_of(request, center_slug, DELIVERY_RECORD).center
    form = BulkDeliveryForm({
        "service": str(payload.service), "delivered_on": payload.delivered_on.isoformat(),
        "quantity": str(payload.quantity), "people": [str(p) for p in payload.participants], "action": "save",
        "submission": str(payload.submission) if payload.submission else "", "channel": payload.channel or "",
    }, center=center)
    if not form.is_valid():
        errors = form_errors(form)
        for item in errors:  # the API's names for the form's fields
            item["loc"] = [{"people": "participants"}.get(part, part) for part in item["loc"]]
        raise Invalid(errors)
    submission = form.cleaned_data["submission"] or uuid.uuid4()
    try:
        created = service_actions.record_deliveries(
            center, form.cleaned_data["service"], form.cleaned_data["people"],
            delivered_on=form.cleaned_data["delivered_on"], quantity=form.cleaned_data["quantity"],
            channel=form.cleaned_data["channel"], note=payload.note, actor=request.user, submission=submission,
            allow_same_day=payload.confirm_repeat,
        )
    except service_actions.RepeatedDelivery as repeat:
        return Status(409, {
            "detail": _("Some of the people already received this service on this date: leave them out, or send "
                        "again with confirm_repeat to record another one."),
            "earlier": [delivery_row(d) for d in repeat.earlier],
        })
    deliveries = (ServiceDelivery.objects.filter(center=center, submission=submission)
                  .select_related("service", "participant").order_by("pk"))
    return Status(201, {"created": len(created), "deliveries": [delivery_row(d) for d in deliveries]})


__all__ = ["router", "Error"]
