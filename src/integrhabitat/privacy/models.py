"""The center as a data controller (Colombia's Ley 1581 de 2012, the ICRC Handbook on Data Protection in
Humanitarian Action): what people ask about their data and the answers given in time, and the incidents
that put people's data at risk."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.crypto import EncryptedTextField
from integrhabitat.network.models import Center


class DataRequest(models.Model):
    """A person's request about their own data, received at the desk, by phone, email or the portal.
    Queries (access) are answered within 10 business days, claims (correction, erasure, objection) within
    15, each extendable once with a written reason (Ley 1581, arts. 14 and 15)."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access: what data the center holds")
        CORRECTION = "correction", _("Correction of wrong or incomplete data")
        ERASURE = "erasure", _("Erasure of the data")
        OBJECTION = "objection", _("Objection to a use, or withdrawal of consent")

    class Channel(models.TextChoices):
        DESK = "desk", _("In person")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email or letter")
        PORTAL = "portal", _("Participant portal")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        EXTENDED = "extended", _("Extended")
        ANSWERED = "answered", _("Answered")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTLY = "partly", _("Partly granted")
        REFUSED = "refused", _("Refused, with the reason")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="data_requests")
    # The person the data is about; kept when they are anonymized, so that the register shows it was done.
    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="data_requests",
                                    verbose_name=_("person"))
    kind = models.CharField(_("request"), max_length=12, choices=Kind)
    channel = models.CharField(_("received by"), max_length=8, choices=Channel, default=Channel.DESK)
    received_on = models.DateField(_("received on"))
    made_by = models.CharField(_("made by, when not the person"), max_length=200, blank=True,
                               help_text=_("A guardian, a legal representative or an organization, and why."))
    details = EncryptedTextField(_("what was asked"), max_length=4000)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    due_on = models.DateField(_("answer due on"))
    extension_reason = models.TextField(_("reason for the extension"), max_length=2000, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome, blank=True)
    answer = EncryptedTextField(_("answer"), max_length=6000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("data protection request")
        indexes = [models.Index(fields=["center", "status", "due_on"], name="data_request_due")]
        constraints = [models.CheckConstraint(
            condition=~models.Q(status="answered") | (models.Q(answered_on__isnull=False) & ~models.Q(outcome="")),
            name="data_request_answer_complete")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.received_on})"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.ANSWERED


class Breach(models.Model):
    """A security incident that put personal data at risk: lost phone or paper forms, data sent to the wrong
    organization, an account broken into. The authority and the people affected are told within 72 hours of
    its discovery when it is likely to harm them (the ICRC Handbook, GDPR art. 33; in Colombia the SIC)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        CONTAINED = "contained", _("Contained")
        CLOSED = "closed", _("Closed")

    class Category(models.TextChoices):
        IDENTITY = "identity", _("Names and identity documents")
        CONTACT = "contact", _("Phones, emails and addresses")
        MOBILITY = "mobility", _("Human mobility and legal status")
        SENSITIVE = "sensitive", _("Differential approach: disability, ethnicity, LGBTQI+, victimhood")
        CASES = "cases", _("Case notes, assessments and referrals")
        SERVICES = "services", _("Services received and attendance")
        ACCOUNTS = "accounts", _("Staff accounts and passwords")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="breaches")
    title = models.CharField(_("what happened, in a line"), max_length=200)
    discovered_at = models.DateTimeField(_("discovered at"))
    occurred_at = models.DateTimeField(_("happened at (if known)"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=6000)
    categories = models.JSONField(_("data affected"), default=list)
    people_affected = models.PositiveIntegerField(_("people affected (estimate)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    actions = models.TextField(_("actions taken"), max_length=6000, blank=True)
    authority_notified_at = models.DateTimeField(_("authority notified at"), null=True, blank=True)
    people_notified_at = models.DateTimeField(_("people affected told at"), null=True, blank=True)
    no_notice_reason = models.TextField(
        _("why nobody needs to be notified"), max_length=2000, blank=True,
        help_text=_("Only when the incident is unlikely to harm anyone (for example, an encrypted phone)."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-discovered_at", "-pk"]
        verbose_name = _("data breach")
        constraints = [models.CheckConstraint(condition=models.Q(occurred_at__isnull=True)
                                              | models.Q(occurred_at__lte=models.F("discovered_at")),
                                              name="breach_occurred_before_discovered")]

    def __str__(self) -> str:
        return self.title

    @property
    def notified(self) -> bool:
        return self.authority_notified_at is not None or bool(self.no_notice_reason)


class RetentionRule(models.Model):
    """How long the network keeps one category of data (ICRC Handbook: no longer than the purpose needs).
    `days` None: kept. `integrhabitat apply_retention` (the worker, daily) applies the rules; the network
    coordinator sees what a run would remove before it does."""

    class Category(models.TextChoices):
        INACTIVE_PEOPLE = "inactive_people", _("People who have not come for this long: anonymized")
        CLOSED_CASE_NOTES = "closed_case_notes", _("Confidential notes of cases closed this long ago: deleted")
        IMPORT_FILES = "import_files", _("Uploaded spreadsheets and the rows an import left out: deleted")
        AUDIT_ENTRIES = "audit_entries", _("Audit entries older than this: deleted (the chain stays verifiable)")
        PORTAL_CODES = "portal_codes", _("Portal sign-in codes and wrong tries older than this: deleted")
        SESSIONS = "sessions", _("Sessions expired this long ago: deleted")

    category = models.CharField(_("data"), max_length=20, choices=Category, unique=True)
    days = models.PositiveIntegerField(_("kept for (days)"), null=True, blank=True,
                                       help_text=_("Empty: kept without limit."))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["category"]
        verbose_name = _("retention rule")

    def __str__(self) -> str:
        return f"{self.category}: {self.days}"
