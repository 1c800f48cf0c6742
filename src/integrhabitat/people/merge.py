"""Merge two records of one person, and undo a merge exactly.

Why the rows of other apps are moved here and not through each app's `services.py`: a merge must
move *every* row that points to the merged-away record — deliveries, cases, referrals, group
memberships, attendance, consents, supports, comments, portal sessions, and whatever a later app
adds — in one transaction, and undo exactly that. Listing them by hand in every app would miss the
next one; so the rows are found by introspection (every foreign key to `Participant` of every
installed model, including many-to-many tables), moved with one `UPDATE` of the foreign key and
nothing else, and recorded by primary key so that undo moves back those rows only. No other field
of another app's rows is touched.

A row that would break a unique rule once moved (both records members of one group, both with an
active consent for one purpose, both attending one session) stays on the merged-away record, which
remains in the database, inactive, pointing to the kept one (`merged_into`): no history is lost.
"""

from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.concurrency import save_versioned
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.people.models import DuplicatePair, Merge, Participant

# Fields the reviewer may take from either record (not those derived from others, like the blind indexes).
_NOT_MERGED = {"id", "uuid", "center", "code", "search_text", "phone_index", "email_index", "document_index",
               "registration_token", "version", "is_active", "created_at", "created_by", "updated_at",
               "merged_into"}
MERGE_FIELDS = [f.name for f in Participant._meta.concrete_fields if f.name not in _NOT_MERGED]
# The people app's own bookkeeping about duplicates is not moved: it describes the two records.
_SKIPPED_MODELS = {DuplicatePair, Merge}


def _references() -> list[tuple[type[models.Model], models.ForeignKey]]:
    """Every (model, foreign key) pointing to `Participant`, auto-created many-to-many tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model in _SKIPPED_MODELS:
            continue
        for field in model._meta.concrete_fields:
            points_here = field.is_relation and field.remote_field.model is Participant and (
                field.many_to_one or field.one_to_one)
            if points_here and (model is not Participant or field.name == "merged_into"):
                found.append((model, field))
    return found


def _label(model, field) -> str:
    return f"{model._meta.label_lower}.{field.name}"


def _unique_rules(model, field) -> list[tuple[tuple[str, ...], models.Q | None]]:
    """The unique rules of `model` that involve `field`: (their fields, their condition)."""
    rules = []
    if field.unique:
        rules.append(((field.name,), None))
    for together in model._meta.unique_together:
        if field.name in together:
            rules.append((tuple(together), None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field.name in (constraint.fields or ()):
            rules.append((tuple(constraint.fields), constraint.condition))
    return rules


def _movable(model, field, rows, kept: Participant) -> tuple[list[int], list[int]]:
    """Split the rows pointing to the merged-away record into those that can move and those that would
    break a unique rule next to the kept record's rows."""
    rules = _unique_rules(model, field)
    pks = list(rows.values_list("pk", flat=True))
    if not rules:
        return pks, []
    blocked = set()
    for fields, condition in rules:
        others = [name for name in fields if name != field.name]
        candidates = rows if condition is None else rows.filter(condition)
        kept_rows = model._default_manager.filter(**{field.name: kept})
        if condition is not None:
            kept_rows = kept_rows.filter(condition)
        taken = {tuple(row) for row in kept_rows.values_list(*[model._meta.get_field(n).attname for n in others])}
        if not others and kept_rows.exists():
            blocked.update(candidates.values_list("pk", flat=True))
            continue
        for pk, *values in candidates.values_list("pk", *[model._meta.get_field(n).attname for n in others]):
            if tuple(values) in taken:
                blocked.add(pk)
    return [pk for pk in pks if pk not in blocked], sorted(blocked)


def _snapshot(person: Participant) -> dict[str, Any]:
    values = {}
    for name in [*MERGE_FIELDS, "is_active", "merged_into"]:
        field = Participant._meta.get_field(name)
        value = field.value_from_object(person)
        if value is not None and not isinstance(value, bool | int | str):
            value = field.value_to_string(person)  # a date, a country: their text form
        values[field.attname] = value
    return values


def _restore(person: Participant, values: dict[str, Any]) -> None:
    for attname, value in values.items():
        field = next(f for f in Participant._meta.concrete_fields if f.attname == attname)
        setattr(person, attname, field.to_python(value) if value is not None else None)


def conflicts(kept: Participant, merged: Participant) -> list[str]:
    """Fields where both records have a value and the values differ: the reviewer picks one."""
    return [name for name in MERGE_FIELDS if _filled(getattr(kept, name)) and _filled(getattr(merged, name))
            and getattr(kept, name) != getattr(merged, name)]


def _filled(value) -> bool:
    """Whether a field holds an answer: a yes/no is always one (False is not "unknown")."""
    return value is not None and value != ""


@transaction.atomic
def merge_participants(kept: Participant, merged: Participant, *, kept_version: int, merged_version: int,
                       take_from_merged: set[str] | frozenset[str] = frozenset(), actor,
                       pair: DuplicatePair | None = None) -> Merge:
    """Merge `merged` into `kept`: every row pointing to `merged` moves to `kept` (see the module
    docstring), `kept` takes the values of the fields named in `take_from_merged` and fills its empty
    fields from `merged`; `merged` is deactivated and points to `kept`. Refused with `StaleEdit` if
    either record changed since the reviewer read `kept_version` / `merged_version`.
    """
    locked = {p.pk: p for p in Participant.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk])}
    kept, merged = locked.get(kept.pk), locked.get(merged.pk)
    if kept is None or merged is None or kept.pk == merged.pk:
        raise Refused(_("These two records cannot be merged."))
    if kept.version != kept_version or merged.version != merged_version:
        raise StaleEdit
    if not (kept.is_active and merged.is_active):
        raise Refused(_("One of the two records was already merged or deactivated."))
    if kept.center_id != merged.center_id:
        raise Refused(_("Records of two centers are not merged; each center keeps its own record."))
    merge = Merge(center_id=kept.center_id, kept=kept, merged=merged, pair=pair, created_by=actor,
                  kept_before=_snapshot(kept), merged_before=_snapshot(merged))
    changed = []
    for name in MERGE_FIELDS:
        ours, theirs = getattr(kept, name), getattr(merged, name)
        if ours == theirs or not _filled(theirs):
            continue
        if name in take_from_merged or not _filled(ours):
            setattr(kept, name, theirs)
            changed.append(name)
    moved, left_behind = {}, {}
    for model, field in _references():
        rows = model._default_manager.filter(**{field.name: merged})
        if model is Participant:
            rows = rows.exclude(pk__in=[kept.pk, merged.pk])
        movable, blocked = _movable(model, field, rows, kept)
        if movable:
            model._default_manager.filter(pk__in=movable).update(**{field.name: kept})
            moved[_label(model, field)] = movable
        if blocked:
            left_behind[_label(model, field)] = blocked
    kept.refresh_derived()
    save_versioned(kept)
    merged.is_active = False
    merged.merged_into = kept
    save_versioned(merged, ["is_active", "merged_into", "updated_at"])
    merge.moved, merge.left_behind, merge.changed_fields = moved, left_behind, changed
    merge.save()
    if pair is not None:
        DuplicatePair.objects.filter(pk=pair.pk).update(status=DuplicatePair.Status.MERGED, decided_by=actor,
                                                        decided_at=timezone.now())
    fields = [name for name in changed if name not in Participant.SENSITIVE_FIELDS]
    audit.record("people.participant.merged", kept, actor=actor, fields=[*fields, f"from:{merged.code}"])
    audit.record("people.participant.merged_away", merged, actor=actor, fields=[f"into:{kept.code}"])
    return merge


@transaction.atomic
def undo_merge(merge: Merge, *, actor) -> Merge:
    """Undo `merge` exactly: the rows it moved go back, both records get back the values they had,
    the merged-away record is active again. Refused if the kept record was itself merged since."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise Refused(_("This merge was already undone."))
    locked = {p.pk: p for p in Participant.objects.select_for_update().filter(pk__in=[merge.kept_id, merge.merged_id])}
    kept, merged = locked[merge.kept_id], locked[merge.merged_id]
    if not kept.is_active:
        raise Refused(_("The kept record was merged again since: undo that merge first."))
    references = {_label(model, field): (model, field) for model, field in _references()}
    for label, pks in merge.moved.items():
        model, field = references[label]
        model._default_manager.filter(pk__in=pks, **{field.name: kept}).update(**{field.name: merged})
    # Values the merge changed go back; values changed by later edits of other fields stay.
    _restore(kept, {attname: value for attname, value in merge.kept_before.items()
                    if Participant._meta.get_field(_name_of(attname)).name in merge.changed_fields})
    kept.refresh_derived()
    save_versioned(kept)
    _restore(merged, merge.merged_before)
    merged.refresh_derived()
    save_versioned(merged)
    merge.undone_at, merge.undone_by = timezone.now(), actor
    merge.save(update_fields=["undone_at", "undone_by"])
    if merge.pair_id:
        DuplicatePair.objects.filter(pk=merge.pair_id).update(status=DuplicatePair.Status.OPEN, decided_by=None,
                                                              decided_at=None)
    audit.record("people.participant.merge_undone", kept, actor=actor, fields=[f"from:{merged.code}"])
    audit.record("people.participant.restored_from_merge", merged, actor=actor, fields=[f"into:{kept.code}"])
    return merge


def _name_of(attname: str) -> str:
    return next(f.name for f in Participant._meta.concrete_fields if f.attname == attname)


@transaction.atomic
def mark_distinct(pair: DuplicatePair, *, actor) -> DuplicatePair:
    """Two different people: the pair leaves the queue and later scans never reopen it."""
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    if pair.status != DuplicatePair.Status.DISTINCT:
        pair.status, pair.decided_by, pair.decided_at = DuplicatePair.Status.DISTINCT, actor, timezone.now()
        pair.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record("people.duplicate.marked_distinct", pair, actor=actor, center=pair.first_center)
    return pair


def trail_with_merged(person: Participant):
    """The audit entries of `person` and of the records merged into it, newest first: after a merge, the
    history of both records stays reachable from the kept one."""
    ids = [str(person.uuid), *(str(u) for u in Participant.objects.filter(merged_into=person)
                              .values_list("uuid", flat=True))]
    return AuditEntry.objects.filter(object_type=Participant._meta.label_lower, object_id__in=ids).select_related(
        "actor").order_by("-at", "-id")
