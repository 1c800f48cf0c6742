from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from integrhabitat.api.models import MAX_DAYS
from integrhabitat.api.services import end_of_day
from integrhabitat.lib.forms import DateInput

LIFETIMES = (30, 90, 180)  # days offered besides the default and a date of one's own
UNTIL_A_DATE = "date"


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, for example “Kobo synchronisation”."))
    # Left out of the form data, the default lifetime.
    lifetime = forms.ChoiceField(label=_("Expires"), choices=(), required=False)
    expires_on = forms.DateField(label=_("Expiry date"), required=False, widget=DateInput(),
                                 help_text=_("Only with “On a date I choose”: from tomorrow to one year from today."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = sorted({*LIFETIMES, settings.API_TOKEN_DAYS})
        self.fields["lifetime"].choices = [
            *((str(n), ngettext("In %(days)d day", "In %(days)d days", n) % {"days": n}) for n in days),
            (UNTIL_A_DATE, _("On a date I choose")),
        ]
        self.fields["lifetime"].initial = str(settings.API_TOKEN_DAYS)
        today = timezone.localdate()
        self.fields["expires_on"].widget.attrs.update(
            min=(today + timedelta(days=1)).isoformat(), max=(today + timedelta(days=MAX_DAYS)).isoformat())

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Write a name."), code="required")
        return name

    def clean(self):
        """Adds `expires_at`, the moment the token will stop working."""
        cleaned = super().clean()
        lifetime, day = cleaned.get("lifetime"), cleaned.get("expires_on")
        if lifetime is None or "expires_on" in self.errors:
            return cleaned
        lifetime = lifetime or str(settings.API_TOKEN_DAYS)
        today = timezone.localdate()
        if lifetime != UNTIL_A_DATE:
            if day is not None:
                self.add_error("expires_on", forms.ValidationError(
                    _("Choose “On a date I choose” to use this date, or leave it empty."), code="unused"))
            else:
                cleaned["expires_at"] = timezone.now() + timedelta(days=int(lifetime))
        elif day is None:
            self.add_error("expires_on", forms.ValidationError(_("Choose the date."), code="required"))
        elif not today < day <= today + timedelta(days=MAX_DAYS):
            self.add_error("expires_on", forms.ValidationError(
                _("Choose a date from tomorrow to one year from today."), code="out_of_range"))
        else:
            cleaned["expires_at"] = end_of_day(day)
        return cleaned
