"""The duplicate queues: a center's (review, merge, mark distinct, undo) and the network's (pairs
across two centers, without personal data — centers, codes and how strongly they match: mark distinct, or
tell both centers)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from integrhabitat.accounts.notify import notify
from integrhabitat.audit import services as audit
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.lib.http import paginate, render_page
from integrhabitat.network.access import center_view, has_perm, network_view
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import DUPLICATES_REVIEW, SENSITIVE_VIEW, roles_with
from integrhabitat.people import duplicates, merge, tasks
from integrhabitat.people import services as people_services
from integrhabitat.people.models import DuplicatePair, Merge, Participant


def _access_pair(request, pair_id) -> DuplicatePair:
    """An open pair of two active records of the request's center; any other → 404."""
    return get_object_or_404(
        duplicates.open_pairs(request.center).select_related("first", "second"), uuid=pair_id,
    )


def _with_reasons(pairs):
    for pair in pairs:
        pair.reason_labels = duplicates.reason_labels(pair.reasons)
    return pairs


@require_GET
@center_view(DUPLICATES_REVIEW)
def duplicate_list(request, center):
    """The center's possible duplicates, best score first, and the flags the network sent about
    people who may also be registered at another center."""
    page = paginate(request, duplicates.open_pairs(center).select_related("first", "second"), per_page=30)
    _with_reasons(page.object_list)
    flags = []
    for pair in duplicates.cross_center_flags(center).select_related("first", "second", "first_center",
                                                                      "second_center"):
        ours_first = pair.first_center_id == center.pk
        flags.append({
            "ours": pair.first if ours_first else pair.second,
            "other_code": (pair.second if ours_first else pair.first).code,
            "other_center": (pair.second_center if ours_first else pair.first_center).name,
            "score": pair.score,
        })
    merges = Merge.objects.filter(center=center, undone_at__isnull=True).select_related(
        "kept", "merged", "created_by")[:20]
    return render_page(request, "people/duplicates/duplicate_list.html", {
        "page": page, "flags": flags, "merges": merges, "threshold": duplicates.THRESHOLD,
    })


@require_POST
@center_view(DUPLICATES_REVIEW)
def duplicate_scan(request, center):
    """Look for duplicates in the center again, now (a few seconds even for a large center)."""
    audit.record("people.duplicate.scanned", center, actor=request.user, center=center)
    _scan(request, center)
    return redirect("duplicates:duplicate_list", center=center.slug)


def _scan(request, center) -> None:
    """Scan now, or in the background when there are many people (the message says which)."""
    people = Participant.objects.active()
    if center is not None:
        people = people.filter(center=center)
    if people.count() > tasks.INLINE_SCAN_MAX:
        tasks.scan_duplicates.enqueue(center.pk if center is not None else None)
        messages.success(request, _("The scan runs in the background: come back to this page in a few minutes."))
        return
    result = duplicates.scan(center)
    messages.success(request, _("Scan done: %(people)s people compared, %(found)s possible duplicates "
                                "(%(created)s new).") % {"people": result.people, "found": result.found,
                                                         "created": result.created})


def _value(person: Participant, name: str) -> str:
    value = getattr(person, name)
    if value in ("", None):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    display = getattr(person, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if name == "household":
        return value.name
    return str(value)


def _rows(request, pair: DuplicatePair) -> list[dict]:
    """The side-by-side comparison: one row per field; sensitive ones only for roles that may read them
    (and the read of both records is audited)."""
    with_sensitive = has_perm(request, SENSITIVE_VIEW)
    if with_sensitive:
        people_services.read_sensitive(pair.first, membership=request.membership)
        people_services.read_sensitive(pair.second, membership=request.membership)
    conflicts = set(merge.conflicts(pair.first, pair.second))
    rows = []
    for name in ["code", *merge.MERGE_FIELDS]:
        if name in Participant.SENSITIVE_FIELDS and not with_sensitive:
            continue
        field = Participant._meta.get_field(name)
        first, second = _value(pair.first, name), _value(pair.second, name)
        rows.append({"name": name, "label": field.verbose_name, "first": first, "second": second,
                     "conflict": name in conflicts, "differs": first != second,
                     "chosen": request.POST.get(f"field_{name}", "first")})
    return rows


def _detail(request, center, pair, *, status=200, error=None):
    _with_reasons([pair])
    return render_page(request, "people/duplicates/pair_detail.html", {
        "pair": pair, "rows": _rows(request, pair), "error": error,
        "kept": request.POST.get("kept", "first"),
    }, status=status)


@require_GET
@center_view(DUPLICATES_REVIEW)
def pair_detail(request, center, pair_id):
    pair = _access_pair(request, pair_id)
    return _detail(request, center, pair)


@require_POST
@center_view(DUPLICATES_REVIEW)
def pair_merge(request, center, pair_id):
    """Merge the pair: the record chosen in `kept` stays; for each field where both have a different
    value, `field_<name>` says whose value wins ("first" or "second")."""
    pair = _access_pair(request, pair_id)
    kept_side = request.POST.get("kept")
    try:
        versions = int(request.POST.get("first_version", "")), int(request.POST.get("second_version", ""))
    except ValueError:
        versions = None
    if kept_side not in ("first", "second") or versions is None:
        return _detail(request, center, pair, status=400, error=_("Choose which record to keep."))
    merged_side = "second" if kept_side == "first" else "first"
    kept, merged_person = getattr(pair, kept_side), getattr(pair, merged_side)
    kept_version, merged_version = versions if kept_side == "first" else versions[::-1]
    allowed = [name for name in merge.conflicts(pair.first, pair.second)
               if name not in Participant.SENSITIVE_FIELDS or has_perm(request, SENSITIVE_VIEW)]
    take = {name for name in allowed if request.POST.get(f"field_{name}") == merged_side}
    try:
        done = merge.merge_participants(kept, merged_person, kept_version=kept_version,
                                        merged_version=merged_version, take_from_merged=take, actor=request.user,
                                        pair=pair)
    except StaleEdit:
        pair.first.refresh_from_db()
        pair.second.refresh_from_db()
        return _detail(request, center, pair, status=409, error=_(
            "One of the two records was changed by someone else while you were comparing them. Nothing was "
            "merged: check the values below, which are the current ones, and merge again."))
    except Refused as refusal:
        return _detail(request, center, pair, status=409, error=refusal.message)
    messages.success(request, _("%(merged)s was merged into %(kept)s. You can undo it from the duplicates page.")
                     % {"merged": done.merged.code, "kept": done.kept.code})
    return redirect("people:participant_detail", center=center.slug, participant_id=kept.uuid)


@require_POST
@center_view(DUPLICATES_REVIEW)
def pair_distinct(request, center, pair_id):
    pair = _access_pair(request, pair_id)
    merge.mark_distinct(pair, actor=request.user)
    messages.success(request, _("Marked as different people: this pair will not be proposed again."))
    return redirect("duplicates:duplicate_list", center=center.slug)


@require_POST
@center_view(DUPLICATES_REVIEW)
def merge_undo(request, center, merge_id):
    done = get_object_or_404(Merge, center=center, uuid=merge_id)
    try:
        merge.undo_merge(done, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The merge was undone: %(code)s is a separate record again.")
                         % {"code": done.merged.code})
    return redirect("duplicates:duplicate_list", center=center.slug)


# --- the network queue ---------------------------------------------------------------------------


# The network coordinator sees no personal data: how strongly two records match, never why (a shared
# document, birth date or name would be the people's data). From this score a match is called strong.
STRONG_MATCH = 0.9


def match_band(score: float) -> str:
    return str(_("Strong match") if score >= STRONG_MATCH else _("Possible match"))


@require_GET
@network_view
def network_pair_list(request):
    """Pairs across two centers: how strongly they match, and both centers with their person's code — all
    the network coordinator needs to tell both centers, who compare the records themselves."""
    pairs = duplicates.network_pairs().select_related("first", "second", "first_center", "second_center")
    page = paginate(request, pairs, per_page=30)
    rows = [{"pair": pair, "band": match_band(pair.score),
             "sides": [(pair.first_center.name, pair.first.code), (pair.second_center.name, pair.second.code)]}
            for pair in page.object_list]
    return render_page(request, "people/duplicates/network_list.html", {"page": page, "rows": rows})


@require_POST
@network_view
def network_scan(request):
    _scan(request, None)
    return redirect("duplicates_network:pair_list")


def _access_network_pair(pair_id) -> DuplicatePair:
    return get_object_or_404(duplicates.network_pairs().select_related("first", "second", "first_center",
                                                                       "second_center"), uuid=pair_id)


@require_POST
@network_view
def network_pair_distinct(request, pair_id):
    merge.mark_distinct(_access_network_pair(pair_id), actor=request.user)
    messages.success(request, _("Marked as different people: this pair will not be proposed again."))
    return redirect("duplicates_network:pair_list")


NOTICE = gettext_lazy("The person %(code)s of %(center)s may also be registered at %(other)s. Ask them, and tell "
                      "the network coordinator if it is the same person.")
NOTICE_SUBJECT = gettext_lazy("A person of %(center)s may also be registered at another center")


@require_POST
@network_view
def network_pair_notify(request, pair_id):
    """Tell the coordinators of both centers, each about their own record and only the other center's name."""
    pair = _access_network_pair(pair_id)
    with transaction.atomic():
        sides = ((pair.first_center, pair.first, pair.second_center), (pair.second_center, pair.second,
                                                                        pair.first_center))
        for center, person, other in sides:
            url = reverse("duplicates:duplicate_list", kwargs={"center": center.slug})
            for membership in Membership.objects.active().filter(
                    center=center, role__in=roles_with(DUPLICATES_REVIEW)).select_related("user"):
                notify(membership.user, center=center, text=NOTICE, subject=NOTICE_SUBJECT,
                       params={"code": person.code, "center": center.name, "other": other.name}, url=url)
        DuplicatePair.objects.filter(pk=pair.pk).update(notified_at=timezone.now())
        audit.record("people.duplicate.notified", pair, actor=request.user, center=None)
    messages.success(request, _("Both centers' coordinators were told."))
    return redirect("duplicates_network:pair_list")
