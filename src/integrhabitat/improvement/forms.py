from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.improvement.models import AccountabilityReport, Feedback, ManualIndicator
from integrhabitat.lib.forms import DateInput, PlainChoicesMixin
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


class DashboardForm(PlainChoicesMixin, forms.Form):
    """The period of a dashboard, and the indicator and breakdown to explore."""

    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    by = forms.ChoiceField(label=_("Broken down by"), required=False)

    def __init__(self, *args, sensitive: bool, network: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from integrhabitat.improvement.indicators import CATALOGUE, SENSITIVE_BREAKDOWNS, Breakdown

        self.fields["indicator"].choices = [(c, i.name) for c, i in CATALOGUE.items() if i.breakdowns]
        self.fields["by"].choices = [(b.value, b.label) for b in Breakdown
                                     if (sensitive or b not in SENSITIVE_BREAKDOWNS or b == Breakdown.GROUP)
                                     and (network or b != Breakdown.CENTER)]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period comes before its start."))
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 3 * 366:
            raise forms.ValidationError(_("Choose a period of three years at most."))
        return data

    def period(self):
        """The chosen period, or the headline period (`periods.headline_period`: the last quarter ended)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if not data.get("start") and not data.get("end"):
            from integrhabitat.improvement.periods import headline_period

            headline = headline_period(timezone.localdate())
            return headline.start, headline.end
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or (end.replace(day=1, year=end.year - 1) + timedelta(days=32)).replace(day=1)
        return start, end


class TargetsForm(forms.Form):
    """One target per indicator for a year; an empty field removes the target."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = [code for code, _name in choices]
        for code, name in choices:
            self.fields[f"t_{code}"] = forms.DecimalField(label=name, required=False, max_digits=14,
                                                          decimal_places=2, min_value=0)

    def targets(self) -> dict:
        return {code: self.cleaned_data.get(f"t_{code}") for code in self.codes}


class ManualIndicatorForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = ManualIndicator
        fields = ["name", "code", "dimension", "definition", "unit", "direction", "aggregation"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"code": _("Short, without spaces: letters, digits and hyphens. It names the indicator in "
                                "exports.")}


class ManualValueForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None)
    month = forms.DateField(label=_("Month"), widget=DateInput(), help_text=_("Any day of the month."))
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Source or note"), max_length=300, required=False)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        from integrhabitat.improvement.indicators import manual_indicators

        self.fields["indicator"].queryset = manual_indicators(center)


class ReportForm(forms.ModelForm):
    class Meta:
        model = AccountabilityReport
        fields = ["title", "period_start", "period_end", "introduction"]
        widgets = {"period_start": DateInput(), "period_end": DateInput(),
                   "introduction": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"introduction": _("What the reader should know first: the year of the center, in your "
                                        "words. It is published as written: never name participants.")}
