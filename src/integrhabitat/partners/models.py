"""Alliances (seed §7, §10): the organizations of a center's territory, its agreements with them
and the referral pathways that send people to them."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integrhabitat.network.models import Center, FileHolder
from integrhabitat.services.taxonomy import Category

# An agreement ending within this many days is flagged on the actor map and the center home.
EXPIRY_WARNING_DAYS = 60


class Sector(models.TextChoices):
    """The kinds of allies of seed §10."""

    PUBLIC = "public", _("Public sector")
    PRIVATE_CSR = "private_csr", _("Private: corporate social responsibility")
    PRIVATE_ALIGNED = "private_aligned", _("Private: businesses aligned with the model")
    PRIVATE_LOCAL = "private_local", _("Private: local businesses")
    COOPERATION = "cooperation", _("International cooperation and NGOs")
    NETWORK = "network", _("IntegrHabitat network")
    COMMUNITY = "community", _("Community groups")


class Scale(models.TextChoices):
    INTERNATIONAL = "international", _("International")
    NATIONAL = "national", _("National")
    MUNICIPAL = "municipal", _("Municipal")
    COMMUNITY = "community", _("Community")


class PartnerRole(models.TextChoices):
    DONOR = "donor", _("Donor")
    PROVIDER = "provider", _("Service provider")
    AGGREGATOR = "aggregator", _("Brings users")


class RelationshipStatus(models.TextChoices):
    """Where the alliance stands, in the order it usually moves."""

    IDENTIFIED = "identified", _("Identified")
    CONTACTED = "contacted", _("Contacted")
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREEMENT = "agreement", _("Agreement signed")
    ACTIVE = "active", pgettext_lazy("organization", "Active")
    INACTIVE = "inactive", pgettext_lazy("organization", "Inactive")


class OrganizationQuerySet(models.QuerySet):
    def receiving_referrals(self):
        """Organizations a referral may be sent to."""
        return self.filter(status__in=[RelationshipStatus.AGREEMENT, RelationshipStatus.ACTIVE])


class Organization(models.Model):
    """An actor of the center's territory: a possible or actual ally (the seed's "mapeo de actores")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="organizations")
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector)
    scale = models.CharField(_("scale"), max_length=16, choices=Scale)
    roles = models.JSONField(_("roles"), default=list, blank=True)
    priority_groups = models.JSONField(_("priority population groups"), default=list, blank=True)
    description = models.TextField(_("what they do"), blank=True, max_length=4000)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(
        _("relationship status"), max_length=12, choices=RelationshipStatus, default=RelationshipStatus.IDENTIFIED
    )
    # The organization's id in another Open Referral (HSDS) directory it was imported from: a second
    # import of the same dataset finds it again instead of creating a copy.
    hsds_id = models.CharField(_("id in an HSDS directory"), max_length=100, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="organization_name_unique_in_center"),
            models.UniqueConstraint(fields=["center", "hsds_id"], condition=~models.Q(hsds_id=""),
                                    name="organization_hsds_id_unique_in_center"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="organization_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="organization_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def receives_referrals(self) -> bool:
        return self.status in (RelationshipStatus.AGREEMENT, RelationshipStatus.ACTIVE)

    def get_roles_display(self) -> list:
        labels = dict(PartnerRole.choices)
        return [labels[role] for role in self.roles if role in labels]


class StatusChange(models.Model):
    """One step of an organization's relationship with the center: its history."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("relationship status"), max_length=12, choices=RelationshipStatus)
    note = models.CharField(_("note"), max_length=500, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return self.status


class AgreementQuerySet(models.QuerySet):
    def ending_soon(self, today: date):
        """In force today and ending within the warning window: the "expiring" state, in the database."""
        return self.filter(starts_on__lte=today, ends_on__gte=today,
                           ends_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS))


class Agreement(models.Model):
    """A convenio or memorandum of understanding between the center and an organization."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement (convenio)")
        MOU = "mou", _("Memorandum of understanding")
        LETTER = "letter", _("Letter of intent")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="agreements")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.AGREEMENT)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True, help_text=_("Leave empty if open-ended."))
    center_commitments = models.TextField(_("what the center commits to"), blank=True, max_length=4000)
    partner_commitments = models.TextField(_("what the organization commits to"), blank=True, max_length=4000)
    services = models.ManyToManyField("services.Service", blank=True, related_name="agreements",
                                      verbose_name=_("services covered"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def state(self, today: date) -> str:
        """"upcoming", "active", "expiring" (ends within the warning window) or "expired"."""
        if self.starts_on > today:
            return "upcoming"
        if self.ends_on is None:
            return "active"
        if self.ends_on < today:
            return "expired"
        if self.ends_on <= today + timedelta(days=EXPIRY_WARNING_DAYS):
            return "expiring"
        return "active"


def document_path(instance: "AgreementDocument", filename: str) -> str:
    # Kept for migration 0001; documents are stored through `network.files` now (`StoredFile`).
    return f"agreements/{instance.agreement.center_id}/{uuid.uuid4().hex}"


class AgreementDocument(FileHolder):
    """A signed agreement or an annex. Its file (`stored`) is kept outside the static and public files and
    served only by `partners:document_download` to users who may see the agreement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        ordering = ["-stored__uploaded_at"]


class Pathway(models.Model):
    """A referral pathway (ruta de atención): for one need, where to send a person and what they must bring."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="pathways")
    need = models.CharField(_("need"), max_length=200,
                            help_text=_("For example: health care for a migrant without papers."))
    category = models.CharField(_("category"), max_length=4, choices=Category)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "need"]
        verbose_name = _("referral pathway")
        verbose_name_plural = _("referral pathways")
        constraints = [models.UniqueConstraint(fields=["center", "need"], name="pathway_need_unique_in_center")]

    def __str__(self) -> str:
        return self.need


class PathwayStep(models.Model):
    """One place to go on a pathway: an internal service or a partner's, in order."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="pathway_steps", verbose_name=_("organization"))
    service = models.ForeignKey("services.Service", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="pathway_steps", verbose_name=_("service"))
    instructions = models.TextField(_("what happens there"), blank=True, max_length=2000)
    requirements = models.TextField(_("requirements"), blank=True, max_length=2000)
    documents = models.TextField(_("documents to bring"), blank=True, max_length=2000)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | models.Q(service__isnull=False),
                name="pathway_step_has_destination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id} #{self.order}"
