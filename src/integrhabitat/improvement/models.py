"""Listening to people (seed §5): suggestions, complaints and compliments, handled to an answer."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integrhabitat.lib.crypto import EncryptedCharField, EncryptedTextField
from integrhabitat.network.models import Center, FileHolder
from integrhabitat.services.taxonomy import Category


def tracking_code() -> str:
    """What the person keeps to follow their message: short, unambiguous, not guessable."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Feedback(models.Model):
    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        COMPLAINT = "complaint", _("Complaint")
        COMPLIMENT = "compliment", _("Compliment")

    class Category(models.TextChoices):
        SERVICE = "service", _("A service or activity")
        ATTENTION = "attention", _("How I was attended")
        WAITING = "waiting", _("Waiting times or opening hours")
        PLACE = "place", _("The place: cleanliness, access, safety")
        INFORMATION = "information", _("Information I was given")
        DISCRIMINATION = "discrimination", _("Discrimination")
        # Abuse or misconduct by staff, volunteers or partners: only the coordinator sees it.
        MISCONDUCT = "misconduct", _("Abuse or misconduct")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", pgettext_lazy("feedback", "In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", pgettext_lazy("feedback", "Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="feedback")
    code = models.CharField(max_length=12, unique=True, default=tracking_code, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    category = models.CharField(_("about"), max_length=16, choices=Category, default=Category.SERVICE)
    service = models.ForeignKey("services.Service", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="feedback", verbose_name=_("service"))
    body = EncryptedTextField(_("message"), max_length=4000)
    # All optional: anyone may write anonymously.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact = EncryptedCharField(_("phone or email to answer you"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.RECEIVED)
    due_on = models.DateField(_("answer due on"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("handled by"))
    escalated = models.BooleanField(_("escalated to the coordinator"), default=False)
    response = EncryptedTextField(_("answer to the person"), blank=True, max_length=4000)
    responded_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["status", "due_on", "-received_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="answered") | ~models.Q(response=""),
                                   name="feedback_answered_has_response"),
        ]
        indexes = [models.Index(fields=["center", "status", "due_on"], name="feedback_queue")]

    def __str__(self) -> str:
        return self.code

    @property
    def is_restricted(self) -> bool:
        """Abuse or misconduct, or escalated: for the coordinator only."""
        return self.category == self.Category.MISCONDUCT or self.escalated


class Satisfaction(models.Model):
    """A short rating after a service: 1 to 5 and an optional comment."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Participant portal")
        KIOSK = "kiosk", _("Tablet at the center")
        STAFF = "staff", _("Entered by staff")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="ratings")
    service = models.ForeignKey("services.Service", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="ratings", verbose_name=_("service"))
    # Only from the portal, where the person is known; kiosk and staff entries stay anonymous.
    delivery = models.OneToOneField("services.ServiceDelivery", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="rating")
    score = models.PositiveSmallIntegerField(_("how satisfied"), choices=[(i, str(i)) for i in range(1, 6)])
    comment = EncryptedCharField(_("comment"), max_length=1000, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel)
    # One of a burst of anonymous ratings (more than `improvement.services.KIOSK_BURST` a minute at one
    # center's tablet): kept, and shown as such, but left out of every satisfaction figure.
    in_burst = models.BooleanField(_("in a burst"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # The ratings that count in figures.
    class Counted(models.Manager):
        def get_queryset(self):
            return super().get_queryset().filter(in_burst=False)

    objects = models.Manager()
    counted = Counted()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("satisfaction rating")
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                              name="satisfaction_score_1_to_5")]
        indexes = [models.Index(fields=["center", "created_at"], name="satisfaction_center_date")]

    def __str__(self) -> str:
        return f"{self.score} ({self.channel})"


# --- Indicators (seed §5, §8): computed ones live in `indicators.py`; these hold what people enter.

class Dimension(models.TextChoices):
    INTEGRATION = "integration", _("Integration")
    INCLUSION = "inclusion", _("Inclusion")
    COHESION = "cohesion", _("Social cohesion")
    OPERATION = "operation", _("Operation")


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class ManualIndicator(models.Model):
    """An indicator the platform cannot count (for example: jobs obtained after a course), entered per
    month. With no center it belongs to the whole network's catalogue."""

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Sum of the months")
        AVERAGE = "average", _("Average of the months")
        LAST = "last", _("Latest month")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, null=True, blank=True, related_name="indicators")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension)
    definition = models.TextField(_("definition"), max_length=2000)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example: people, %, days."))
    direction = models.CharField(_("direction"), max_length=4, choices=Direction, default=Direction.UP)
    aggregation = models.CharField(_("over a period"), max_length=8, choices=Aggregation, default=Aggregation.SUM)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dimension", "name"]
        constraints = [models.UniqueConstraint(fields=["center", "code"], name="manual_indicator_code_unique"),
                       models.UniqueConstraint(fields=["code"], condition=models.Q(center__isnull=True),
                                               name="network_indicator_code_unique")]

    def __str__(self) -> str:
        return self.name


class ManualValue(models.Model):
    indicator = models.ForeignKey(ManualIndicator, on_delete=models.CASCADE, related_name="values")
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="indicator_values")
    month = models.DateField(_("month"))  # its first day
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("source or note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["indicator", "center", "month"], name="manual_value_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.month:%Y-%m}: {self.value}"


class Target(models.Model):
    """What a center aims at for an indicator (computed or manual, by code) in a calendar year."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["center", "indicator", "year"], name="target_unique")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


# --- Service reviews (seed §5: a service whose goal is reached is changed or retired).

class ServiceReview(models.Model):
    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue as it is")
        ADAPT = "adapt", _("Adapt it")
        RETIRE = "retire", _("Retire it")
        NEW = "new", _("Create a new service in its place")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="service_reviews")
    service = models.ForeignKey("services.Service", on_delete=models.PROTECT, related_name="reviews",
                                verbose_name=_("service"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    # The figures the decision was taken on, as they were that day (demand, reach, satisfaction...).
    findings = models.JSONField(default=dict, editable=False)
    outcomes = models.TextField(_("outcomes observed"), max_length=4000, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision)
    rationale = models.TextField(_("why"), max_length=4000)
    changes = models.TextField(_("what changes"), max_length=4000, blank=True)
    new_service = models.ForeignKey("services.Service", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="created_by_reviews", verbose_name=_("new service"))
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_at"]
        constraints = [models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                              name="review_period_ordered")]
        indexes = [models.Index(fields=["service", "-reviewed_at"], name="review_service_latest")]

    def __str__(self) -> str:
        return f"{self.service} {self.period_end}"


# --- Public accountability (rendición pública de cuentas).

class AccountabilityReport(models.Model):
    """A center's (or, with no center, the network's) report for a period. While a draft its figures
    are computed live; publishing freezes the suppressed figures in `published` — the public page and
    PDF read only that, and the next report's suppression takes it into account."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="accountability_reports")
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    introduction = models.TextField(_("introduction"), max_length=6000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published = models.JSONField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="report_period_ordered"),
            models.CheckConstraint(condition=~models.Q(status="published") | models.Q(published__isnull=False),
                                   name="report_published_has_figures"),
        ]

    def __str__(self) -> str:
        return self.title


class AccountabilityEvent(models.Model):
    """The public meeting where the center presents its results to the community."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="accountability_events")
    report = models.ForeignKey(AccountabilityReport, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="events", verbose_name=_("report presented"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    attendees = models.PositiveIntegerField(_("number of attendees"))
    attendees_description = models.CharField(_("who came"), max_length=500, blank=True,
                                             help_text=_("Groups and organizations, never names of participants."))
    summary = models.TextField(_("summary"), max_length=6000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.place} {self.held_on}"


class EventQuestion(models.Model):
    event = models.ForeignKey(AccountabilityEvent, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("question raised"), max_length=2000)
    answer = models.TextField(_("answer given"), max_length=4000, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.question[:60]


class Commitment(models.Model):
    """A commitment made before the community: a follow-up item until it is kept."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("commitment", "Open")
        IN_PROGRESS = "in_progress", pgettext_lazy("commitment", "In progress")
        DONE = "done", pgettext_lazy("commitment", "Kept")
        DROPPED = "dropped", pgettext_lazy("commitment", "Dropped")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="commitments")
    event = models.ForeignKey(AccountabilityEvent, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("commitment"), max_length=2000)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="commitments", verbose_name=_("responsible"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.OPEN)
    progress_note = models.TextField(_("what was done"), max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(status__in=["done", "dropped"])
                                              | ~models.Q(progress_note=""),
                                              name="commitment_settled_has_note")]
        indexes = [models.Index(fields=["center", "status", "due_on"], name="commitment_open_due")]

    def __str__(self) -> str:
        return self.text[:60]


# --- Learning across the network (the seed's Community of Practice).

class Practice(models.Model):
    """A best practice a center shares with the network; the network coordinator curates."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for curation")
        PUBLISHED = "published", pgettext_lazy("practice", "Published")
        RETURNED = "returned", _("Returned for changes")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="practices")
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("service category"), max_length=4, choices=Category)
    context = models.TextField(_("context"), max_length=4000, help_text=_("The situation and the people it served."))
    what_was_done = models.TextField(_("what was done"), max_length=6000)
    results = models.TextField(_("results"), max_length=4000)
    lessons = models.TextField(_("lessons learned"), max_length=4000)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    featured = models.BooleanField(_("featured by the network"), default=False)
    curator_note = models.TextField(_("note from the network coordinator"), max_length=2000, blank=True)
    search_text = models.CharField(max_length=1000, editable=False, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-featured", "-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "category"], name="practice_status_category")]

    def __str__(self) -> str:
        return self.title


def practice_file_path(instance, filename: str) -> str:
    # Kept for migration 0003; attachments are stored through `network.files` now (`StoredFile`).
    return f"practices/{instance.practice.uuid}/{uuid.uuid4().hex}"


class PracticeAttachment(FileHolder):
    """A file attached to a practice; the file itself (`stored`) belongs to the practice's center."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        ordering = ["stored__uploaded_at"]


# --- Lienzo de negocio social: generated from data, with the center's own words beside it.

class Canvas(models.Model):
    center = models.OneToOneField(Center, on_delete=models.CASCADE, related_name="canvas")
    # One narrative per block, keyed by the block's code in `canvas.BLOCKS`.
    narratives = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    def __str__(self) -> str:
        return str(self.center)


# --- Figures kept: the dashboards' aggregate table.

class FigureSnapshot(models.Model):
    """The figures of one dashboard (a center's results, the network overview…) for one period, as last
    computed, with the fingerprint of the data they came from (`dashboard.data_version`). A page shows them
    at once; when the data has changed since, it shows them with their time while a worker computes them
    again (`improvement/results/snapshots.py`)."""

    key = models.CharField(max_length=64, unique=True)
    family = models.CharField(max_length=64, db_index=True)  # the same page, whatever the period
    name = models.CharField(max_length=40)
    # What to compute again: name, center ids, period, options and language, as JSON.
    request = models.JSONField()
    version = models.CharField(max_length=20)
    value = models.BinaryField()
    computed_at = models.DateTimeField(db_index=True)
    refresh_queued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} {self.computed_at:%Y-%m-%d %H:%M}"
