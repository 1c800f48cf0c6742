import re

from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.cocreation.models import Meeting, Process, Proposal
from integrhabitat.lib.forms import DateInput, PlainChoicesMixin
from integrhabitat.people.forms import person_by_code


class ProcessForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = Process
        fields = ["title", "kind", "scope", "description", "status", "is_public", "starts_on", "ends_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "starts_on": DateInput(),
                   "ends_on": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class PhaseForm(forms.Form):
    name = forms.CharField(label=_("Phase"), max_length=200)
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput())
    ends_on = forms.DateField(label=_("End date"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class MeetingForm(forms.ModelForm):
    attendee_codes = forms.CharField(
        label=_("Who came (codes)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The codes of the participants' cards, separated by spaces or commas."),
    )

    class Meta:
        model = Meeting
        fields = ["date", "place", "agenda", "minutes"]
        widgets = {"date": DateInput(), "agenda": forms.Textarea(attrs={"rows": 3}),
                   "minutes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        if self.instance.pk and not self.is_bound:
            self.initial["attendee_codes"] = " ".join(self.instance.attendees.values_list("code", flat=True))

    def clean_attendee_codes(self):
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["attendee_codes"]) if c]
        people, unknown = [], []
        for code in codes:
            try:
                people.append(person_by_code(self.center, code))
            except forms.ValidationError:
                unknown.append(code.upper())
        if unknown:
            raise forms.ValidationError(_("Unknown codes in this center: %(codes)s."),
                                        params={"codes": ", ".join(unknown)})
        return people


class ProposalForm(PlainChoicesMixin, forms.ModelForm):
    author_code = forms.CharField(label=_("Code of the person who proposes it"), max_length=20, required=False,
                                  help_text=_("Leave empty for a proposal of a group or a workshop."))

    class Meta:
        model = Proposal
        fields = ["title", "description", "category", "area", "process"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        self.fields["process"].queryset = Process.objects.filter(center=center, status=Process.Status.OPEN)
        self.fields["process"].empty_label = _("— None —")
        self.fields["process"].to_field_name = "uuid"

    def clean_author_code(self):
        code = self.cleaned_data["author_code"]
        return person_by_code(self.center, code) if code.strip() else None


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code of the person"), max_length=20)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    code = forms.CharField(label=_("Code of the person who comments (optional)"), max_length=20, required=False)


class AnswerForm(PlainChoicesMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Proposal.Status.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)
    answer = forms.CharField(label=_("Public answer"), required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Shown on the center's public page. Required when not accepted."))
    version = forms.IntegerField(widget=forms.HiddenInput)
