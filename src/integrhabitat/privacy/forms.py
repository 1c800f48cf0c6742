from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.forms import DateInput, OpenedVersionMixin, PlainChoicesMixin, clean_past_date
from integrhabitat.privacy.models import Breach, DataRequest


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class RequestForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = DataRequest
        fields = ["kind", "channel", "received_on", "made_by", "details"]
        widgets = {"received_on": DateInput(), "details": forms.Textarea(attrs={"rows": 4})}

    def clean_received_on(self):
        return clean_past_date(self.cleaned_data.get("received_on"))


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("Why the answer needs more time (the person is told)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(PlainChoicesMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", ""), *DataRequest.Outcome.choices])
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput())
    answer = forms.CharField(label=_("Answer given to the person"), max_length=6000,
                             widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class BreachForm(OpenedVersionMixin, forms.ModelForm):
    categories = forms.MultipleChoiceField(label=_("Data affected"), choices=Breach.Category.choices,
                                           widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Breach
        fields = ["title", "discovered_at", "occurred_at", "description", "categories", "people_affected", "status",
                  "actions", "authority_notified_at", "people_notified_at", "no_notice_reason"]
        widgets = {"discovered_at": DateTimeInput(), "occurred_at": DateTimeInput(),
                   "authority_notified_at": DateTimeInput(), "people_notified_at": DateTimeInput(),
                   "description": forms.Textarea(attrs={"rows": 4}), "actions": forms.Textarea(attrs={"rows": 4}),
                   "no_notice_reason": forms.Textarea(attrs={"rows": 2})}
