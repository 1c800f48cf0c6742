"""Co-creation (seed §8, §1): participatory processes and the proposals people make about the
center's services and their territory, with the center's public answer and progress."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant
from integrhabitat.services.taxonomy import Category


class Process(models.Model):
    class Kind(models.TextChoices):
        DIAGNOSIS = "diagnosis", _("Participatory diagnosis")
        PLANNING = "planning", _("Planning")
        DESIGN = "design", _("Co-design")
        EVALUATION = "evaluation", _("Evaluation")
        BUDGETING = "budgeting", _("Participatory budgeting")

    class Scope(models.TextChoices):
        SERVICES = "services", _("The center's services")
        PUBLIC_SPACE = "public_space", _("Public space")
        FACILITIES = "facilities", _("Community facilities")
        INFRASTRUCTURE = "infrastructure", _("Neighbourhood infrastructure")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("process", "Planned")
        OPEN = "open", pgettext_lazy("process", "Open")
        CLOSED = "closed", pgettext_lazy("process", "Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="processes")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope)
    description = models.TextField(_("description"), blank=True, max_length=6000)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PLANNED)
    is_public = models.BooleanField(_("shown on the public page"), default=True)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("participatory process")
        verbose_name_plural = _("participatory processes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="process_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Phase(models.Model):
    """A stage of a process with its dates (e.g. collecting proposals, evaluation, vote, results)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("phase"), max_length=200)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("phase")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="phase_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A meeting of a process: its agenda, then its minutes and who came."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True, max_length=4000)
    minutes = models.TextField(_("minutes"), blank=True, max_length=12000)
    attendees = models.ManyToManyField(Participant, blank=True, related_name="process_meetings",
                                       verbose_name=_("attendees"))

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return f"{self.process_id} @ {self.date}"


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", pgettext_lazy("proposal", "Accepted")
        IN_PROGRESS = "in_progress", pgettext_lazy("proposal", "In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="proposals")
    process = models.ForeignKey(Process, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals",
                                verbose_name=_("process"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=6000)
    category = models.CharField(_("category"), max_length=4, choices=Category)
    area = models.CharField(_("area or place"), max_length=200, blank=True,
                            help_text=_("Where it applies, for example: the park on 38th street."))
    author = models.ForeignKey(Participant, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="proposals", verbose_name=_("proposed by"))
    # Staff recording a proposal on someone's behalf (a workshop's paper sheets).
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SUBMITTED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    answer = models.TextField(_("public answer"), blank=True, max_length=4000)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="proposal_progress_percent"),
            models.CheckConstraint(condition=~models.Q(status="not_accepted") | ~models.Q(answer=""),
                                   name="proposal_refusal_is_answered"),
        ]
        indexes = [models.Index(fields=["center", "status"], name="proposal_center_status")]

    def __str__(self) -> str:
        return self.title


class Support(models.Model):
    """One participant's support for a proposal: once per person."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "participant"], name="support_once_per_person")]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.proposal_id}"


class Comment(models.Model):
    """A comment on a proposal, stored as plain text and shown escaped; staff may hide it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="comments")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    body = models.TextField(_("comment"), max_length=2000)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id} @ {self.created_at}"
