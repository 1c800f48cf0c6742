"""Forms of what people tell the center: a message, its tracking code, the answer, a rating."""

from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.improvement.models import Feedback
from integrhabitat.lib.forms import PlainChoicesMixin
from integrhabitat.services.models import Service


class FeedbackForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["kind", "category", "service", "body", "contact_name", "contact"]
        widgets = {"kind": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"contact_name": _("Optional: you may write anonymously."),
                      "contact": _("Optional. Without it, follow the answer with the code you will get.")}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(center=center).exclude(
            status=Service.Status.RETIRED).order_by("name")
        self.fields["service"].empty_label = _("— The center in general —")
        self.fields["service"].required = False
        self.fields["kind"].choices = Feedback.Kind.choices


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Your code"), max_length=12)


class AnswerForm(forms.Form):
    response = forms.CharField(label=_("Answer to the person"), max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Whoever has the code reads it: no personal data in it."))
    close = forms.BooleanField(label=_("Close it: nothing more to do"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(label=_("How satisfied are you?"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(5, _("5 — very satisfied")), (4, "4"), (3, "3"), (2, "2"),
                                            (1, _("1 — not satisfied"))])
    service = forms.ModelChoiceField(label=_("Service"), queryset=None, required=False, to_field_name="uuid")
    comment = forms.CharField(label=_("Comment (optional)"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(center=center, status=Service.Status.ACTIVE)
        self.fields["service"].empty_label = _("— The center in general —")
