from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.audit.exports import AUDIT_COLUMNS, described_entries
from integrhabitat.audit.models import AuditEntry
from integrhabitat.lib.http import posted, render_page
from integrhabitat.lib.keyset import keyset_page
from integrhabitat.network import exports
from integrhabitat.network import services as network_services
from integrhabitat.network.access import center_view, network_view
from integrhabitat.network.forms import CenterCreateForm, CenterForm, MembershipRoleForm, StaffAddForm
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import AUDIT_VIEW, CENTER_MANAGE, STAFF_MANAGE, Role


@require_GET
@login_required
def home(request):
    """Send each person where their work is: their center, a choice of centers, or the network."""
    memberships = list(Membership.objects.active().filter(user=request.user).select_related("center"))
    if len(memberships) == 1 and not request.user.is_network_coordinator:
        return redirect(memberships[0].start_page, center=memberships[0].center.slug)
    if not memberships and request.user.is_network_coordinator:
        return redirect("network_overview")
    return render_page(request, "network/home.html", {"memberships": memberships})


@require_http_methods(["GET", "POST"])
@center_view(CENTER_MANAGE)
def center_edit(request, center):
    form = CenterForm(posted(request), instance=center)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        network_services.save_center(data, actor=request.user, center=Center.objects.get(pk=center.pk))
        messages.success(request, _("Center saved."))
        return redirect("network:center_edit", center=center.slug)
    return render_page(request, "network/center_form.html", {"form": form}, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@network_view
def center_create(request):
    form = CenterCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            center = network_services.save_center(form.center_data(), actor=request.user)
            network_services.add_staff(center, role=Role.COORDINATOR, actor=request.user, request=request,
                                       **form.coordinator_data())
        messages.success(request, _("Center “%(name)s” created.") % {"name": center.name})
        return redirect("network_overview")
    return render_page(request, "network/center_form.html", {"form": form, "creating": True},
                       status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@center_view(STAFF_MANAGE)
def staff_list(request, center):
    form = StaffAddForm(posted(request), center=center)
    if request.method == "POST" and form.is_valid():
        membership = network_services.add_staff(center, actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("%(name)s now works in this center as %(role)s.") % {
            "name": membership.user.display_name(), "role": membership.get_role_display().lower()})
        return redirect("network:staff_list", center=center.slug)
    staff = (Membership.objects.filter(center=center).select_related("user", "organization")
             .order_by("-is_active", "user__first_name"))
    if request.method == "GET" and exports.wants_download(request):
        return exports.list_download(request, staff, STAFF_COLUMNS, filename=f"staff-{center.slug}", title=_("Staff"),
                                     audit_code="network.staff.exported", center=center)
    return render_page(request, "network/staff_list.html", {"form": form, "staff": staff},
                       status=400 if form.is_bound else 200)


STAFF_COLUMNS = [
    exports.Column("name", gettext_lazy("Name"), exports.attr("user.display_name"), hxl="#contact +name"),
    exports.Column("username", gettext_lazy("Username"), exports.attr("user.username")),
    exports.Column("email", gettext_lazy("Email"), exports.attr("user.email"), hxl="#contact +email"),
    exports.field(Membership, "role"),
    exports.Column("organization", gettext_lazy("Organization"), exports.attr("organization.name"), hxl="#org +name"),
    exports.field(Membership, "is_active"),
    exports.Column("since", gettext_lazy("Since"), lambda m: timezone.localdate(m.created_at), hxl="#date +start"),
]


def _access_membership(request, center, membership_id) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), center=center, pk=membership_id)


@require_POST
@center_view(STAFF_MANAGE)
def staff_role(request, center, membership_id):
    membership = _access_membership(request, center, membership_id)
    form = MembershipRoleForm(request.POST)
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot change your own role; ask another coordinator."))
    elif membership.organization_id is not None:
        messages.error(request, _("Partner staff keep their role: remove their access and add them again."))
    elif form.is_valid():
        network_services.change_role(membership, form.cleaned_data["role"], actor=request.user)
        messages.success(request, _("Role changed."))
    return redirect("network:staff_list", center=center.slug)


@require_POST
@center_view(STAFF_MANAGE)
def staff_deactivate(request, center, membership_id):
    membership = _access_membership(request, center, membership_id)
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself; ask another coordinator."))
    else:
        network_services.deactivate_membership(membership, actor=request.user)
        messages.success(request, _("%(name)s no longer has access to this center.")
                         % {"name": membership.user.display_name()})
    return redirect("network:staff_list", center=center.slug)


@require_GET
@center_view(AUDIT_VIEW)
def center_audit(request, center):
    entries = AuditEntry.objects.filter(center=center).select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    if exports.wants_download(request):
        return exports.list_download(request, described_entries(entries, center), AUDIT_COLUMNS,
                                     filename=f"audit-{center.slug}",
                                     title=_("Audit trail"), audit_code="audit.trail.exported", center=center)
    return render_page(request, "network/center_audit.html", {"entries": keyset_page(request, entries, ["-at", "-id"]),
                                                              "action": action})
