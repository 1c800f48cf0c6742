import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from integrhabitat.network.roles import Role, role_has_perm, roles_with


class Center(models.Model):
    """One IntegrHabitat center: the tenant that owns its people, services and records (seed §1, §4, §5)."""

    class Kind(models.TextChoices):
        ADAPTED = "adapted", _("Existing center adapted")
        NEW = "new", _("New initiative")

    class Modality(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")
        COMMUNITY = "community", _("Community")
        MIXED = "mixed", _("Mixed")

    class Scale(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", _("Community / neighbourhood")
        MUNICIPAL = "municipal", _("Municipal / metropolitan")

    class Phase(models.TextChoices):
        DESIGN = "design", _("Design")
        OPERATION = "operation", _("Operation")
        IMPROVEMENT = "improvement", _("Continuous improvement")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(
        _("short name"), max_length=40, unique=True,
        help_text=_("Used in the web addresses of the center, for example bogota-kennedy."),
    )
    code = models.CharField(
        _("code"), max_length=6, unique=True,
        help_text=_("Two to six capital letters that start the codes of this center's people, for example BOG."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.NEW)
    modality = models.CharField(_("institutional modality"), max_length=16, choices=Modality)
    lead_institution = models.CharField(_("lead institution"), max_length=200, blank=True)
    scale = models.CharField(_("scale"), max_length=16, choices=Scale)
    phase = models.CharField(_("phase"), max_length=16, choices=Phase, default=Phase.OPERATION)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120)
    address = models.CharField(_("address"), max_length=300, blank=True)
    directions = models.TextField(
        _("how to get there"), blank=True, max_length=1000,
        help_text=_("Shown on the center's public page: buses or stations nearby, landmarks, the entrance."),
    )
    territory_served = models.TextField(_("territory served"), blank=True, max_length=2000)
    priority_groups = models.JSONField(_("priority population groups"), default=list, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("For example: español, English, kreyòl.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Last number handed out in this center's person codes (BOG-00042).
    participant_seq = models.PositiveIntegerField(default=0, editable=False)
    # Last number handed out to this center's cases (BOG-C0042).
    case_seq = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("center")
        verbose_name_plural = _("centers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2,6}$"), name="center_code_capital_letters"
            )
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, center__is_active=True)

    def with_perm(self, perm: str):
        """Active memberships whose role grants `perm`."""
        return self.active().filter(role__in=roles_with(perm))


class Membership(models.Model):
    """A staff member's role in one center."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role)
    # Partner staff belong to one organization of the center's alliances and see only its referrals.
    organization = models.ForeignKey(
        "partners.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="staff",
        verbose_name=_("organization"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["center__name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["center", "user"], name="membership_one_per_center"),
            models.CheckConstraint(
                condition=models.Q(role=Role.PARTNER, organization__isnull=False)
                | (~models.Q(role=Role.PARTNER) & models.Q(organization__isnull=True)),
                name="membership_partner_has_organization",
            ),
        ]
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.center} ({self.role})"

    @property
    def start_page(self) -> str:
        """The URL name where this member's work starts."""
        return "cases:partner_inbox" if self.role == Role.PARTNER else "improvement:center_home"

    def has_perm(self, perm: str) -> bool:
        return self.is_active and role_has_perm(self.role, perm)


def stored_file_path(instance: "StoredFile", filename: str) -> str:
    """Where a stored file goes on disk: the folder `network.files.store` chose, and a random name. Never the
    uploader's name (it is only shown, and sent back as the download's name), and nobody can guess another's."""
    folder = filename.rsplit("/", 1)[0] if "/" in filename else "files"
    return f"{folder}/{uuid.uuid4().hex}"


class StoredFile(models.Model):
    """A file a center's staff uploaded, kept in private storage (MEDIA_ROOT, never served by URL): its
    bytes and what is known of them. The records that carry a file (an agreement's document, a practice's
    attachment, an import) hold it through a one-to-one link to a row here and keep only their own facts.

    Uploaded, checked and served only through `network.files` (one validation, one audited download)."""

    class Purpose(models.TextChoices):
        AGREEMENT_DOCUMENT = "agreement_document", _("Agreement document")
        PRACTICE_ATTACHMENT = "practice_attachment", _("Practice attachment")
        IMPORT = "import", _("File to import")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The center whose file it is: downloads from any other center are answered 404 (unless the owner
    # record is shared with the network, like a published practice).
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=24, choices=Purpose)
    file = models.FileField(upload_to=stored_file_path, max_length=200)
    name = models.CharField(_("file name"), max_length=255)  # as uploaded, made safe: shown and sent back
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    # Not auto_now_add: moving older files in keeps the time they were uploaded.
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self) -> str:
        return self.name


class FileHolder(models.Model):
    """A record that carries one stored file (an agreement's document, a practice's attachment): its own row
    for what it means, the file and its facts read through `stored`."""

    stored = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s",
                                  editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def file(self):
        return self.stored.file

    @property
    def name(self) -> str:
        return self.stored.name

    @property
    def content_type(self) -> str:
        return self.stored.content_type

    @property
    def size(self) -> int:
        return self.stored.size

    @property
    def uploaded_by(self):
        return self.stored.uploaded_by

    @property
    def uploaded_at(self):
        return self.stored.uploaded_at
