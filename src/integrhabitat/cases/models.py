"""Personal assistance (seed §8): each person's situation handled individually — a case with its
needs assessments, plan, follow-ups, confidential notes and referrals (rutas de atención)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integrhabitat.lib.crypto import EncryptedCharField, EncryptedTextField
from integrhabitat.network.models import Center
from integrhabitat.people.models import Consent, Participant
from integrhabitat.services.taxonomy import Category


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user, *, see_all: bool):
        """The cases a staff member works on: their own and their team's, or all for a coordinator."""
        if see_all:
            return self
        # A subquery, not a join: a join on the team would repeat a case once per member.
        on_team = Case.team.through.objects.filter(user=user).values("case_id")
        return self.filter(models.Q(assigned_to=user) | models.Q(pk__in=on_team))

    def open(self):
        return self.exclude(status=Case.Status.CLOSED)


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIVE = "active", _("Active")
        ON_HOLD = "on_hold", _("On hold")
        CLOSED = "closed", _("Closed")

    class Priority(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")
        CRITICAL = 4, _("Critical")

    class ClosureReason(models.TextChoices):
        GOALS_MET = "goals_met", _("Goals met")
        REFERRED = "referred", _("Referred and followed by another organization")
        MOVED = "moved", _("Moved away or continued their journey")
        NO_CONTACT = "no_contact", _("Lost contact")
        DECLINED = "declined", _("The person no longer wants support")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="cases")
    number = models.PositiveIntegerField(editable=False)
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="cases")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assigned_cases",
                                    verbose_name=_("case worker"))
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="team_cases",
                                  verbose_name=_("team"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority, default=Priority.MEDIUM)
    summary = EncryptedTextField(_("situation on arrival"), blank=True, max_length=4000)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(_("closure reason"), max_length=12, choices=ClosureReason, blank=True)
    closure_note = EncryptedCharField(_("closure note"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-priority", "-opened_on"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(fields=["center", "number"], name="case_number_unique_in_center"),
            models.CheckConstraint(
                condition=~models.Q(status="closed")
                | (models.Q(closed_on__isnull=False) & ~models.Q(closure_reason="")),
                name="case_closed_has_date_and_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["center", "status"], name="case_center_status"),
            # A worker's caseload: their open cases, most urgent first.
            models.Index(fields=["center", "assigned_to", "-priority", "-opened_on"],
                         condition=~models.Q(status="closed"),
                         name="case_open_caseload"),
            # The coordinator's list: every open case of the center, most urgent first, a page at a time.
            models.Index(fields=["center", "-priority", "-opened_on", "id"], condition=~models.Q(status="closed"),
                         name="case_open_by_urgency"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.center.code}-C{self.number:04d}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def team_ids(self) -> set[int]:
        return {self.assigned_to_id, *self.team.values_list("pk", flat=True)}


class NeedLevel(models.IntegerChoices):
    NONE = 0, _("No need")
    LOW = 1, _("Low")
    MODERATE = 2, _("Moderate")
    HIGH = 3, _("High")


class Rating(models.IntegerChoices):
    VERY_LOW = 1, _("1 — very low")
    LOW = 2, _("2 — low")
    MIDDLE = 3, _("3 — middle")
    HIGH = 4, _("4 — high")
    VERY_HIGH = 5, _("5 — very high")


# Needs by service category (field → category) and the three results of the model (seed §3).
NEED_FIELDS = {
    "need_humanitarian": Category.HUMANITARIAN,
    "need_care": Category.CARE,
    "need_housing": Category.HOUSING,
    "need_participation": Category.PARTICIPATION,
    "need_economy": Category.ECONOMY,
    "need_culture": Category.CULTURE,
}
DIMENSION_FIELDS = {
    "integration": _("Integration: access to rights and services"),
    "inclusion": _("Inclusion: taking part in the community and its decisions"),
    "cohesion": _("Cohesion: relations with neighbours and the host community"),
}


def _need(category):
    return models.PositiveSmallIntegerField(category.label, choices=NeedLevel, null=True, blank=True)


def _rating(label):
    return models.PositiveSmallIntegerField(label, choices=Rating, null=True, blank=True)


class Assessment(models.Model):
    """A needs assessment; repeated over the case so that change shows."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("date"))
    need_humanitarian = _need(Category.HUMANITARIAN)
    need_care = _need(Category.CARE)
    need_housing = _need(Category.HOUSING)
    need_participation = _need(Category.PARTICIPATION)
    need_economy = _need(Category.ECONOMY)
    need_culture = _need(Category.CULTURE)
    integration = _rating(DIMENSION_FIELDS["integration"])
    inclusion = _rating(DIMENSION_FIELDS["inclusion"])
    cohesion = _rating(DIMENSION_FIELDS["cohesion"])
    notes = EncryptedTextField(_("observations"), blank=True, max_length=4000)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("needs assessment")

    def __str__(self) -> str:
        return f"{self.case_id} @ {self.assessed_on}"


class Goal(models.Model):
    """A goal of the case plan."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    title = EncryptedCharField(_("goal"), max_length=300)
    category = models.CharField(_("category"), max_length=4, choices=Category)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "due_on", "id"]
        verbose_name = _("goal")

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """A step taken towards a goal; when it was a service, it points at the delivery recorded."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = EncryptedCharField(_("action"), max_length=300)
    delivery = models.ForeignKey("services.ServiceDelivery", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="plan_actions", verbose_name=_("service delivered"))
    done_on = models.DateField(_("date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return self.description


class FollowUp(models.Model):
    """A contact scheduled with the person, and what came of it."""

    class Channel(models.TextChoices):
        AT_CENTER = "center", _("At the center")
        PHONE = "phone", _("Phone call")
        MESSAGE = "message", _("Message (SMS, WhatsApp)")
        HOME_VISIT = "visit", _("Home visit")

    class Outcome(models.TextChoices):
        REACHED = "reached", _("Reached")
        NOT_REACHED = "not_reached", _("Could not be reached")
        RESCHEDULED = "rescheduled", _("Rescheduled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due date"))
    channel = models.CharField(_("channel"), max_length=8, choices=Channel, default=Channel.PHONE)
    purpose = EncryptedCharField(_("purpose"), max_length=300, blank=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups",
                                    verbose_name=_("who"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome, blank=True)
    outcome_note = EncryptedCharField(_("what was agreed"), max_length=1000, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        indexes = [models.Index(fields=["assigned_to", "done_on", "due_on"], name="followup_agenda")]

    def __str__(self) -> str:
        return f"{self.case_id} @ {self.due_on}"


class Note(models.Model):
    """A confidential note: only the case team and the coordinator read it, and each read is audited."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    body = EncryptedTextField(_("note"), max_length=8000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} @ {self.created_at}"


class Referral(models.Model):
    """A remisión: sending the person to an internal service or to a partner organization."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        ATTENDED = "attended", _("Attended")
        CLOSED = "closed", pgettext_lazy("referral", "Closed")
        CANCELLED = "cancelled", pgettext_lazy("referral", "Cancelled")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        PRIORITY = "priority", _("Priority (within a week)")
        URGENT = "urgent", _("Urgent (within 24 hours)")

    # What a worker may choose to share, beyond the name; the partner sees nothing else.
    class Shared(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        BIRTH_DATE = "birth_date", _("Birth date")
        DOCUMENT = "document", _("Identity document")
        NATIONALITY = "nationality", _("Nationality")
        LANGUAGE = "language", _("Preferred language")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="referrals")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="referrals")
    organization = models.ForeignKey("partners.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="referrals", verbose_name=_("organization"))
    service = models.ForeignKey("services.Service", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="referrals", verbose_name=_("service"))
    pathway = models.ForeignKey("partners.Pathway", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="referrals", verbose_name=_("pathway"))
    reason = EncryptedTextField(_("reason"), max_length=2000)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency, default=Urgency.ROUTINE)
    shared_fields = models.JSONField(_("data shared"), default=list, blank=True)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    override_reason = EncryptedTextField(_("reason to refer without consent"), blank=True, max_length=2000)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    answer_note = EncryptedTextField(_("answer"), blank=True, max_length=2000)
    feedback = EncryptedTextField(_("feedback from the service"), blank=True, max_length=2000)
    delivery = models.ForeignKey("services.ServiceDelivery", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="referrals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | models.Q(service__isnull=False),
                name="referral_has_destination",
            ),
            # Outside the center, data travel only with a consent or a written override.
            models.CheckConstraint(
                condition=models.Q(organization__isnull=True) | models.Q(status="draft")
                | models.Q(consent__isnull=False) | ~models.Q(override_reason=""),
                name="referral_external_needs_consent_or_override",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"], name="referral_org_status"),
            models.Index(fields=["center", "sent_at"], name="referral_center_sent"),
            # The referrals list: a center's referrals, newest first.
            models.Index(fields=["center", "-created_at"], name="referral_center_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.organization_id or self.service_id}"

    @property
    def is_external(self) -> bool:
        return self.organization_id is not None

    @property
    def shared_labels(self) -> list:
        return [self.Shared(name).label for name in self.shared_fields if name in self.Shared.values]

    @property
    def destination(self) -> str:
        parts = [str(p) for p in (self.organization, self.service) if p is not None]
        return " · ".join(parts)
