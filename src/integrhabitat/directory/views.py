"""The import page: upload an HSDS dataset, preview what it creates, confirm."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from integrhabitat.directory.forms import HsdsUploadForm
from integrhabitat.directory.importer import import_dataset, plan_import
from integrhabitat.directory.models import HsdsImport
from integrhabitat.network.access import center_view
from integrhabitat.network.roles import PARTNERS_MANAGE

# An upload nobody confirmed is dropped when the next one arrives after this long.
ABANDONED_AFTER = timedelta(days=1)


@require_http_methods(["GET", "POST"])
@center_view(PARTNERS_MANAGE)
def hsds_import(request, center):
    if request.method == "POST" and request.POST.get("batch"):
        return _confirm(request, center)
    form = HsdsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            return TemplateResponse(request, "directory/import.html", {"form": form}, status=400)
        options = {"sector": form.cleaned_data["sector"], "scale": form.cleaned_data["scale"],
                   "default_service_type": form.cleaned_data["service_type"]}
        plan = plan_import(center, form.services, **options)
        with transaction.atomic():
            HsdsImport.objects.filter(center=center, imported_at__isnull=True,
                                      created_at__lt=timezone.now() - ABANDONED_AFTER).delete()
            batch = HsdsImport.objects.create(center=center, file_name=form.cleaned_data["file"].name[:200],
                                              services=form.services, options=options, uploaded_by=request.user)
        return TemplateResponse(request, "directory/import.html", {"form": None, "plan": plan, "batch": batch})
    return TemplateResponse(request, "directory/import.html", {"form": form})


def _confirm(request, center):
    batch = get_object_or_404(HsdsImport, center=center, uuid=_uuid_or_none(request.POST["batch"]),
                              imported_at__isnull=True)
    with transaction.atomic():
        plan = import_dataset(center, batch.services, actor=request.user, source=batch, **batch.options)
        batch.summary, batch.services, batch.imported_at = plan.summary, [], timezone.now()
        batch.save(update_fields=["summary", "services", "imported_at"])
    summary = plan.summary
    messages.success(request, _(
        "Import done: %(org_new)s organizations created and %(org_upd)s updated; %(svc_new)s services created and "
        "%(svc_upd)s updated.") % {"org_new": summary["organizations"]["create"],
                                   "org_upd": summary["organizations"]["update"],
                                   "svc_new": summary["services"]["create"], "svc_upd": summary["services"]["update"]})
    return redirect("partners:actor_map", center=center.slug)


def _uuid_or_none(value: str):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
