"""The form of an accountability report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.improvement.models import AccountabilityReport
from integrhabitat.lib.forms import DateInput


class ReportForm(forms.ModelForm):
    class Meta:
        model = AccountabilityReport
        fields = ["title", "period_start", "period_end", "introduction"]
        widgets = {"period_start": DateInput(), "period_end": DateInput(),
                   "introduction": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"introduction": _("What the reader should know first: the year of the center, in your "
                                        "words. It is published as written: never name participants.")}
