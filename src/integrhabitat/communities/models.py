"""Communities (seed §8): the groups people form at the center — workshops, courses, clubs,
associations, cooperatives, support groups — their members, sessions and attendance."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrhabitat.network.models import Center
from integrhabitat.people.models import Participant


class Group(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop series")
        COURSE = "course", _("Course")
        CLUB = "club", _("Club")
        ASSOCIATION = "association", _("Association")
        COOPERATIVE = "cooperative", _("Cooperative")
        SUPPORT = "support", _("Support group")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        # Formed at the center, it goes on by itself outside it: the seed counts it as social fabric.
        INDEPENDENT = "independent", _("Goes on outside the center")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="community_groups")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    service = models.ForeignKey(
        "services.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="community_groups",
        verbose_name=_("service"), help_text=_("Attendance is counted as a delivery of this service."),
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_groups",
                                          verbose_name=_("facilitators"))
    # Participants who run the group for the others (seed §8: users provide services to users).
    participant_facilitators = models.ManyToManyField(
        Participant, blank=True, related_name="facilitated_groups", verbose_name=_("facilitated by participants"))
    schedule = models.CharField(_("schedule"), max_length=200, blank=True,
                                help_text=_("For example: Tuesdays and Thursdays, 3 to 5 pm."))
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Leave empty if there is no limit."))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="group_name_unique_in_center"),
            models.CheckConstraint(condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                                   name="group_capacity_positive"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="group_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        LEADER = "leader", _("Leader")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Member")
        WAITING = "waiting", _("On the waiting list")
        LEFT = "left", _("Left")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(_("role"), max_length=8, choices=Role, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.ACTIVE)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)  # the order of the waiting list

    class Meta:
        ordering = ["status", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "participant"], name="member_once_per_group")]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.group_id}"


class Session(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("facilitator"))

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("session")

    def __str__(self) -> str:
        return f"{self.group_id} @ {self.date}"


class Attendance(models.Model):
    """A person present at a session. When the group delivers a service, the attendance is also
    that service's delivery (`delivery`), recorded once."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="attendances")
    delivery = models.OneToOneField("services.ServiceDelivery", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="attendance")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="attendance_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.session_id}"
