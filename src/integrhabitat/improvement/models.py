"""Listening to people (seed §5): suggestions, complaints and compliments, handled to an answer."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integrhabitat.network.models import Center


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
    body = models.TextField(_("message"), max_length=4000)
    # All optional: anyone may write anonymously.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact = models.CharField(_("phone or email to answer you"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.RECEIVED)
    due_on = models.DateField(_("answer due on"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("handled by"))
    escalated = models.BooleanField(_("escalated to the coordinator"), default=False)
    response = models.TextField(_("answer to the person"), blank=True, max_length=4000)
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
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("satisfaction rating")
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                              name="satisfaction_score_1_to_5")]
        indexes = [models.Index(fields=["center", "created_at"], name="satisfaction_center_date")]

    def __str__(self) -> str:
        return f"{self.score} ({self.channel})"
