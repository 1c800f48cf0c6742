"""The demo's accountability event: one public meeting some months before the demo's today, with three
questions the community raised and three commitments the center made — one kept, one in progress and one
overdue — written through the services of `improvement.events`, as staff would have recorded them.

The texts (in `data/accountability_event.toml`) speak of a community center for migrants and the host
community in Kennedy, Bogotá.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from integrhabitat.accounts.models import User
from integrhabitat.demo.catalogue import build, read
from integrhabitat.improvement.events import services as events
from integrhabitat.improvement.models import AccountabilityEvent, Commitment
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role

HELD_DAYS_AGO = 120

_EVENT = read("accountability_event.toml")
# (question, answer), in the order they were asked.
QUESTIONS = [(item["question"], item["answer"]) for item in _EVENT["questions"]]


@dataclass(frozen=True)
class CommitmentSpec:
    text: str
    due: int  # days after the event
    status: Commitment.Status
    note: str
    role: Role  # who follows it up, by role


COMMITMENTS = build(list[CommitmentSpec], _EVENT["commitments"])


def _responsible(center: Center, staff: Iterable[User], role: str, fallback: User) -> User:
    """One of the demo staff with `role` who can be responsible for a commitment, else `fallback`."""
    eligible = set(events.event_staff(center).values_list("pk", flat=True))
    roles = dict(Membership.objects.active().filter(center=center).values_list("user_id", "role"))
    for user in staff:
        if user.pk in eligible and roles.get(user.pk) == role:
            return user
    return fallback


def load_events(center: Center, *, actor: User, staff: Mapping[str, User] | Iterable[User],
                today: date) -> AccountabilityEvent:
    """Record the demo's past accountability event of `center` by `actor` (its coordinator), with its
    questions and commitments; `staff` (by username, or a list) gives who follows the commitments up.
    The event is held `HELD_DAYS_AGO` days before `today`, so that the third commitment is overdue."""
    members = list(staff.values()) if isinstance(staff, Mapping) else list(staff)
    held_on = today - timedelta(days=HELD_DAYS_AGO)
    event = events.save_event(center, {"held_on": held_on, **_EVENT["event"]}, actor=actor)
    for question, answer in QUESTIONS:
        events.add_question(event, question, answer=answer, actor=actor)
    for spec in COMMITMENTS:
        commitment = events.add_commitment(event, {
            "text": spec.text, "responsible": _responsible(center, members, spec.role, actor),
            "due_on": held_on + timedelta(days=spec.due)}, actor=actor)
        if spec.status != Commitment.Status.OPEN:
            events.update_commitment(commitment, {"status": spec.status, "progress_note": spec.note}, actor=actor)
    return event
