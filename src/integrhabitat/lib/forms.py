"""Form helpers shared by every app."""

import re
import uuid
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.lib.phones import to_e164

EARLIEST_DATE = date(1900, 1, 1)
# The empty choice of Django's model fields (`BLANK_CHOICE_LABEL`): Django's own catalogues do not translate it
# yet, so ours do (it is named here for makemessages to collect it).
BLANK_CHOICE_LABEL = _("- Select an option -")
_PHONE = re.compile(r"^\+?[0-9 ()\-.]{5,30}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SubmissionTokenMixin(forms.Form):
    """A hidden token minted when the form is shown; saving twice with it changes nothing more."""

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())


def clean_past_date(value: date | None, *, earliest: date = EARLIEST_DATE) -> date | None:
    if value is None:
        return None
    if value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."), code="future")
    if value < earliest:
        raise forms.ValidationError(
            _("The date cannot be before %(date)s.") % {"date": earliest.strftime("%d/%m/%Y")}, code="too_old"
        )
    return value


def clean_phone(value: str, *, country: str = "") -> str:
    """The phone as typed, trimmed. With `country` (an ISO code, the center's) it must also be a valid
    number, of that country or written with its own country code: a number the portal can send a code to."""
    value = value.strip()
    if value and not _PHONE.match(value):
        raise forms.ValidationError(
            _("Write the phone with digits only; it may start with + and contain spaces or dashes."),
            code="phone",
        )
    if value and country and not to_e164(value, country):
        raise forms.ValidationError(
            _("This is not a phone number we can send messages to. A number from another country needs its "
              "country code, like +58 412 123 4567."),
            code="phone_invalid",
        )
    return value


class PlainChoicesMixin:
    """Give every single-choice select a translated, neutral empty option instead of Django's defaults."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):  # has its own empty_label; and no query here
                continue
            choices = getattr(field, "choices", None)
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField) and choices:
                choices = list(choices)
                if choices and choices[0][0] == "":
                    field.choices = [("", _("— Choose —")), *choices[1:]]


class StaffChoiceField(forms.ModelChoiceField):
    """A choice of staff members, shown by their name."""

    def label_from_instance(self, obj):
        return obj.display_name()


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name()


class OpenedVersionMixin(forms.Form):
    """The ModelForm of a row with a `version`, for a center. On edit it carries the version the row was
    opened at, so that the service refuses a save over someone else's changes instead of silently undoing
    them; a new row has none. `reopen_message` says what to do when the version is missing."""

    version = forms.IntegerField(label=_("Version"), widget=forms.HiddenInput, required=False)
    reopen_message = _("Open the page again before saving.")

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        if self.instance.pk is None:
            del self.fields["version"]
        elif not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_version(self):
        version = self.cleaned_data.get("version")
        if "version" in self.fields and version is None:
            # Without it a save could silently overwrite someone else's: the page was not opened here.
            raise forms.ValidationError(self.reopen_message, code="version")
        return version
