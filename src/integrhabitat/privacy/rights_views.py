"""People's rights over their data: their data as a PDF and as JSON, for them in the portal and for staff
answering a request from the profile (`privacy.subject_data`), and erasure by anonymization
(`privacy.anonymization`)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integrhabitat.cases.models import Case
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.html_pdf import pdf_download
from integrhabitat.lib.http import posted, render_page
from integrhabitat.network.access import center_view
from integrhabitat.network.roles import CASES_ALL, PEOPLE_ANONYMIZE, PRIVACY_REQUESTS
from integrhabitat.people import services as people_services
from integrhabitat.people.access import access_participant
from integrhabitat.people.models import Participant
from integrhabitat.portal.access import portal_view
from integrhabitat.privacy import subject_data
from integrhabitat.privacy.anonymization import anonymize_participant, anonymized_at, legal_holds, stored_name
from integrhabitat.privacy.rights_forms import AnonymizeForm


def _json_download(document, filename: str) -> HttpResponse:
    response = HttpResponse(subject_data.as_json(document), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _give(person: Participant, document, file_format: str, *, channel: str, actor) -> HttpResponse:
    """The document as a file; the copy given is recorded (a PDF only once it could be printed)."""
    if file_format == "json":
        response = _json_download(document, subject_data.filename(person, "json"))
    else:
        response = pdf_download(subject_data.as_html(document), subject_data.filename(person, "pdf"))
    if response.status_code == 200:
        subject_data.record_download(person, channel=channel, file_format=file_format, actor=actor)
    return response


# --- Staff, answering a request from the person's profile ----------------------------------------------------

def _staff_document(request, person: Participant):
    """The person's data as this staff member may read it: the differential-approach answers through the
    sensitive-data gate (the read is recorded), and the cases they follow, or all for a coordinator."""
    membership = request.membership
    visible = None if membership.has_perm(CASES_ALL) else Case.objects.visible_to(request.user, see_all=False)
    return subject_data.build(person, sensitive=people_services.read_sensitive(person, membership=membership),
                              cases=visible)


@require_GET
@center_view(PRIVACY_REQUESTS)
def subject_data_pdf(request, center, participant_id):
    person = access_participant(request, participant_id)
    return _give(person, _staff_document(request, person), "pdf", channel="staff", actor=request.user)


@require_GET
@center_view(PRIVACY_REQUESTS)
def subject_data_json(request, center, participant_id):
    person = access_participant(request, participant_id)
    return _give(person, _staff_document(request, person), "json", channel="staff", actor=request.user)


# --- The participant, in the portal --------------------------------------------------------------------------

def _own_document(person: Participant):
    """Everything, the person's own differential-approach answers included: it is theirs."""
    return subject_data.build(person, sensitive={name: getattr(person, name) for name in Participant.SENSITIVE_FIELDS})


@require_GET
@portal_view
def portal_data_pdf(request, center, person):
    return _give(person, _own_document(person), "pdf", channel="portal", actor=None)


@require_GET
@portal_view
def portal_data_json(request, center, person):
    return _give(person, _own_document(person), "json", channel="portal", actor=None)


# --- Erasure ---------------------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@center_view(PEOPLE_ANONYMIZE)
def participant_anonymize(request, center, participant_id):
    """The confirmation page: what is erased and what is kept, the legal holds, and the person's code to type."""
    person = access_participant(request, participant_id)
    form = AnonymizeForm(posted(request), person=person)
    if request.method == "POST" and form.is_valid():
        try:
            anonymize_participant(person, reason=form.cleaned_data["reason"], actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The person's data was erased. The record %(code)s stays, anonymous, "
                                        "in the center's figures.") % {"code": person.code})
            return redirect("people:participant_detail", center=center.slug, participant_id=person.uuid)
    return render_page(request, "privacy/rights/anonymize.html", {
        "person": person, "form": form, "holds": legal_holds([person]), "anonymized_at": anonymized_at(person),
        "anonymous_name": stored_name(),
    }, status=400 if form.is_bound else 200)
