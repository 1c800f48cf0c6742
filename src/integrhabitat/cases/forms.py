from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.cases.models import NEED_FIELDS, Assessment, Case, FollowUp, Goal, Referral
from integrhabitat.lib.forms import (
    DateInput,
    PlainChoicesMixin,
    StaffChoiceField,
    StaffMultipleChoiceField,
    SubmissionTokenMixin,
    clean_past_date,
)
from integrhabitat.network.models import Membership
from integrhabitat.network.roles import CASES_MANAGE
from integrhabitat.partners.models import Organization, Pathway
from integrhabitat.services.models import Service


def case_staff(center):
    """The users who may hold cases in `center`: its active case workers and coordinators."""
    user_ids = Membership.objects.with_perm(CASES_MANAGE).filter(center=center).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids).order_by("first_name", "username")


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseForm(PlainChoicesMixin, forms.Form):
    assigned_to = StaffChoiceField(label=_("Case worker"), queryset=None, empty_label=_("— Choose —"))
    team = StaffMultipleChoiceField(label=_("Team (optional)"), queryset=None, required=False,
                                    widget=forms.CheckboxSelectMultiple)
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Case.Priority.choices, coerce=int,
                                      initial=Case.Priority.MEDIUM)
    summary = forms.CharField(label=_("Situation on arrival"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What the person asks for and why. Confidential details go in notes."))

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        staff = case_staff(center)
        self.fields["assigned_to"].queryset = staff
        self.fields["team"].queryset = staff


class CaseEditForm(VersionMixin, CaseForm):
    status = forms.ChoiceField(label=_("Status"),
                               choices=[c for c in Case.Status.choices if c[0] != Case.Status.CLOSED])
    field_order = ["assigned_to", "team", "status", "priority", "summary"]


class CaseCloseForm(PlainChoicesMixin, VersionMixin):
    closure_reason = forms.ChoiceField(label=_("Why is the case closed?"),
                                       choices=[("", ""), *Case.ClosureReason.choices])
    closure_note = forms.CharField(label=_("Closure note"), required=False, max_length=500)


class AssessmentForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["assessed_on", *NEED_FIELDS, "integration", "inclusion", "cohesion", "notes"]
        widgets = {"assessed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def clean_assessed_on(self):
        return clean_past_date(self.cleaned_data.get("assessed_on"))

    def clean(self):
        data = super().clean()
        answered = [name for name in [*NEED_FIELDS, "integration", "inclusion", "cohesion"]
                    if data.get(name) is not None]
        if not answered:
            raise forms.ValidationError(_("Rate at least one need or dimension."), code="empty")
        return data


class GoalForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "category", "due_on"]
        widgets = {"due_on": DateInput()}


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)


def delivery_choices(case) -> list[tuple[str, str]]:
    """The person's deliveries as choices, read once for all the action forms of a case page."""
    deliveries = case.participant.deliveries.select_related("service").order_by("-delivered_on")[:100]
    return [(str(d.uuid), f"{d.service.name} · {d.delivered_on:%d/%m/%Y}") for d in deliveries]


class ActionForm(forms.Form):
    description = forms.CharField(label=_("What was done"), max_length=300)
    done_on = forms.DateField(label=_("Date"), widget=DateInput())
    delivery = forms.ChoiceField(label=_("Service delivered (optional)"), required=False)

    def __init__(self, *args, case, deliveries: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["delivery"].choices = [("", _("— None —")), *deliveries]
        if not self.is_bound:
            self.initial.setdefault("done_on", timezone.localdate())

    def clean_done_on(self):
        return clean_past_date(self.cleaned_data.get("done_on"))

    def clean_delivery(self):
        chosen = self.cleaned_data.get("delivery")
        return self.case.participant.deliveries.get(uuid=chosen) if chosen else None


class FollowUpForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["due_on", "channel", "purpose", "assigned_to"]
        widgets = {"due_on": DateInput()}
        field_classes = {"assigned_to": StaffChoiceField}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = case_staff(center)


class FollowUpRecordForm(PlainChoicesMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", ""), *FollowUp.Outcome.choices])
    note = forms.CharField(label=_("What was agreed"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    next_due_on = forms.DateField(label=_("Next follow-up (optional)"), required=False, widget=DateInput())

    def clean_next_due_on(self):
        value = self.cleaned_data.get("next_due_on")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("The next follow-up cannot be in the past."), code="past")
        return value


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Confidential note"), max_length=8000, widget=forms.Textarea(attrs={"rows": 3}))


class ReferralForm(PlainChoicesMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Partner organization"), queryset=None, required=False, to_field_name="uuid",
        help_text=_("Leave empty to refer to a service of the center itself."),
    )
    service = forms.ModelChoiceField(label=_("Service"), queryset=None, required=False, to_field_name="uuid")
    pathway = forms.ModelChoiceField(label=_("Pathway"), queryset=None, required=False, to_field_name="uuid",
                                     widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the referral"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The partner reads this: write only what they need to attend the person."))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Referral.Urgency.choices, initial=Referral.Urgency.ROUTINE)
    shared_fields = forms.MultipleChoiceField(
        label=_("Data shared with the organization, besides the name"), choices=Referral.Shared.choices,
        required=False, widget=forms.CheckboxSelectMultiple, initial=[Referral.Shared.PHONE],
    )
    override_reason = forms.CharField(
        label=_("Reason to refer without the person's consent (coordinators only)"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the person cannot consent and the referral protects them. It is audited."),
    )

    def __init__(self, *args, center, can_override: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(center=center).receiving_referrals()
        self.fields["service"].queryset = Service.objects.filter(center=center).exclude(
            status=Service.Status.RETIRED).select_related("provider").order_by("category", "name")
        self.fields["pathway"].queryset = Pathway.objects.filter(center=center, is_active=True)
        self.fields["organization"].empty_label = _("— The center itself —")
        self.fields["service"].empty_label = _("— Any service of the organization —")
        self.fields["organization"].error_messages["invalid_choice"] = _(
            "This organization cannot receive referrals: it has no agreement or active relationship with the center.")
        if not can_override:
            del self.fields["override_reason"]

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("service"):
            raise forms.ValidationError(_("Choose a service or an organization to refer to."), code="destination")
        return data


class ReferralAnswerForm(VersionMixin):
    decision = forms.ChoiceField(label=_("Answer"), choices=[("accept", _("Accept")), ("reject", _("Reject"))],
                                 widget=forms.RadioSelect)
    note = forms.CharField(label=_("Message for the case worker"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Required when rejecting: say why, so they can look for another way."))


class PartnerSessionForm(SubmissionTokenMixin, forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=None, to_field_name="uuid")
    delivered_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["service"].empty_label = _("— Choose —")
        if not self.is_bound:
            self.initial.setdefault("delivered_on", timezone.localdate())

    def clean_delivered_on(self):
        return clean_past_date(self.cleaned_data.get("delivered_on"))


class ReferralAttendForm(VersionMixin):
    feedback = forms.CharField(label=_("Feedback for the case worker"), required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}))
    service = forms.ModelChoiceField(label=_("Service delivered (records it as a delivery)"), queryset=None,
                                     required=False, to_field_name="uuid")
    delivered_on = forms.DateField(label=_("Date"), required=False, widget=DateInput())

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["service"].empty_label = _("— None —")
        if not self.is_bound:
            self.initial.setdefault("delivered_on", timezone.localdate())

    def clean_delivered_on(self):
        return clean_past_date(self.cleaned_data.get("delivered_on"))


