"""The center dashboard (indicators vs. targets, charts, any breakdown, exports) and the coordinator's targets
and manual indicators. (The network's comparison of centers is `network_views`.)"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integrhabitat.improvement.models import ManualValue, Target
from integrhabitat.improvement.results import dashboard
from integrhabitat.improvement.results import services as improvement_actions
from integrhabitat.improvement.results.forms import DashboardForm, ManualIndicatorForm, ManualValueForm, TargetsForm
from integrhabitat.improvement.results.indicators import CATALOGUE, Breakdown, Scope, manual_indicators
from integrhabitat.improvement.results.periods import headline_period
from integrhabitat.improvement.results.snapshots import as_of, remembered, version_of
from integrhabitat.lib.db_router import reading_from_replica
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import posted, render_page
from integrhabitat.lib.spreadsheets import csv_response, xlsx_response
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import INDICATORS_MANAGE, INDICATORS_VIEW, SENSITIVE_VIEW

EXPORTS = ("csv", "xlsx")

# The HXL hashtags of `dashboard.EXPORT_HEADER`'s columns, one for one (`?hxl=1` puts them under the header):
# humanitarian tools (HDX, the HXL Proxy) then read the figures without a mapping. The file is long (one row
# per figure), so a breakdown's group (women, 18–59...) is a value of the `key`/`label` columns, not an
# attribute of the column.
EXPORT_HXL = ["#indicator +code", "#indicator +name", "#meta +breakdown", "#meta +breakdown +code",
              "#meta +breakdown +name", "#indicator +value +num", "#indicator +numerator +num",
              "#indicator +denominator +num", "#indicator +unit", "#indicator +target +num", "#loc +name",
              "#date +start", "#date +end"]


def _explore(form, scope: Scope, *, sensitive: bool):
    """The breakdown the user asked for, as a chart with its table."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    code, by = data.get("indicator"), data.get("by")
    if not code or not by:
        return None
    indicator = CATALOGUE[code]
    # The form offers only the breakdowns the user's role may see; not every indicator has each.
    if by not in indicator.breakdowns:
        return {"indicator": indicator, "missing": Breakdown(by).label}
    return {"indicator": indicator,
            "chart": dashboard.chart_for(indicator, scope, by, sensitive=sensitive, ident="chart-explore")}


@require_GET
@center_view(INDICATORS_VIEW)
@reading_from_replica()
def center_dashboard(request, center):
    sensitive = has_perm(request, SENSITIVE_VIEW)
    form = DashboardForm(request.GET or None, sensitive=sensitive)
    start, end = form.period()
    if not form.is_bound:
        form.initial.update(start=start, end=end)
    version, usual = version_of("rows", [center]), not (form.is_bound and form.is_valid() and form.cleaned_data["end"])
    sections = remembered("rows", [center], start, end, version=version, usual_period=usual)
    charts = remembered("charts", [center], start, end, version=version, usual_period=usual, sensitive=sensitive)
    headline = headline_period(timezone.localdate())
    return render_page(request, "improvement/dashboard.html", {
        "form": form, "start": start, "end": end, "target_year": dashboard.target_year(start, end),
        "headline": (start, end) == (headline.start, headline.end),
        "sections": sections.value, "charts": charts.value, "figures_as_of": as_of(sections, charts),
        "explore": _explore(form, Scope.of(center, start, end), sensitive=sensitive),
        "query": request.GET.urlencode(), "can_manage": has_perm(request, INDICATORS_MANAGE),
    })


def export_format(request) -> str:
    fmt = request.GET.get("as", "xlsx")
    if fmt not in EXPORTS:
        raise Http404
    return fmt


def export_response(request, rows_of, fmt: str, filename: str):
    """A download of `rows_of()` under `dashboard.EXPORT_HEADER` (the network's too: `network_views`)."""
    def rows():
        if request.GET.get("hxl") == "1":
            yield EXPORT_HXL
        yield from rows_of()

    if fmt == "csv":
        return csv_response(dashboard.EXPORT_HEADER, rows(), f"{filename}.csv")
    return xlsx_response([(_("Indicators"), dashboard.EXPORT_HEADER, rows())], f"{filename}.xlsx")


@require_GET
@center_view(INDICATORS_VIEW)
@reading_from_replica()
def center_dashboard_export(request, center):
    """Every figure of the dashboard's period, `?as=xlsx` (the default) or `?as=csv`."""
    fmt = export_format(request)
    sensitive = has_perm(request, SENSITIVE_VIEW)
    start, end = DashboardForm(request.GET or None, sensitive=sensitive).period()
    return export_response(request, lambda: dashboard.export_rows([center], start, end, sensitive=sensitive), fmt,
                           f"indicators-{center.slug}-{start}-{end}")


def _as_typed(value):
    """A stored target as someone would type it: 450, not 450.00; 12.5, not 12.50."""
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


@require_http_methods(["GET", "POST"])
@center_view(INDICATORS_MANAGE)
def targets(request, center):
    """The year's targets of every indicator, in one form."""
    choices = dashboard.target_choices(center)
    year = _year(request.GET.get("year") or request.POST.get("year"))
    current = {t.indicator: t.value for t in Target.objects.filter(center=center, year=year)}
    initial = {"year": year, **{f"t_{code}": _as_typed(value) for code, value in current.items()}}
    form = TargetsForm(posted(request), initial=initial, choices=choices)
    if form.is_valid():
        changed = improvement_actions.set_targets(center, form.cleaned_data["year"], form.targets(),
                                                  actor=request.user)
        messages.success(request, _("Targets saved (%(count)s changed).") % {"count": changed})
        return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    return render_page(request, "improvement/targets.html", {"form": form, "year": year},
                       status=400 if form.is_bound else 200)


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require_http_methods(["GET", "POST"])
@center_view(INDICATORS_MANAGE)
def manual_indicators_page(request, center):
    """The indicators the platform cannot count: define them, and enter their monthly values."""
    action = request.POST.get("action") if request.method == "POST" else None
    indicator_form = ManualIndicatorForm(request.POST if action == "indicator" else None)
    value_form = ManualValueForm(request.POST if action == "value" else None, center=center)
    bound = indicator_form if action == "indicator" else value_form if action == "value" else None
    if bound is not None and bound.is_valid():
        try:
            if bound is indicator_form:
                data = dict(indicator_form.cleaned_data)
                data["code"] = slugify(data["code"])
                improvement_actions.create_manual_indicator(center, data, actor=request.user)
                messages.success(request, _("Indicator added to the center's catalogue."))
            else:
                d = value_form.cleaned_data
                improvement_actions.record_manual_value(center, d["indicator"], d["month"], d["value"],
                                                        note=d["note"], actor=request.user)
                messages.success(request, _("Value saved."))
            return redirect(request.path)
        except Refused as refusal:
            bound.add_error(None, refusal.message)
    return render_page(request, "improvement/manual_indicators.html", {
        "indicator_form": indicator_form, "value_form": value_form,
        "indicators": manual_indicators(center),
        "values": ManualValue.objects.filter(center=center).select_related("indicator")[:24],
    }, status=400 if request.method == "POST" else 200)
