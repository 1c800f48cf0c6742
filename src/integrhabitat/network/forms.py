import re
from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.forms import DateInput, PlainChoicesMixin
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.population import GROUP_CHOICES
from integrhabitat.network.roles import Role


class CenterForm(PlainChoicesMixin, forms.ModelForm):
    priority_groups = forms.MultipleChoiceField(
        label=_("Priority population groups"), choices=GROUP_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Center
        fields = ["name", "slug", "code", "kind", "modality", "lead_institution", "scale", "phase", "country",
                  "city", "address", "directions", "territory_served", "priority_groups", "opening_hours", "languages",
                  "phone", "email"]
        widgets = {"territory_served": forms.Textarea(attrs={"rows": 3}),
                   "directions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Codes and addresses of a running center are referenced elsewhere: fixed once created.
            del self.fields["slug"]
            del self.fields["code"]

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not re.fullmatch(r"[A-Z]{2,6}", code):
            raise forms.ValidationError(_("Use two to six letters without accents, for example BOG."), code="code")
        return code


class CenterCreateForm(CenterForm):
    """A new center and the coordinator who will run it (who can then add the rest of the staff)."""

    coordinator_username = forms.SlugField(label=_("Coordinator's username"), max_length=150)
    coordinator_first_name = forms.CharField(label=_("Coordinator's first name"), max_length=150)
    coordinator_last_name = forms.CharField(label=_("Coordinator's last name"), max_length=150, required=False)
    coordinator_email = forms.EmailField(
        label=_("Coordinator's email"), help_text=_("A new account gets an email there to choose a password.")
    )

    def center_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if not name.startswith("coordinator_")}

    def coordinator_data(self) -> dict:
        return {name.removeprefix("coordinator_"): self.cleaned_data[name]
                for name in self.fields if name.startswith("coordinator_")}

    def clean_coordinator_username(self):
        return self.cleaned_data["coordinator_username"].lower()


class StaffAddForm(forms.Form):
    username = forms.SlugField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), help_text=_("We send an email there to choose a password."))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.FRONT_DESK)
    organization = forms.ModelChoiceField(
        label=_("Partner organization"), queryset=None, required=False,
        help_text=_("Only for partner staff: they see only the referrals sent to this organization."),
    )

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        organizations = Membership._meta.get_field("organization").related_model.objects
        self.fields["organization"].queryset = organizations.filter(center=center)
        self.fields["organization"].empty_label = _("— Choose —")

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PARTNER and not data.get("organization"):
            self.add_error("organization", _("Choose the organization this person works for."))
        elif data.get("role") != Role.PARTNER:
            data["organization"] = None
        return data

    def clean_username(self):
        username = self.cleaned_data["username"].lower()
        user = get_user_model().objects.filter(username=username).first()
        if user and Membership.objects.filter(center=self.center, user=user, is_active=True).exists():
            raise forms.ValidationError(_("This person is already on the staff of this center."))
        self.existing_user = user
        return username


class MembershipRoleForm(forms.Form):
    # Partner staff are added with their organization and keep that role: their access is of another kind.
    role = forms.ChoiceField(label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.PARTNER])


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def period(self):
        today = timezone.localdate()
        default_start = today.replace(year=today.year - 1) + timedelta(days=1)
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or default_start
        end = data.get("end") or today
        if end < start:
            start, end = end, start
        return start, end
