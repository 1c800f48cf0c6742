from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.forms import PlainChoicesMixin, clean_phone
from integrhabitat.people.models import Language
from integrhabitat.portal.services import destination_of
from integrhabitat.services.taxonomy import Category


class IdentifierForm(forms.Form):
    identifier = forms.CharField(
        label=_("Your phone number or email"), max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
        help_text=_("The one you gave at the center. We send you a code there."),
    )

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center

    def clean_identifier(self):
        """The destination it names: the lower-cased email or the phone in E.164, read with the center's
        country. It only selects people; codes go to what is on their record."""
        destination = destination_of(self.cleaned_data["identifier"], self.center.country.code)
        if destination is None:
            raise forms.ValidationError(
                _("Write a phone number or an email. A number from outside %(country)s needs its country code, "
                  "like +58 412 123 4567.") % {"country": self.center.country.name})
        return destination


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=12, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class ProposalForm(PlainChoicesMixin, forms.Form):
    title = forms.CharField(label=_("Your idea in a few words"), max_length=200)
    description = forms.CharField(label=_("Tell us more"), max_length=6000, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(label=_("Topic"), choices=[("", ""), *Category.choices])
    area = forms.CharField(label=_("Where (optional)"), max_length=200, required=False)


class ProfileForm(forms.Form):
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        if value.strip() == (self.initial.get("phone") or "").strip():
            return clean_phone(value)  # unchanged: what the center wrote stays, even if it cannot be read
        # A new number must be one the portal can send the next code to.
        return clean_phone(value, country=self.center.country.code)
