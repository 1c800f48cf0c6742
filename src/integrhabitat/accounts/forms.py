from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code of the second step: six digits from the app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false", "autofocus": True}),
    )

    def __init__(self, *args, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["code"].label = label
        if help_text is not None:
            self.fields["code"].help_text = help_text
