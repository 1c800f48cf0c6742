from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.forms import DateInput, OpenedVersionMixin, PlainChoicesMixin, clean_phone
from integrhabitat.partners.models import (
    Agreement,
    Organization,
    PartnerRole,
    Pathway,
    RelationshipStatus,
    Sector,
)
from integrhabitat.partners.services import ALLOWED_DOCUMENTS
from integrhabitat.people.groups import GROUP_CHOICES
from integrhabitat.services.models import Service


class OrganizationForm(PlainChoicesMixin, OpenedVersionMixin, forms.ModelForm):
    """An actor of the territory. On edit it carries the version it was opened at, so that a save
    over someone else's is refused instead of silently undoing their work."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=PartnerRole.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    priority_groups = forms.MultipleChoiceField(
        label=_("Priority population groups"), choices=GROUP_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=Decimal(-90), max_value=Decimal(90), max_digits=9,
        decimal_places=6, help_text=_("Optional. Between -90 and 90, for example 4.609710."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=Decimal(-180), max_value=Decimal(180), max_digits=9,
        decimal_places=6, help_text=_("Optional. Between -180 and 180, for example -74.081750."),
    )
    status_note = forms.CharField(
        label=_("Note on the status"), max_length=500, required=False,
        help_text=_("Kept in the history when the relationship status changes."),
    )
    reopen_message = _("Open the organization again before saving.")

    class Meta:
        model = Organization
        fields = ["name", "sector", "scale", "roles", "priority_groups", "description", "status", "contact_name",
                  "contact_email", "contact_phone", "website", "address", "latitude", "longitude"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Organization.objects.filter(center=self.center, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This center already has an organization with this name."), code="unique")
        return name

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def organization_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class AgreementForm(PlainChoicesMixin, forms.ModelForm):
    services = forms.ModelMultipleChoiceField(
        label=_("Services covered"), queryset=Service.objects.none(), to_field_name="uuid", required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Agreement
        fields = ["title", "kind", "starts_on", "ends_on", "center_commitments", "partner_commitments"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "center_commitments": forms.Textarea(attrs={"rows": 4}),
            "partner_commitments": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        self.fields["services"].queryset = Service.objects.filter(center=center).order_by("category", "name")
        self.fields["services"].error_messages["invalid_choice"] = _("Choose services of this center.")
        if self.instance.pk and not self.is_bound:
            self.initial["services"] = list(self.instance.services.filter(center=center))

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", forms.ValidationError(
                _("The end date cannot be before the start date."), code="ends_before_start"))
        return data

    def agreement_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"), max_length=200,
        help_text=_("PDF, photo (JPEG or PNG) or document (Word, Excel, OpenDocument)."),
        widget=forms.FileInput(attrs={"accept": ",".join(
            sorted({f".{extension}" for extension in ALLOWED_DOCUMENTS.values()} | {".jpeg"}))}),
    )


class PathwayForm(PlainChoicesMixin, forms.ModelForm):
    class Meta:
        model = Pathway
        fields = ["need", "category", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center

    def clean_need(self):
        need = self.cleaned_data["need"].strip()
        clash = Pathway.objects.filter(center=self.center, need__iexact=need)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This center already has a pathway for this need."), code="unique")
        return need

    def pathway_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PathwayStepForm(forms.Form):
    """Where a pathway sends the person next: an organization, a service, or a service of an organization.
    A plain form: that a step has a destination is checked once, by `add_pathway_step`."""

    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), to_field_name="uuid", required=False,
        empty_label=_("— None —"),
    )
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.none(), to_field_name="uuid", required=False,
        empty_label=_("— None —"),
    )
    instructions = forms.CharField(label=_("What happens there"), max_length=2000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    requirements = forms.CharField(label=_("Requirements"), max_length=2000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    documents = forms.CharField(label=_("Documents to bring"), max_length=2000, required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        self.fields["organization"].queryset = (Organization.objects.filter(center=center)
                                                .exclude(status=RelationshipStatus.INACTIVE))
        self.fields["organization"].error_messages["invalid_choice"] = _("Choose an organization of this center.")
        self.fields["service"].queryset = (Service.objects.filter(center=center)
                                           .exclude(status=Service.Status.RETIRED).order_by("category", "name"))
        self.fields["service"].error_messages["invalid_choice"] = _("Choose a service of this center.")

    def step_data(self) -> dict:
        return dict(self.cleaned_data)


class ActorFilterForm(forms.Form):
    """The actor map's filters, read from the query string; anything unknown is ignored."""

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *RelationshipStatus.choices])
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("All")), *Sector.choices])
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All")), *PartnerRole.choices])
    group = forms.ChoiceField(label=_("Population group"), required=False, choices=[("", _("All")), *GROUP_CHOICES])

    def filters(self) -> dict:
        self.is_valid()  # an unknown value only drops that filter
        return {name: self.cleaned_data.get(name, "") for name in self.fields}

