from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.forms import (
    DateInput,
    PlainChoicesMixin,
    SubmissionTokenMixin,
    clean_past_date,
    clean_phone,
)
from integrhabitat.lib.text import digits, no_value, visible_text
from integrhabitat.people import documents
from integrhabitat.people.groups import (
    AGE_GROUP_CHOICES,
    CHILD_MAX_AGE,
    GROUP_CHOICES,
    OLDER_MIN_AGE,
    PUBLIC_GROUP_CHOICES,
    years_before,
)
from integrhabitat.people.models import (
    WG_QUESTIONS,
    AgeBand,
    Consent,
    MobilityStatus,
    Participant,
    Relationship,
)

BASIC_FIELDS = [
    "given_names", "family_names", "preferred_name", "birth_date", "birth_date_estimated", "age_band",
    "sex", "gender", "nationality", "phone", "email", "preferred_language", "preferred_channel",
    "document_type", "document_name", "document_country", "document_number",
]
SENSITIVE_FIELDS = list(Participant.SENSITIVE_FIELDS)


class ParticipantForm(PlainChoicesMixin, forms.ModelForm):
    """A person's data. Only names are required; `with_sensitive` adds the differential-approach part."""

    approximate_age = forms.IntegerField(
        label=_("Approximate age"), required=False, min_value=0, max_value=120,
        help_text=_("If the birth date is unknown, write the age in years."),
    )

    class Meta:
        model = Participant
        fields = BASIC_FIELDS + SENSITIVE_FIELDS
        widgets = {"birth_date": DateInput(), "document_name": forms.TextInput(attrs={"list": "document-names"})}

    def __init__(self, *args, with_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_sensitive:
            for name in SENSITIVE_FIELDS:
                del self.fields[name]
        for name in WG_QUESTIONS:
            if name in self.fields:
                self.fields[name].label = WG_QUESTIONS[name]
        self.fields["given_names"].widget.attrs.update(autocomplete="off", autofocus=True)
        self.fields["family_names"].widget.attrs.update(autocomplete="off")
        self.fields["phone"].widget = forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})
        self.fields["age_band"].help_text = _("Only when neither the birth date nor the age is known.")

    sensitive_field_names = SENSITIVE_FIELDS
    wg_field_names = list(WG_QUESTIONS)

    @property
    def sensitive_errors(self) -> bool:
        return any(name in self.errors for name in SENSITIVE_FIELDS if name != "mobility_status")

    def full_clean(self):
        super().full_clean()
        # Put the cursor on the first field to correct, not on the first field of the form.
        if self._errors:
            first = next((name for name in self.fields if name in self._errors), None)
            if first:
                self.fields["given_names"].widget.attrs.pop("autofocus", None)
                self.fields[first].widget.attrs["autofocus"] = True

    def clean_given_names(self):
        value = visible_text(self.cleaned_data["given_names"])
        if not value:
            raise forms.ValidationError(_("Write at least one name."), code="required")
        return value

    def clean_birth_date(self):
        return clean_past_date(self.cleaned_data.get("birth_date"))

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_document_number(self):
        """A placeholder typed as the number ("N/A", "no tiene", "sin documento", "-") means there is none:
        stored empty, so that nobody is found, or taken for a duplicate, by it. A word without digits is no
        number either."""
        number = self.cleaned_data.get("document_number", "")
        if no_value(number):
            return ""
        if not digits(number):
            raise forms.ValidationError(_("Write the document's number, or leave it empty if there is none."),
                                        code="document_number")
        return number

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        birth_date = data.get("birth_date")
        approximate_age = data.get("approximate_age")
        if birth_date is None and approximate_age is not None:
            # Half a year before the last "birthday" so that the derived age is the one said.
            data["birth_date"] = years_before(today, approximate_age) - timedelta(days=182)
            data["birth_date_estimated"] = True
        elif birth_date is not None and approximate_age is not None:
            age = Participant(birth_date=birth_date).age(today)
            if abs(age - approximate_age) > 1:
                self.add_error("approximate_age", forms.ValidationError(
                    _("The age (%(age)s) does not match the birth date, which gives %(derived)s years."),
                    code="age_mismatch", params={"age": approximate_age, "derived": age},
                ))
        band = data.get("age_band")
        if band and data.get("birth_date"):
            age = Participant(birth_date=data["birth_date"]).age(today)
            expected = (
                AgeBand.CHILD if age <= CHILD_MAX_AGE else AgeBand.OLDER if age >= OLDER_MIN_AGE else AgeBand.ADULT
            )
            if band != expected:
                self.add_error("age_band", forms.ValidationError(
                    _("The age band “%(band)s” contradicts the age of %(age)s years."),
                    code="age_band_mismatch", params={"band": AgeBand(band).label, "age": age},
                ))
        if data.get("document_name"):
            # "PPT", "Cédula venezolana", "CURP": the catalogue tells the type and the issuing country.
            resolved = documents.resolve(data["document_name"], country=str(data.get("document_country") or ""),
                                         nationality=str(data.get("nationality") or ""))
            if resolved is not None and resolved.type:
                data["document_type"] = data.get("document_type") or resolved.type
                data["document_country"] = data.get("document_country") or resolved.country
                data["document_name"] = resolved.name
        if data.get("document_number") and not data.get("document_type"):
            self.add_error("document_type", _("Choose the type of the document."))
        return data

    @property
    def document_names(self) -> list[str]:
        """The catalogue's names, suggested as the document's name is typed."""
        return documents.names()

    def participant_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class RegistrationForm(SubmissionTokenMixin, ParticipantForm):
    """Registration at the front desk: the person's data and their consent, in one form."""

    consent_data_processing = forms.BooleanField(
        label=_("The person agrees that the center registers and processes their data to provide services."),
        error_messages={"required": _("Without consent to process their data the person cannot be registered. "
                                      "They can still be served without registration.")},
    )
    consent_given_by = forms.ChoiceField(label=_("Consent given by"), choices=Consent.GivenBy.choices,
                                         initial=Consent.GivenBy.SELF)
    consent_given_by_name = forms.CharField(label=_("Name of who gave it"), max_length=200, required=False)
    consent_method = forms.ChoiceField(label=_("How"), choices=Consent.Method.choices,
                                       initial=Consent.Method.VERBAL)
    consent_contact = forms.BooleanField(
        label=_("The person also agrees to receive messages from the center."), required=False
    )
    confirm_new = forms.BooleanField(
        label=_("None of these: it is a different person; register them."), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("consent_given_by") not in (None, Consent.GivenBy.SELF) and not data.get(
            "consent_given_by_name", ""
        ).strip():
            self.add_error("consent_given_by_name", _("Write the name of who gave the consent."))
        minor = Participant(birth_date=data.get("birth_date"), age_band=data.get("age_band") or "")
        if data.get("consent_given_by") == Consent.GivenBy.SELF and minor.is_minor():
            self.add_error("consent_given_by", _("A child or adolescent does not give this consent alone: a parent "
                                                 "or legal guardian does. Choose who gave it and write their name."))
        return data

    def consent_data(self) -> dict:
        given_by = self.cleaned_data["consent_given_by"]
        return {
            "purpose": Consent.Purpose.DATA_PROCESSING,
            "given_by": given_by,
            "given_by_name": self.cleaned_data["consent_given_by_name"].strip() if given_by != "self" else "",
            "method": self.cleaned_data["consent_method"],
        }


class HouseholdRegistrationForm(RegistrationForm):
    """Registration of a new member straight into a household."""

    household_relationship = forms.ChoiceField(
        label=_("Relationship in the household"), choices=[("", _("— Choose —")), *Relationship.choices]
    )

    def participant_data(self) -> dict:
        return {**super().participant_data(), "household_relationship": self.cleaned_data["household_relationship"]}


class ParticipantEditForm(ParticipantForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    organization = forms.ModelChoiceField(
        label=_("Organization the data may be shared with"), required=False, queryset=None, to_field_name="uuid",
        help_text=_("Only for referrals: one consent per organization."),
    )
    given_by = forms.ChoiceField(label=_("Given by"), choices=Consent.GivenBy.choices, initial="self")
    given_by_name = forms.CharField(label=_("Name of who gave it"), max_length=200, required=False)
    method = forms.ChoiceField(label=_("How"), choices=Consent.Method.choices, initial="verbal")

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        # The center's alliances, without importing them: people do not depend on partners.
        organizations = Consent._meta.get_field("organization").related_model.objects
        self.fields["organization"].queryset = organizations.filter(center=center).exclude(status="inactive")
        self.fields["organization"].empty_label = _("— Choose —")

    def clean(self):
        data = super().clean()
        if data.get("purpose") == Consent.Purpose.REFERRAL and not data.get("organization"):
            self.add_error("organization", _("Choose the organization the person agrees to share their data with."))
        elif data.get("purpose") != Consent.Purpose.REFERRAL:
            data["organization"] = None
        if data.get("given_by") not in (None, "self") and not data.get("given_by_name", "").strip():
            self.add_error("given_by_name", _("Write the name of who gave the consent."))
        if data.get("given_by") == "self":
            data["given_by_name"] = ""
        return data


def person_by_code(center, code: str) -> Participant:
    """The person of `center` with this card code, or a form error saying the code is unknown."""
    person = Participant.objects.by_code(center, code)
    if person is None:
        raise forms.ValidationError(_("No person of this center has the code %(code)s."),
                                    params={"code": code.strip().upper()})
    return person


class HouseholdMemberForm(forms.Form):
    code = forms.CharField(label=_("Code of the person to add"), max_length=20)
    relationship = forms.ChoiceField(
        label=_("Relationship in the household"), choices=[("", _("— Choose —")), *Relationship.choices]
    )

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center

    def clean_code(self):
        self.person = person_by_code(self.center, self.cleaned_data["code"])
        return self.person.code


class ParticipantFilterForm(forms.Form):
    """The search box and filters of the people list (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput)
    group = forms.ChoiceField(label=_("Population group"), required=False)
    mobility = forms.ChoiceField(label=_("Mobility status"), required=False,
                                 choices=[("", _("All"))] + MobilityStatus.choices)
    age = forms.ChoiceField(label=_("Age group"), required=False, choices=[("", _("All"))] + AGE_GROUP_CHOICES)
    service = forms.ChoiceField(label=_("Service received"), required=False)

    def __init__(self, *args, with_sensitive: bool, services, **kwargs):
        super().__init__(*args, **kwargs)
        groups = GROUP_CHOICES if with_sensitive else PUBLIC_GROUP_CHOICES
        self.fields["group"].choices = [("", _("All"))] + groups
        if not with_sensitive:
            del self.fields["mobility"]
        self.fields["service"].choices = [("", _("All"))] + [(str(s.uuid), s.name) for s in services]
        self.fields["q"].widget.attrs.update(autocomplete="off", placeholder=_("Name, code, phone or document"))
