from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.people.models import Participant
from integrhabitat.privacy.anonymization import Reason


class AnonymizeForm(forms.Form):
    """The coordinator confirms by typing the person's code: no script, no accidental click."""

    reason = forms.ChoiceField(label=_("Why the data is erased"), choices=Reason.choices, widget=forms.RadioSelect)
    code = forms.CharField(label=_("Type the person's code to confirm"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))

    def __init__(self, *args, person: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if code != self.person.code:
            raise forms.ValidationError(_("This is not the person's code: type %(code)s to confirm.")
                                        % {"code": self.person.code}, code="mismatch")
        return code
