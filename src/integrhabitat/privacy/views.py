"""The center's data protection registers: requests people make about their data, and data breaches."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrhabitat.lib.errors import Refused
from integrhabitat.lib.http import paginate, posted, render_page
from integrhabitat.network import exports
from integrhabitat.network.access import center_view
from integrhabitat.network.roles import BREACHES_MANAGE, PRIVACY_REQUESTS
from integrhabitat.people.access import access_participant
from integrhabitat.privacy import services as privacy
from integrhabitat.privacy.access import access_breach, access_request
from integrhabitat.privacy.forms import AnswerForm, BreachForm, ExtendForm, RequestForm
from integrhabitat.privacy.models import Breach, DataRequest

REQUEST_COLUMNS = [
    exports.Column("person", gettext_lazy("Person"), exports.attr("participant.code")),
    exports.field(DataRequest, "kind"),
    exports.field(DataRequest, "channel"),
    exports.field(DataRequest, "received_on"),
    exports.field(DataRequest, "due_on"),
    exports.field(DataRequest, "status"),
    exports.field(DataRequest, "answered_on"),
    exports.field(DataRequest, "outcome"),
]
FILTERS = {
    "open": lambda requests, today: requests.exclude(status=DataRequest.Status.ANSWERED),
    "overdue": lambda requests, today: requests.exclude(status=DataRequest.Status.ANSWERED).filter(due_on__lt=today),
    "answered": lambda requests, today: requests.filter(status=DataRequest.Status.ANSWERED),
    "all": lambda requests, today: requests,
}


@require_GET
@center_view(PRIVACY_REQUESTS)
def request_list(request, center):
    today = timezone.localdate()
    shown = request.GET.get("status", "open")
    if shown not in FILTERS:
        shown = "open"
    requests = FILTERS[shown](DataRequest.objects.filter(center=center).select_related("participant"), today)
    if exports.wants_download(request):
        return exports.list_download(request, requests, REQUEST_COLUMNS, filename=f"data-requests-{center.slug}",
                                     title=_("Data protection requests"), audit_code="privacy.request.exported",
                                     center=center)
    return render_page(request, "privacy/request_list.html", {
        "requests": paginate(request, requests, 30), "today": today, "shown": shown,
        "overdue": privacy.overdue_requests(center, today).count(),
    })


@require_http_methods(["GET", "POST"])
@center_view(PRIVACY_REQUESTS)
def request_create(request, center, participant_id):
    person = access_participant(request, participant_id)
    form = RequestForm(posted(request), initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            created = privacy.record_request(person, form.cleaned_data, actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Request recorded: the answer is due on %(date)s.")
                             % {"date": created.due_on.strftime("%d/%m/%Y")})
            return redirect("privacy:request_detail", center=center.slug, request_id=created.uuid)
    return render_page(request, "privacy/request_form.html", {"form": form, "person": person},
                       status=400 if form.is_bound else 200)


def _request_page(request, item, *, extend_form=None, answer_form=None, status=200):
    today = timezone.localdate()
    return render_page(request, "privacy/request_detail.html", {
        "item": item, "today": today,
        "extend_form": extend_form or ExtendForm(initial={"version": item.version}),
        "answer_form": answer_form or AnswerForm(initial={"version": item.version, "answered_on": today}),
        "extension_days": privacy.deadline(item.kind)[1],
    }, status=status)


@require_GET
@center_view(PRIVACY_REQUESTS)
def request_detail(request, center, request_id):
    return _request_page(request, access_request(request, request_id))


def _change_request(request, center, request_id, form_class, form_name: str, change, done: str):
    """Apply `change(item, cleaned_data)` to a request from a posted `form_class`; back to the request with
    `done` said, or the page again with the form and its errors (400)."""
    item = access_request(request, request_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            change(item, form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, done)
            return redirect("privacy:request_detail", center=center.slug, request_id=item.uuid)
    return _request_page(request, item, status=400, **{form_name: form})


@require_POST
@center_view(PRIVACY_REQUESTS)
def request_extend(request, center, request_id):
    def extend(item, data):
        privacy.extend_request(item, reason=data["reason"], version=data["version"], actor=request.user)

    return _change_request(request, center, request_id, ExtendForm, "extend_form", extend,
                           _("Deadline extended. Tell the person why, and when they will have the answer."))


@require_POST
@center_view(PRIVACY_REQUESTS)
def request_answer(request, center, request_id):
    def answer(item, data):
        privacy.answer_request(item, outcome=data["outcome"], answer=data["answer"], answered_on=data["answered_on"],
                               version=data["version"], actor=request.user)

    return _change_request(request, center, request_id, AnswerForm, "answer_form", answer, _("Answer recorded."))


# --- Breaches --------------------------------------------------------------------------------------------------

@require_GET
@center_view(BREACHES_MANAGE)
def breach_list(request, center):
    now = timezone.now()
    breaches = [(b, privacy.notice_due_at(b)) for b in Breach.objects.filter(center=center)]
    return render_page(request, "privacy/breach_list.html", {"breaches": breaches, "now": now,
                                                             "notice_hours": privacy.BREACH_NOTICE_HOURS})


@require_http_methods(["GET", "POST"])
@center_view(BREACHES_MANAGE)
def breach_edit(request, center, breach_id=None):
    breach = access_breach(request, breach_id) if breach_id else None
    initial = {} if breach else {"discovered_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = BreachForm(posted(request), instance=breach, center=center, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in privacy.BREACH_FIELDS}
        try:
            saved = privacy.save_breach(center, data, actor=request.user, breach=breach,
                                        version=form.cleaned_data.get("version"))
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Breach saved."))
            return redirect("privacy:breach_edit", center=center.slug, breach_id=saved.uuid)
    due = privacy.notice_due_at(breach) if breach else None
    return render_page(request, "privacy/breach_form.html", {"form": form, "breach": breach, "due": due,
                                                             "now": timezone.now(),
                                                             "notice_hours": privacy.BREACH_NOTICE_HOURS},
                       status=400 if form.is_bound else 200)
