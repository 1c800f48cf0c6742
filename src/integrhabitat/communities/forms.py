import re

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.communities.models import Group, Member
from integrhabitat.lib.forms import DateInput, PlainChoicesMixin, StaffMultipleChoiceField
from integrhabitat.network.models import Membership
from integrhabitat.people.groups import GROUP_CHOICES
from integrhabitat.people.models import Participant
from integrhabitat.services.models import Service


class GroupForm(PlainChoicesMixin, forms.ModelForm):
    target_groups = forms.MultipleChoiceField(label=_("Target groups"), choices=GROUP_CHOICES, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    facilitators = StaffMultipleChoiceField(label=_("Facilitators"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    participant_codes = forms.CharField(
        label=_("Participants who facilitate it (codes)"), required=False, max_length=300,
        help_text=_("Participants who run the group for the others, by the codes on their cards."),
    )

    class Meta:
        model = Group
        fields = ["name", "kind", "service", "description", "schedule", "place", "capacity", "target_groups",
                  "status", "starts_on", "ends_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "starts_on": DateInput(),
                   "ends_on": DateInput()}

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        # The group's service is one of the center's community services (or the one it already has).
        community = Q(relationship=Service.Relationship.COMMUNITY) & ~Q(status=Service.Status.RETIRED)
        current = Q(pk=self.instance.service_id) if self.instance.service_id else Q(pk__in=[])
        self.fields["service"].queryset = Service.objects.filter(center=center).filter(community | current).order_by(
            "name")
        self.fields["service"].empty_label = _("— None —")
        staff = Membership.objects.active().filter(center=center).exclude(role="partner").values("user_id")
        self.fields["facilitators"].queryset = Membership._meta.get_field("user").related_model.objects.filter(
            pk__in=staff).order_by("first_name", "username")
        if self.instance.pk:
            self.initial.setdefault("facilitators", list(self.instance.facilitators.all()))
            self.initial.setdefault("participant_codes", " ".join(
                self.instance.participant_facilitators.values_list("code", flat=True)))

    def clean_participant_codes(self):
        codes = [c.upper() for c in re.split(r"[\s,;]+", self.cleaned_data["participant_codes"]) if c]
        people = {p.code: p for p in Participant.objects.active().filter(center=self.center, code__in=codes)}
        unknown = [c for c in codes if c not in people]
        if unknown:
            raise forms.ValidationError(_("Unknown codes in this center: %(codes)s."),
                                        params={"codes": ", ".join(unknown)})
        return list(people.values())

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Group.objects.filter(center=self.center, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This center already has a group with this name."), code="unique")
        return name

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data

    def group_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


CODE_INPUT = forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"})


class MemberAddForm(forms.Form):
    code = forms.CharField(label=_("Name or code of the person"), max_length=120, widget=CODE_INPUT,
                           help_text=_("The code on their card (for example BOG-00042) adds them at once; a name "
                                       "lists the people it may be, to choose from."))
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices, initial=Member.Role.MEMBER, required=False)

    def clean_role(self):
        return self.cleaned_data.get("role") or Member.Role.MEMBER


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    place = forms.CharField(label=_("Place (if not the usual one)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Code on the card"), max_length=20, required=False, widget=CODE_INPUT)

    def clean_code(self):
        if not self.cleaned_data["code"].strip():
            raise forms.ValidationError(_("Type the code on the person's card."), code="required")
        return self.cleaned_data["code"]


