"""Accountability reports: written and published by the coordinator (of a center, or of the network), read
by anyone on a public page and as a PDF."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.improvement.accountability import services as accountability
from integrhabitat.improvement.accountability.forms import ReportForm
from integrhabitat.improvement.models import AccountabilityReport
from integrhabitat.lib.db_router import reading_from_replica
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.html_pdf import pdf_download
from integrhabitat.lib.http import posted, render_page
from integrhabitat.network import exports, tenancy
from integrhabitat.network.access import center_view, has_perm, network_view
from integrhabitat.network.roles import ACCOUNTABILITY_MANAGE, INDICATORS_VIEW

PUBLISHED = AccountabilityReport.Status.PUBLISHED


def _figures(report: AccountabilityReport) -> dict:
    """The frozen figures of a published report; a draft's as they would be published now."""
    return accountability.present(report.published if report.status == PUBLISHED else accountability.compute(report))


def _staff_urls(report) -> dict:
    if report.center_id:
        kwargs = {"center": report.center.slug, "report_id": report.uuid}
        return {"detail": reverse("improvement:report_detail", kwargs=kwargs),
                "edit": reverse("improvement:report_edit", kwargs=kwargs),
                "publish": reverse("improvement:report_publish", kwargs=kwargs)}
    kwargs = {"report_id": report.uuid}
    return {"detail": reverse("network_report_detail", kwargs=kwargs),
            "edit": reverse("network_report_edit", kwargs=kwargs),
            "publish": reverse("network_report_publish", kwargs=kwargs)}


def public_urls(report) -> dict:
    kwargs = {"report_id": report.uuid}
    return {"page": reverse("public_report", kwargs=kwargs), "pdf": reverse("public_report_pdf", kwargs=kwargs)}


def _edit(request, *, center, report=None, list_url):
    form = ReportForm(posted(request), instance=report)
    if form.is_valid():
        try:
            report = accountability.save_report(form.cleaned_data, center=center, actor=request.user, report=report)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Report saved as a draft. Check its figures, then publish it."))
            return redirect(_staff_urls(report)["detail"])
    return render_page(request, "improvement/accountability/report_form.html",
                       {"form": form, "report": report, "list_url": list_url},
                       status=400 if form.is_bound else 200)


def _detail(request, report, *, can_manage: bool, list_url: str):
    return render_page(request, "improvement/accountability/report_detail.html", {
        "report": report, "figures": _figures(report), "can_manage": can_manage, "urls": _staff_urls(report),
        "public": public_urls(report) if report.status == PUBLISHED else None, "list_url": list_url,
    })


def _publish(request, report):
    """Publishing freezes the figures for good: asked once more, on a page of its own (works without JavaScript)."""
    if request.POST.get("confirm") != "yes":
        return render_page(request, "improvement/accountability/report_publish.html", {
            "report": report, "urls": _staff_urls(report)})
    try:
        accountability.publish_report(report, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The report is public now."))
    return redirect(_staff_urls(report)["detail"])


# --- A center's reports.

def _center_report(center, report_id):
    return get_object_or_404(AccountabilityReport.objects.select_related("center"), center=center, uuid=report_id)


REPORT_COLUMNS = [
    exports.field(AccountabilityReport, "title", hxl="#meta +title"),
    exports.field(AccountabilityReport, "period_start", hxl="#date +start"),
    exports.field(AccountabilityReport, "period_end", hxl="#date +end"),
    exports.field(AccountabilityReport, "status", hxl="#status"),
    exports.Column("published_at", gettext_lazy("Published on"),
                   lambda r: timezone.localdate(r.published_at) if r.published_at else None, hxl="#date +published"),
]


@require_GET
@center_view(INDICATORS_VIEW)
def report_list(request, center):
    reports = AccountabilityReport.objects.filter(center=center).select_related("center")
    if exports.wants_download(request):
        return exports.list_download(request, reports, REPORT_COLUMNS, filename=f"accountability-reports-{center.slug}",
                                     title=_("Accountability reports"))
    return render_page(request, "improvement/accountability/report_list.html", {
        "reports": reports,
        "can_manage": has_perm(request, ACCOUNTABILITY_MANAGE),
        "new_url": reverse("improvement:report_new", kwargs={"center": center.slug}),
    })


@require_http_methods(["GET", "POST"])
@center_view(ACCOUNTABILITY_MANAGE)
def report_new(request, center):
    return _edit(request, center=center, list_url=reverse("improvement:report_list", kwargs={"center": center.slug}))


@require_http_methods(["GET", "POST"])
@center_view(ACCOUNTABILITY_MANAGE)
def report_edit(request, center, report_id):
    return _edit(request, center=center, report=_center_report(center, report_id),
                 list_url=reverse("improvement:report_list", kwargs={"center": center.slug}))


@require_GET
@center_view(INDICATORS_VIEW)
def report_detail(request, center, report_id):
    return _detail(request, _center_report(center, report_id), can_manage=has_perm(request, ACCOUNTABILITY_MANAGE),
                   list_url=reverse("improvement:report_list", kwargs={"center": center.slug}))


@require_POST
@center_view(ACCOUNTABILITY_MANAGE)
def report_publish(request, center, report_id):
    return _publish(request, _center_report(center, report_id))


# --- The network's reports, by the network coordinator.

def _network_report(report_id):
    return get_object_or_404(AccountabilityReport, center__isnull=True, uuid=report_id)


@require_GET
@network_view
def network_report_list(request):
    reports = AccountabilityReport.objects.filter(center__isnull=True)
    if exports.wants_download(request):
        return exports.list_download(request, reports, REPORT_COLUMNS, filename="accountability-reports-network",
                                     title=_("Accountability reports"))
    return render_page(request, "improvement/accountability/report_list.html", {
        "reports": reports, "can_manage": True,
        "new_url": reverse("network_report_new"),
    })


@require_http_methods(["GET", "POST"])
@network_view
def network_report_new(request):
    return _edit(request, center=None, list_url=reverse("network_report_list"))


@require_http_methods(["GET", "POST"])
@network_view
def network_report_edit(request, report_id):
    return _edit(request, center=None, report=_network_report(report_id), list_url=reverse("network_report_list"))


@require_GET
@network_view
def network_report_detail(request, report_id):
    return _detail(request, _network_report(report_id), can_manage=True, list_url=reverse("network_report_list"))


@require_POST
@network_view
def network_report_publish(request, report_id):
    return _publish(request, _network_report(report_id))


# --- Public: anyone, no login. Only published reports, only their frozen figures.

def _published(report_id):
    return get_object_or_404(AccountabilityReport.objects.select_related("center"), uuid=report_id, status=PUBLISHED)


@require_GET
@reading_from_replica()
def public_reports(request, center_slug=None):
    center = tenancy.public_center(center_slug) if center_slug else None
    reports = AccountabilityReport.objects.filter(status=PUBLISHED, center=center)
    return render_page(request, "improvement/accountability/public_list.html",
                       {"public_center": center, "reports": reports})


@require_GET
@reading_from_replica()
def public_report(request, report_id):
    report = _published(report_id)
    return render_page(request, "improvement/accountability/public_report.html", {
        "report": report, "figures": accountability.present(report.published), "public": public_urls(report),
        "public_center": report.center,
    })


@require_GET
@reading_from_replica()
def public_report_pdf(request, report_id):
    report = _published(report_id)
    html = render_to_string("improvement/accountability/report_print.html", {
        "report": report, "figures": accountability.present(report.published)}, request=request)
    filename = f"{report.center.slug if report.center_id else 'network'}-{report.period_end}.pdf"
    return pdf_download(html, filename)
