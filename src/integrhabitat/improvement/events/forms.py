"""Forms of accountability events and their commitments; each takes `center=` and scopes its choices."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integrhabitat.improvement.events.services import SETTLED, event_staff
from integrhabitat.improvement.models import AccountabilityEvent, AccountabilityReport, Commitment
from integrhabitat.lib.forms import DateInput, PlainChoicesMixin, StaffChoiceField, clean_past_date


class EventForm(forms.ModelForm):
    class Meta:
        model = AccountabilityEvent
        fields = ["held_on", "place", "attendees", "attendees_description", "report", "summary"]
        widgets = {"held_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"held_on": _("Record the event once it has been held.")}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        published = Q(center=center, status=AccountabilityReport.Status.PUBLISHED)
        if self.instance.report_id:  # keep the report chosen before, even if it is no longer published
            published |= Q(pk=self.instance.report_id, center=center)
        report = self.fields["report"]
        report.queryset = AccountabilityReport.objects.filter(published).order_by("-period_end")
        report.to_field_name = "uuid"
        report.required = False
        report.empty_label = _("— None —")
        report.help_text = _("The center's published report presented at the event, if any.")

    def clean_held_on(self):
        return clean_past_date(self.cleaned_data.get("held_on"))


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question raised"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("As it was asked, without the name of who asked it."))
    answer = forms.CharField(label=_("Answer given (optional)"), max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class CommitmentForm(PlainChoicesMixin, forms.Form):
    text = forms.CharField(label=_("Commitment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("What the center committed to, as it was said to the community."))
    responsible = StaffChoiceField(label=_("Responsible"), queryset=None, empty_label=_("— Choose —"),
                                   help_text=_("The staff member who follows it up; they will be notified."))
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())

    def __init__(self, *args, center, event: AccountabilityEvent | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["responsible"].queryset = event_staff(center)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if self.event is not None and due_on < self.event.held_on:
            raise forms.ValidationError(_("The commitment cannot be due before the event where it was made."),
                                        code="before_event")
        return due_on


class ProgressForm(PlainChoicesMixin, forms.Form):
    """What the responsible person may change: how the commitment is going."""

    status = forms.ChoiceField(label=_("Status"), choices=Commitment.Status.choices)
    progress_note = forms.CharField(label=_("What was done"), max_length=4000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text=_("Required to mark it kept or dropped: what was done, or why not."))

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"status": commitment.status, "progress_note": commitment.progress_note})
        super().__init__(*args, **kwargs)
        self.commitment = commitment

    def clean(self):
        data = super().clean()
        if data.get("status") in SETTLED and not data.get("progress_note", "").strip():
            self.add_error("progress_note", forms.ValidationError(
                _("Say what was done (or why it was dropped) before closing the commitment."), code="note_needed"))
        return data


class CommitmentEditForm(CommitmentForm, ProgressForm):
    """Whoever manages accountability also changes what was committed, who follows it up and by when."""

    field_order = ["text", "responsible", "due_on", "status", "progress_note"]

    def __init__(self, *args, center, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"text": commitment.text, "responsible": commitment.responsible_id,
                                      "due_on": commitment.due_on, "status": commitment.status,
                                      "progress_note": commitment.progress_note})
        super().__init__(*args, center=center, event=commitment.event, commitment=commitment, **kwargs)
