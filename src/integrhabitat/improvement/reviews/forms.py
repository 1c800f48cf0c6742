"""Forms of the service reviews: the period whose figures are shown, and the review itself."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.improvement.models import ServiceReview
from integrhabitat.improvement.reviews.services import default_period
from integrhabitat.lib.forms import DateInput
from integrhabitat.services.models import Service

PERIOD_REVERSED = _("The end of the period is before its start.")
PERIOD_IN_FUTURE = _("The period cannot end after today.")


class ReviewPeriodForm(forms.Form):
    """The period to look at (GET): by default the last twelve months."""

    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(PERIOD_REVERSED, code="reversed")
        return data

    def period(self, today: date) -> tuple[date, date]:
        """The chosen period, or the default one when nothing (or something wrong) was chosen."""
        default_start, default_end = default_period(today)
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = min(data.get("end") or default_end, today)
        start = data.get("start") or default_start
        return (start, end) if start <= end else (default_start, default_end)


class ServiceReviewForm(forms.Form):
    """The review of one service: the period (carried from the figures shown), what was observed and
    the decision. Scoped to `center` (the new service's name must be free there)."""

    period_start = forms.DateField(widget=forms.HiddenInput)
    period_end = forms.DateField(widget=forms.HiddenInput)
    outcomes = forms.CharField(label=_("Outcomes observed"), max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("What changed for the people who received the service."))
    goal_reached = forms.BooleanField(label=_("The service reached its goal"), required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=ServiceReview.Decision.choices,
                                 widget=forms.RadioSelect)
    rationale = forms.CharField(label=_("Why"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    changes = forms.CharField(label=_("What changes"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Required to adapt the service; for a new service, what it will do "
                                          "differently (it becomes its description)."))
    new_service_name = forms.CharField(label=_("Name of the new service"), max_length=200, required=False,
                                       help_text=_("Only to create a new service in its place. It is created as "
                                                   "planned, with the same type and modality."))
    next_review_on = forms.DateField(label=_("Next review on"), widget=DateInput(), required=False)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        today = timezone.localdate()
        if start and end:
            if end < start:
                self.add_error(None, forms.ValidationError(PERIOD_REVERSED, code="reversed"))
            elif end > today:
                self.add_error(None, forms.ValidationError(PERIOD_IN_FUTURE, code="future"))
        elif "period_start" in self.errors or "period_end" in self.errors:
            # Hidden fields: say it where it shows.
            self.add_error(None, forms.ValidationError(_("Choose the period of the review again."), code="period"))
        decision = data.get("decision")
        if decision == ServiceReview.Decision.ADAPT and not data.get("changes", "").strip():
            self.add_error("changes", forms.ValidationError(_("Write what changes in the service."), code="required"))
        if decision == ServiceReview.Decision.NEW:
            name = data.get("new_service_name", "").strip()
            if not name:
                self.add_error("new_service_name",
                               forms.ValidationError(_("Write the name of the new service."), code="required"))
            elif Service.objects.filter(center=self.center, name__iexact=name).exists():
                self.add_error("new_service_name", forms.ValidationError(
                    _("This center already has a service with this name."), code="unique"))
        next_review_on = data.get("next_review_on")
        if next_review_on and next_review_on <= today:
            self.add_error("next_review_on",
                           forms.ValidationError(_("The next review is a date after today."), code="past"))
        return data
