"""The network coordinator's figures: the centers side by side (`/network/`) and their download
(`/network/download/`), for one calendar month, quarter or year that has ended (`improvement/results/periods.py`),
protected by `improvement/network/figures.py`. Both read the same kept figures, so that the file shows
exactly what the page does."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from integrhabitat.improvement.network import figures as network_figures
from integrhabitat.improvement.results.periods import NetworkPeriodForm
from integrhabitat.improvement.results.snapshots import as_of, remembered
from integrhabitat.improvement.results.views import export_format, export_response
from integrhabitat.lib.db_router import reading_from_replica
from integrhabitat.lib.http import render_page
from integrhabitat.network.access import network_view
from integrhabitat.network.models import Center

TEMPLATE = "improvement/network_overview.html"


def _centers() -> list[Center]:
    return list(Center.objects.filter(is_active=True).order_by("name"))


@require_GET
@network_view
@reading_from_replica()
def network_overview(request):
    """Per center: people served, services by category, people by population group, and every indicator
    compared. Aggregates only, protected; a period that is not a whole calendar one, or not over, is refused.
    Without a choice, the headline period (`periods.headline_period`), as on the centers' own pages."""
    form = NetworkPeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render_page(request, TEMPLATE, {"form": form}, status=400)
    period = form.period()
    centers = _centers()
    # The headline period is what the page opens with: counted while the coordinator waits the first time,
    # never an empty page. Any other period is counted by the worker the first time (a minute at scale).
    headline = period == form.default()
    kept = remembered("network_figures", centers, period.start, period.end, may_wait=headline)
    context = {"form": form, "start": period.start, "end": period.end, "centers": centers, "headline": headline}
    if kept.value is None:
        return render_page(request, TEMPLATE, {**context, "counting": True})
    figures = kept.value
    # Centers are columns, so that they can be compared on a narrow screen.
    return render_page(request, TEMPLATE, {
        **context, "figures": figures, "centers": [column.center for column in figures.columns],
        "people": figures.by_center["people_served"], "deliveries": figures.by_center["deliveries"],
        "people_columns": list(zip([column.center for column in figures.columns], figures.by_center["people_served"],
                                   strict=True)),
        "category_rows": network_figures.category_rows(figures), "group_rows": network_figures.group_rows(figures),
        "indicator_rows": network_figures.indicator_rows(figures), "figures_as_of": as_of(kept),
        "query": urlencode(period.query()),
        "threshold": settings.SMALL_CELL_THRESHOLD, "sensitive_threshold": settings.SENSITIVE_CELL_THRESHOLD,
    })


@require_GET
@network_view
@reading_from_replica()
def network_export(request):
    """The page's figures, `?as=xlsx` (the default) or `?as=csv`: the same kept, protected figures."""
    fmt = export_format(request)
    form = NetworkPeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(" ".join(str(e) for errors in form.errors.values() for e in errors),
                                      content_type="text/plain; charset=utf-8")
    period = form.period()
    kept = remembered("network_figures", _centers(), period.start, period.end, may_wait=period == form.default())
    if kept.value is None:
        # Counted for the first time by the worker: the page says so, and offers the file once counted.
        return redirect(f"{reverse('network_overview')}?{urlencode(period.query())}")
    return export_response(request, lambda: network_figures.export_rows(kept.value), fmt,
                           f"indicators-network-{period.start}-{period.end}")
