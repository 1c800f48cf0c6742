"""The network's retention schedule: each category of data is kept as long as its rule says, then
anonymized or deleted by `apply_retention` (run daily by the worker or cron). A dry run says what a run
would do, with the same queries, so the report is the run. Each run is audited with its counts."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import TruncDate
from django.tasks import task
from django.utils import timezone

from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry
from integrhabitat.cases.models import Case, Note
from integrhabitat.imports import services as imports
from integrhabitat.imports.models import ImportJob
from integrhabitat.lib.errors import Refused
from integrhabitat.people.models import Participant
from integrhabitat.portal.models import LoginCode, WrongCode
from integrhabitat.privacy import anonymization
from integrhabitat.privacy.models import RetentionRule
from integrhabitat.services.models import ServiceDelivery

Category = RetentionRule.Category
# The schedule a new network starts with (days); the network coordinator changes it. Import files follow
# INTEGRHABITAT_IMPORT_FILE_DAYS until a rule is saved.
DEFAULTS = {
    Category.INACTIVE_PEOPLE: 5 * 365,
    Category.CLOSED_CASE_NOTES: 5 * 365,
    Category.IMPORT_FILES: None,
    Category.AUDIT_ENTRIES: 6 * 365,
    Category.PORTAL_CODES: 30,
    Category.SESSIONS: 0,
}


@dataclass
class Step:
    category: str
    days: int | None
    due: int  # what the rule reaches now
    held: int = 0  # reached, but held (an open case keeps a person)
    done: int = 0  # removed by this run (0 in a dry run)

    @property
    def label(self) -> str:
        return Category(self.category).label


def rules() -> dict[str, int | None]:
    """Every category's days: the saved rule, or the default for a category never set."""
    saved = dict(RetentionRule.objects.values_list("category", "days"))
    defaults = {**DEFAULTS, Category.IMPORT_FILES: imports.file_days()}
    return {category: saved[category] if category in saved else defaults[category] for category in Category.values}


def _inactive_people(days: int):
    """People, not yet anonymized, with no sign of life (registration, a service, a case opened or closed)
    since `days` ago. Each sign is one indexed `EXISTS`: no join multiplies a person's deliveries by cases."""
    cutoff = timezone.localdate() - timedelta(days=days)
    served = ServiceDelivery.objects.filter(participant=OuterRef("pk"), delivered_on__gte=cutoff)
    followed = Case.objects.filter(Q(opened_on__gte=cutoff) | Q(closed_on__gte=cutoff), participant=OuterRef("pk"))
    return (Participant.objects.active().exclude(given_names=anonymization.stored_name(), family_names="")
            .annotate(registered_on=TruncDate("created_at")).filter(registered_on__lt=cutoff)
            .exclude(Exists(served)).exclude(Exists(followed)))


def _held() -> Q:
    """People an open case holds (`anonymization.legal_holds`)."""
    return Q(pk__in=Case.objects.exclude(status=Case.Status.CLOSED).values("participant"))


def _closed_case_notes(days: int):
    return Note.objects.filter(case__status=Case.Status.CLOSED,
                               case__closed_on__lt=timezone.localdate() - timedelta(days=days))


def _step(category: str, days: int | None, *, apply: bool, actor) -> Step:
    if days is None:
        return Step(category, None, 0)
    now = timezone.now()
    before = now - timedelta(days=days)
    if category == Category.INACTIVE_PEOPLE:
        people = _inactive_people(days)
        step = Step(category, days, people.count(), held=people.filter(_held()).count())
        if apply:
            for person in people.exclude(_held()).order_by("pk").iterator():
                try:
                    anonymization.anonymize_participant(person, reason=anonymization.Reason.NO_LONGER_NEEDED,
                                                        actor=actor)
                except Refused:
                    step.held += 1
                else:
                    step.done += 1
        return step
    if category == Category.CLOSED_CASE_NOTES:
        notes = _closed_case_notes(days)
        step = Step(category, days, notes.count())
        if apply:
            step.done = notes.delete()[0]
        return step
    if category == Category.IMPORT_FILES:
        jobs = ImportJob.objects.filter(created_at__lt=before, purged_at__isnull=True)
        step = Step(category, days, jobs.count())
        if apply:
            step.done = imports.purge_import_files(actor=actor, days=days)
        return step
    if category == Category.AUDIT_ENTRIES:
        step = Step(category, days, AuditEntry.objects.filter(at__lt=before).count())
        if apply:
            step.done = audit.purge_entries(before, actor=actor)
        return step
    if category == Category.PORTAL_CODES:
        codes = LoginCode.objects.filter(created_at__lt=before)
        wrong = WrongCode.objects.filter(created_at__lt=before)
        step = Step(category, days, codes.count() + wrong.count())
        if apply:
            step.done = codes.delete()[0] + wrong.delete()[0]
        return step
    sessions = Session.objects.filter(expire_date__lt=before)
    step = Step(category, days, sessions.count())
    if apply:
        step.done = sessions.delete()[0]
    return step


def apply_retention(*, dry_run: bool = False, actor=None) -> list[Step]:
    """Apply every rule (or, with `dry_run`, only count what it reaches). Each category runs in its own
    transactions, so that one stopped halfway leaves the others done; a run is recorded with its counts."""
    steps = [_step(category, days, apply=not dry_run, actor=actor) for category, days in rules().items()]
    if not dry_run:
        for step in steps:
            if step.days is not None:
                rule, _created = RetentionRule.objects.get_or_create(category=step.category,
                                                                     defaults={"days": step.days})
                audit.record("privacy.retention.applied", rule, actor=actor,
                             fields=[f"due:{step.due}", f"done:{step.done}", f"held:{step.held}"])
    return steps


def save_rules(days: dict[str, int | None], *, actor) -> list[str]:
    """Set the network's schedule; audited with the categories changed."""
    current = rules()
    changed = [category for category, value in days.items() if category in current and current[category] != value]
    for category in changed:
        rule, _created = RetentionRule.objects.update_or_create(category=category,
                                                                defaults={"days": days[category], "updated_by": actor})
        audit.record("privacy.retention.rule_changed", rule, actor=actor, fields=[f"days:{days[category]}"])
    return changed


@task()
def apply_retention_task() -> str:
    """The daily run, in `integrhabitat db_worker`."""
    steps = apply_retention()
    return ", ".join(f"{s.category}={s.done}" for s in steps)
