"""The pages of an import: upload → columns → preview → import, each a plain form that works without JavaScript."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.imports import services as import_actions
from integrhabitat.imports.forms import ConfirmForm, MappingForm, UploadForm
from integrhabitat.imports.models import ImportJob, Kind
from integrhabitat.imports.reading import UnreadableFile
from integrhabitat.imports.rows import ERROR, INFO, WARNING, problem_message
from integrhabitat.imports.tasks import schedule
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import posted, render_page
from integrhabitat.lib.spreadsheets import csv_response, xlsx_response
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import COMMUNITIES_VIEW, DELIVERY_RECORD, PEOPLE_IMPORT, SENSITIVE_EDIT

# Beyond PEOPLE_IMPORT, what each kind of file needs: the pages that record the same facts ask for it.
KIND_PERMS = {
    Kind.PEOPLE: (),
    Kind.DELIVERIES: (DELIVERY_RECORD,),
    Kind.ATTENDANCE: (COMMUNITIES_VIEW, DELIVERY_RECORD),
}
EXAMPLES = Path(__file__).parent / "examples"
SHOWN_PROBLEMS = 500


def allowed_kinds(request) -> list[str]:
    return [kind for kind, perms in KIND_PERMS.items() if all(has_perm(request, p) for p in perms)]


def access_job(request, job_id) -> ImportJob:
    job = get_object_or_404(ImportJob, center=request.center, uuid=job_id)
    if job.kind not in allowed_kinds(request):
        raise PermissionDenied
    return job


@require_http_methods(["GET", "POST"])
@center_view(PEOPLE_IMPORT)
def start(request, center):
    """Choose what the file holds and upload it; the center's recent imports below."""
    kinds = allowed_kinds(request)
    asked = request.GET.get("kind")
    form = UploadForm(posted(request), request.FILES or None, kinds=kinds,
                      initial={"kind": asked} if asked in kinds else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_actions.start_import(center, form.cleaned_data["kind"], form.cleaned_data["file"],
                                              actor=request.user, sensitive=has_perm(request, SENSITIVE_EDIT))
        except UnreadableFile as error:
            form.add_error("file", str(error.message))
        else:
            return redirect("imports:job_mapping", center=center.slug, job_id=job.uuid)
    jobs = ImportJob.objects.filter(center=center, kind__in=kinds).select_related("created_by").defer(
        "problems", "rejected_cells", "header", "mapping")[:20]
    return render_page(request, "imports/start.html", {
        "form": form, "jobs": jobs, "examples": kinds,
        "max_mb": import_actions.max_bytes() // (1024 * 1024), "max_rows": import_actions.max_rows(),
    }, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@center_view(PEOPLE_IMPORT)
def job_mapping(request, center, job_id):
    """Which column fills which field: suggested from the header, remembered for the next file like it."""
    job = access_job(request, job_id)
    if job.status not in (ImportJob.Status.MAPPING, ImportJob.Status.READY, ImportJob.Status.FAILED) or (
        job.status == ImportJob.Status.FAILED and job.options.get("confirmed_by")
    ) or job.stored_id is None:
        return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)
    sensitive = has_perm(request, SENSITIVE_EDIT)
    form = MappingForm(posted(request), job=job, sensitive=sensitive)
    if request.method == "POST" and form.is_valid():
        job = import_actions.save_mapping(job, form.mapping(), actor=request.user, choices=form.file_choices(),
                                          sensitive=sensitive)
        schedule(job, "validate")
        return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)
    try:
        samples = import_actions.sample_rows(job, 3)
    except UnreadableFile as error:  # damaged below the rows the upload read
        messages.error(request, str(error.message))
        return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)
    columns = [(form[f"col_{i}"], [s[i] if i < len(s) else None for s in samples]) for i in range(len(job.header))]
    return render_page(request, "imports/mapping.html", {"job": job, "form": form, "columns": columns},
                       status=400 if form.is_bound else 200)


@require_GET
@center_view(PEOPLE_IMPORT)
def job_detail(request, center, job_id):
    """The preview (every problem by row and column) and the confirmation; the progress while it runs."""
    job = access_job(request, job_id)
    done, _mtime = import_actions.read_progress(job)
    problems = [{**p, "message": problem_message(p)} for p in job.problems[:SHOWN_PROBLEMS]]
    counts = {level: sum(1 for p in job.problems if p["level"] == level) for level in (ERROR, WARNING, INFO)}
    return render_page(request, "imports/job_detail.html", {
        "job": job, "problems": problems, "counts": counts, "more_problems": len(job.problems) > SHOWN_PROBLEMS,
        "form": ConfirmForm(), "progress": max(done, job.progress) if job.is_busy else job.progress,
        "stale": import_actions.is_stale(job), "can_restart": job.stored_id is not None and (
            job.status == ImportJob.Status.FAILED or import_actions.is_stale(job)),
    })


@require_POST
@center_view(PEOPLE_IMPORT)
def job_commit(request, center, job_id):
    job = access_job(request, job_id)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        job = import_actions.confirm_import(job, actor=request.user, sensitive=has_perm(request, SENSITIVE_EDIT),
                                            **form.cleaned_data)
    except Refused as error:
        messages.error(request, str(error.message))
        return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)
    job = schedule(job, "commit")
    if job.status == ImportJob.Status.DONE:
        messages.success(request, _("The import is done."))
    elif job.status == ImportJob.Status.FAILED:
        messages.error(request, job.error)
    return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)


@require_POST
@center_view(PEOPLE_IMPORT)
def job_restart(request, center, job_id):
    """Start again an import that failed or whose worker stopped: nothing of it had been saved."""
    job = access_job(request, job_id)
    try:
        job = import_actions.restart_job(job, actor=request.user)
    except Refused as error:
        messages.error(request, str(error.message))
        return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)
    schedule(job, "validate" if job.status == ImportJob.Status.VALIDATING else "commit")
    return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)


@require_GET
@center_view(PEOPLE_IMPORT)
def job_rejected(request, center, job_id):
    """The rows with problems (or left out), with the reasons, to correct and upload again."""
    job = access_job(request, job_id)
    try:
        header, rows = import_actions.rejected_rows(job)
    except UnreadableFile as error:
        messages.error(request, str(error.message))
        return redirect("imports:job_detail", center=center.slug, job_id=job.uuid)
    stem = f"rechazadas-{job.created_at:%Y%m%d-%H%M}"
    if request.GET.get("as") == "xlsx":
        return xlsx_response([(_("Rows with problems"), header, rows)], f"{stem}.xlsx")
    return csv_response(header, rows, f"{stem}.csv")


@require_GET
@center_view(PEOPLE_IMPORT)
def example(request, center):
    """A small example file to fill in, per kind (`?kind=people`, `deliveries` or `attendance`)."""
    kind = request.GET.get("kind", Kind.PEOPLE)
    if kind not in Kind.values:
        raise Http404
    path = EXAMPLES / f"{kind}.csv"
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"ejemplo-{kind}.csv",
                        content_type="text/csv; charset=utf-8")
