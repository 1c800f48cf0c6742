"""The network's library of best practices: read and written from a center (`/c/<center>/practices/`),
curated by the network coordinator (`/network/practices/`)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.improvement.models import Practice, PracticeAttachment
from integrhabitat.improvement.practices import services as practice_actions
from integrhabitat.improvement.practices.forms import AttachmentForm, CurationForm, PracticeForm, PracticeSearchForm
from integrhabitat.lib.concurrency import rebased_form
from integrhabitat.lib.errors import Refused, StaleEdit
from integrhabitat.lib.http import paginate, posted, query_without_page, render_page
from integrhabitat.network import exports, files
from integrhabitat.network.access import center_view, has_perm, network_view
from integrhabitat.network.roles import NETWORK_OVERVIEW, PRACTICES_VIEW, PRACTICES_WRITE

Status = Practice.Status
PER_PAGE = 20


def access_practice(request, practice_id, *, write: bool = False) -> Practice:
    """A practice the center's staff may read (the network's published ones and their own), or with
    `write` only their own. Another center's unpublished practice and a missing one look the same: 404."""
    practices = Practice.objects.filter(center=request.center) if write else (
        practice_actions.visible_practices(request.center))
    return get_object_or_404(practices.select_related("center", "author"), uuid=practice_id)


def _version(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # no version: treated as stale, nothing changes


PRACTICE_COLUMNS = [
    exports.field(Practice, "title", hxl="#activity +name"),
    exports.field(Practice, "center", hxl="#org +name"),
    exports.field(Practice, "category", hxl="#sector +name"),
    exports.field(Practice, "featured"),
    exports.Column("published_at", gettext_lazy("Published on"),
                   lambda p: timezone.localdate(p.published_at) if p.published_at else None, hxl="#date +published"),
    exports.field(Practice, "context"),
    exports.field(Practice, "what_was_done", hxl="#description"),
    exports.field(Practice, "results"),
    exports.field(Practice, "lessons"),
]

CURATION_COLUMNS = [
    exports.field(Practice, "title"),
    exports.field(Practice, "center"),
    exports.field(Practice, "category"),
    exports.field(Practice, "status"),
    exports.field(Practice, "featured"),
    exports.Column("updated_at", gettext_lazy("Last change"), lambda p: timezone.localdate(p.updated_at)),
]


@require_GET
@center_view(PRACTICES_VIEW)
def practice_list(request, center):
    """The network's published practices, featured first, searchable; and this center's practices still
    being written or curated."""
    form = PracticeSearchForm(request.GET or None)
    practices = Practice.objects.filter(status=Status.PUBLISHED).select_related("center")
    searching = form.is_valid() and any(form.cleaned_data.values())
    if searching:
        practices = practice_actions.search_practices(practices, form.cleaned_data["q"])
        if form.cleaned_data["category"]:
            practices = practices.filter(category=form.cleaned_data["category"])
        if form.cleaned_data["center"]:
            practices = practices.filter(center=form.cleaned_data["center"])
    if exports.wants_download(request):  # the published practices the search finds
        return exports.list_download(request, practices, PRACTICE_COLUMNS, filename="best-practices",
                                     title=_("Best practices"))
    own = Practice.objects.filter(center=center).exclude(status=Status.PUBLISHED).order_by("-updated_at")
    return render_page(request, "improvement/practices/practice_list.html", {
        "form": form, "practices": paginate(request, practices, PER_PAGE), "own": own,
        "searching": searching, "page_query": query_without_page(request),
        "can_write": has_perm(request, PRACTICES_WRITE),
    })


def _detail_page(request, center, practice, *, attachment_form=None, status=200):
    own = practice.center_id == center.pk
    can_write = own and has_perm(request, PRACTICES_WRITE) and practice_actions.is_editable(practice)
    return render_page(request, "improvement/practices/practice_detail.html", {
        "practice": practice, "attachments": practice.attachments.select_related("stored"), "own": own,
        "can_write": can_write,
        "attachment_form": attachment_form or (AttachmentForm() if can_write else None),
    }, status=status)


@require_GET
@center_view(PRACTICES_VIEW)
def practice_detail(request, center, practice_id):
    return _detail_page(request, center, access_practice(request, practice_id))


@require_http_methods(["GET", "POST"])
@center_view(PRACTICES_WRITE)
def practice_edit(request, center, practice_id=None):
    """Write a new practice, or change one of the center's drafts or returned practices."""
    practice = access_practice(request, practice_id, write=True) if practice_id else None
    if practice is not None and not practice_actions.is_editable(practice):
        messages.error(request, _("This practice can no longer be changed: it is waiting for curation or "
                                  "already published."))
        return redirect("practices:practice_detail", center=center.slug, practice_id=practice.uuid)
    form = PracticeForm(posted(request), instance=practice, center=center)
    if request.method == "POST" and form.is_valid():
        try:
            practice = practice_actions.save_practice(center, form.practice_data(), actor=request.user,
                                                      practice=practice, version=form.cleaned_data.get("version"))
        except StaleEdit as refusal:
            # Keep what this person typed; a new submit (now from the current version) replaces it knowingly.
            current = Practice.objects.get(pk=practice.pk)
            form = rebased_form(form, current, refusal)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Practice saved. Submit it for curation when it is ready."))
            return redirect("practices:practice_detail", center=center.slug, practice_id=practice.uuid)
    return render_page(request, "improvement/practices/practice_form.html", {"form": form, "practice": practice},
                       status=400 if form.is_bound else 200)


@require_POST
@center_view(PRACTICES_WRITE)
def practice_submit(request, center, practice_id):
    practice = access_practice(request, practice_id, write=True)
    try:
        practice_actions.submit_practice(practice, version=_version(request.POST.get("version")), actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Practice submitted: the network coordinator will review it and publish it "
                                    "or return it with a note."))
    return redirect("practices:practice_detail", center=center.slug, practice_id=practice.uuid)


@require_POST
@center_view(PRACTICES_WRITE)
def attachment_add(request, center, practice_id):
    practice = access_practice(request, practice_id, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = practice_actions.add_attachment(practice, form.cleaned_data["file"], actor=request.user)
        except Refused as refusal:
            form.add_error("file", refusal.message)
        else:
            messages.success(request, _("File “%(name)s” attached.") % {"name": attachment.name})
            return redirect("practices:practice_detail", center=center.slug, practice_id=practice.uuid)
    return _detail_page(request, center, practice, attachment_form=form, status=400)


def _attachment(practice: Practice, attachment_id) -> PracticeAttachment:
    return get_object_or_404(PracticeAttachment.objects.select_related("stored__center"), practice=practice,
                             uuid=attachment_id)


@require_GET
@center_view(PRACTICES_VIEW)
def attachment_download(request, center, practice_id, attachment_id):
    practice = access_practice(request, practice_id)
    attachment = _attachment(practice, attachment_id)
    # Another center's practice opens here only once published: shared with the whole network.
    return files.download(request, attachment.stored, perm=PRACTICES_VIEW, record=attachment,
                          shared=practice.status == Status.PUBLISHED)


@require_POST
@center_view(PRACTICES_WRITE)
def attachment_remove(request, center, practice_id, attachment_id):
    practice = access_practice(request, practice_id, write=True)
    attachment = _attachment(practice, attachment_id)
    try:
        practice_actions.remove_attachment(attachment, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("File “%(name)s” removed.") % {"name": attachment.name})
    return redirect("practices:practice_detail", center=center.slug, practice_id=practice.uuid)


# --- Curation by the network coordinator -------------------------------------------------------------------

# What the curation pages may open: everything a center has handed to the network, never its drafts.
def _curated():
    return Practice.objects.exclude(status=Status.DRAFT).select_related("center", "author")


CURATION_TABS = [Status.SUBMITTED, Status.PUBLISHED, Status.RETURNED]


@require_GET
@network_view
def curation_queue(request):
    """Practices waiting for curation, oldest first; and those already published or returned."""
    status = request.GET.get("status", Status.SUBMITTED)
    if status not in CURATION_TABS:
        status = Status.SUBMITTED
    practices = _curated().filter(status=status)
    practices = practices.order_by("updated_at") if status == Status.SUBMITTED else practices
    if exports.wants_download(request):
        return exports.list_download(request, practices, CURATION_COLUMNS, filename=f"practices-{status}",
                                     title=_("Curation of best practices"))
    return render_page(request, "improvement/practices/curation_queue.html", {
        "practices": paginate(request, practices, PER_PAGE), "status": status,
        "tabs": [(tab, Status(tab).label) for tab in CURATION_TABS], "page_query": query_without_page(request),
        "waiting": Practice.objects.filter(status=Status.SUBMITTED).count(),
    })


@require_http_methods(["GET", "POST"])
@network_view
def practice_curate(request, practice_id):
    """Publish a submitted practice (featured or not) or return it with a note; feature a published one."""
    practice = get_object_or_404(_curated(), uuid=practice_id)
    form = CurationForm(posted(request), initial={"version": practice.version, "featured": practice.featured})
    if request.method == "POST" and form.is_valid():
        action, data = request.POST.get("action"), form.cleaned_data
        try:
            if action == "publish":
                practice_actions.publish_practice(practice, featured=data["featured"], note=data["note"],
                                                  version=data["version"], actor=request.user)
                messages.success(request, _("Practice published: every center of the network can read it now."))
            elif action == "return":
                practice_actions.return_practice(practice, note=data["note"], version=data["version"],
                                                 actor=request.user)
                messages.success(request, _("Practice returned to its center with your note."))
            elif action in ("feature", "unfeature"):
                practice_actions.feature_practice(practice, featured=action == "feature", version=data["version"],
                                                  actor=request.user)
                messages.success(request, _("Practice featured.") if action == "feature"
                                 else _("Practice no longer featured."))
            else:
                raise Refused(_("Choose whether to publish the practice or to return it."))
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("practices_network:practice_curate", practice_id=practice.uuid)
    return render_page(request, "improvement/practices/curation_detail.html", {
        "practice": practice, "attachments": practice.attachments.select_related("stored"), "form": form,
    }, status=400 if form.is_bound else 200)


@require_GET
@network_view
def curation_attachment(request, practice_id, attachment_id):
    practice = get_object_or_404(_curated(), uuid=practice_id)
    attachment = _attachment(practice, attachment_id)
    return files.download(request, attachment.stored, perm=NETWORK_OVERVIEW, record=attachment)
