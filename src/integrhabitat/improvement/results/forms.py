"""Forms of the center's results: the dashboard's period and breakdown, the targets, the manual indicators."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.improvement.models import ManualIndicator
from integrhabitat.lib.forms import DateInput, PlainChoicesMixin


class DashboardForm(PlainChoicesMixin, forms.Form):
    """The period of a dashboard, and the indicator and breakdown to explore."""

    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    by = forms.ChoiceField(label=_("Broken down by"), required=False)

    def __init__(self, *args, sensitive: bool, network: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from integrhabitat.improvement.results.indicators import CATALOGUE, SENSITIVE_BREAKDOWNS, Breakdown

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
            from integrhabitat.improvement.results.periods import headline_period

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
        from integrhabitat.improvement.results.indicators import manual_indicators

        self.fields["indicator"].queryset = manual_indicators(center)
