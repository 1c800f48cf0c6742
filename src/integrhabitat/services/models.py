import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.crypto import EncryptedCharField
from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.services.taxonomy import SERVICE_TYPES, Category

# How long the person who recorded a delivery may still undo it (a double tap noticed at once). Later,
# correcting it is for those allowed to remove deliveries.
UNDO_MINUTES = 10
UNDO_WINDOW = timedelta(minutes=UNDO_MINUTES)


class DeliveryChannel(models.TextChoices):
    """How one delivery reached the person: a service usually given at the center is sometimes taken to a
    home or an outreach day, or given by phone or video call."""

    ON_SITE = "on_site", _("On site")
    HOME_VISIT = "home_visit", _("Home visit")
    OUTREACH = "outreach", _("Outreach day")
    VIRTUAL = "virtual", _("Virtual")


class Service(models.Model):
    """A service in a center's portfolio (§6, §7, §8)."""

    class Origin(models.TextChoices):
        TERRITORIALIZED = "territorialized", _("Existing offer brought to the territory")
        TAILORED = "tailored", _("Tailored to the center's users")
        LOCAL_INITIATIVE = "local_initiative", _("Platform for local initiatives")

    class Modality(models.TextChoices):
        ON_SITE = "on_site", _("Direct, at the center")
        HOME_VISIT = "home_visit", _("Home visit")
        OUTREACH = "outreach", _("Outreach day")
        PARTNER = "partner", _("Through a partner alliance")
        VIRTUAL = "virtual", _("Virtual channel")
        LOCAL_MEDIA = "local_media", _("Local media")

    class Relationship(models.TextChoices):
        PERSONAL = "personal", _("Personal assistance")
        COMMUNITY = "community", _("Community")
        COCREATION = "cocreation", _("Co-creation")

    class CostModel(models.TextChoices):
        FREE = "free", _("Free")
        SUBSIDIZED = "subsidized", _("Subsidized")
        SLIDING = "sliding", _("Fee by ability to pay")
        FEE = "fee", _("Fee")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        UNDER_REVIEW = "under_review", _("Under review")
        RETIRED = "retired", _("Retired")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    service_type = models.CharField(
        _("service type"), max_length=40, choices=[(k, v[1]) for k, v in SERVICE_TYPES.items()]
    )
    category = models.CharField(_("category"), max_length=4, choices=Category, editable=False)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin, default=Origin.TAILORED)
    modality = models.CharField(_("delivery modality"), max_length=16, choices=Modality, default=Modality.ON_SITE)
    relationship = models.CharField(
        _("relationship"), max_length=12, choices=Relationship, default=Relationship.PERSONAL
    )
    provider = models.ForeignKey(
        "partners.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="services",
        verbose_name=_("provider"), help_text=_("The partner organization that delivers it, if not the center itself."),
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    cost_model = models.CharField(_("cost model"), max_length=12, choices=CostModel, default=CostModel.FREE)
    status = models.CharField(_("status"), max_length=14, choices=Status, default=Status.ACTIVE)
    # Set on a partner's service imported from another Open Referral (HSDS) directory: its id there.
    # Such services are referral destinations, not the center's own offer, and are not re-published.
    hsds_id = models.CharField(_("id in an HSDS directory"), max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="service_name_unique_in_center"),
            models.UniqueConstraint(fields=["center", "hsds_id"], condition=~models.Q(hsds_id=""),
                                    name="service_hsds_id_unique_in_center"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.category = SERVICE_TYPES[self.service_type][0]
        super().save(*args, **kwargs)

    @property
    def usual_channel(self) -> str:
        """The channel of its deliveries unless told otherwise: its modality when that is a channel (a
        service given through a partner or on local media is counted as given on site)."""
        return self.modality if self.modality in DeliveryChannel.values else DeliveryChannel.ON_SITE


# Services a center offers the public: active ones and those being reviewed, not drafts (planned) nor retired.
PUBLIC_STATUSES = (Service.Status.ACTIVE, Service.Status.UNDER_REVIEW)


def public_services(center: Center) -> models.QuerySet[Service]:
    """The services `center` shows on its public page, by category then name: those it offers itself, without
    the partners' services copied from another directory to refer people to (`hsds_id`)."""
    return (Service.objects.filter(center=center, status__in=PUBLIC_STATUSES, hsds_id="")
            .only("uuid", "name", "description", "service_type", "category", "modality", "cost_model")
            .order_by("category", "name"))


class ServiceDelivery(models.Model):
    """One service given to one participant on one date: the fact every indicator counts."""

    Channel = DeliveryChannel

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="deliveries")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="deliveries")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="deliveries")
    delivered_on = models.DateField(_("date"))
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    channel = models.CharField(_("channel"), max_length=12, choices=DeliveryChannel, default=DeliveryChannel.ON_SITE)
    note = EncryptedCharField(_("note"), max_length=500, blank=True)
    # Users provide services to other users too (seed §8): the participant who gave it, if one did.
    provided_by = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="deliveries_provided", verbose_name=_("given by a participant"))
    # Deliveries recorded together (an outreach day's 40 food kits) share one submission token,
    # which also makes a double-clicked submit harmless.
    submission = models.UUIDField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-delivered_on", "-recorded_at"]
        verbose_name = _("service delivery")
        verbose_name_plural = _("service deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "participant"], name="delivery_once_per_submission",
            ),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="delivery_quantity_positive"),
        ]
        indexes = [
            # Covering: the dashboards count people and services of a center's period from the index alone.
            models.Index(fields=["center", "delivered_on"], include=["participant", "service"],
                         name="delivery_center_date_cover"),
            models.Index(fields=["participant", "-delivered_on"], name="delivery_participant_date"),
            # A service's page: its deliveries newest first, and its figures.
            models.Index(fields=["service", "-delivered_on", "-recorded_at", "-id"], name="delivery_service_date"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} → {self.participant_id} ({self.delivered_on})"

    @property
    def undo_is_open(self) -> bool:
        """Whether its recorder may still undo it (`services.undo_delivery`)."""
        return timezone.now() < self.recorded_at + UNDO_WINDOW
