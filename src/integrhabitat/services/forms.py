from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.forms import DateInput, PlainChoicesMixin, SubmissionTokenMixin, clean_past_date
from integrhabitat.people.forms import person_by_code
from integrhabitat.people.groups import GROUP_CHOICES
from integrhabitat.people.models import Participant
from integrhabitat.services.models import DeliveryChannel, Service
from integrhabitat.services.taxonomy import SERVICE_TYPE_CHOICES


class ServiceForm(PlainChoicesMixin, forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=GROUP_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Service
        fields = ["name", "service_type", "description", "origin", "modality", "relationship", "provider",
                  "target_groups", "cost_model", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        self.fields["service_type"].choices = [("", _("— Choose —")), *SERVICE_TYPE_CHOICES]
        # Only this center's allies (without importing them: services do not depend on partners).
        organizations = Service._meta.get_field("provider").related_model.objects
        self.fields["provider"].queryset = organizations.filter(center=center).exclude(status="inactive")
        self.fields["provider"].empty_label = _("— The center itself —")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Service.objects.filter(center=self.center, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This center already has a service with this name."), code="unique")
        return name

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def active_services(center):
    return Service.objects.filter(
        center=center, status__in=[Service.Status.ACTIVE, Service.Status.UNDER_REVIEW]
    ).order_by("category", "name")


class DeliveryFieldsMixin(SubmissionTokenMixin):
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.none(), to_field_name="uuid", empty_label=_("— Choose —")
    )
    delivered_on = forms.DateField(label=_("Date"), widget=DateInput())
    # Empty: the service's usual channel (`Service.usual_channel`), known only once the service is chosen.
    channel = forms.ChoiceField(
        label=_("Channel"), required=False,
        choices=[("", _("As the service is usually given")), *DeliveryChannel.choices],
        error_messages={"invalid_choice": _("“%(value)s” is not a known delivery channel.")},
    )
    # Sent by the button that confirms a second delivery to a person who already got the service that day.
    again = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        self.fields["service"].queryset = active_services(center)
        self.fields["service"].error_messages["invalid_choice"] = _(
            "Choose an active service of this center."
        )
        if not self.is_bound:
            self.initial.setdefault("delivered_on", timezone.localdate())

    def clean_delivered_on(self):
        return clean_past_date(self.cleaned_data.get("delivered_on"))


class DeliveryForm(DeliveryFieldsMixin, forms.Form):
    """One service given to one person (the profile's quick buttons)."""

    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class BulkDeliveryForm(DeliveryFieldsMixin, forms.Form):
    """One service given to many people at once (an outreach day)."""

    quantity = forms.IntegerField(label=_("Quantity per person"), min_value=1, max_value=1000, initial=1)
    provider_code = forms.CharField(
        label=_("Given by a participant (code, optional)"), max_length=20, required=False,
        help_text=_("When a participant provides the service to the others, for example a volunteer barber."),
    )
    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=Participant.objects.none(), to_field_name="uuid", required=False,
    )
    q = forms.CharField(label=_("Find people"), required=False, max_length=200, widget=forms.SearchInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Participant.objects.active().filter(center=self.center)
        self.fields["people"].error_messages["invalid_choice"] = _("One of the people is not of this center.")
        self.fields["q"].widget.attrs.update(autocomplete="off", placeholder=_("Name, code, phone or document"))

    def clean_provider_code(self):
        code = self.cleaned_data.get("provider_code", "")
        return person_by_code(self.center, code) if code.strip() else None

    def wants_to_save(self) -> bool:
        """Whether the user pressed a button that records (not "Search")."""
        return self.data.get("action") == "save" or bool(self.data.get("again"))

    def clean_people(self):
        people = list(self.cleaned_data.get("people") or [])
        if self.wants_to_save() and not people:
            raise forms.ValidationError(_("Tick at least one person."), code="required")
        return people
