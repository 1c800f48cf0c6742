from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.improvement.models import Practice
from integrhabitat.improvement.practices.services import FIELDS
from integrhabitat.lib.forms import OpenedVersionMixin, PlainChoicesMixin
from integrhabitat.network.models import Center
from integrhabitat.partners.services import ALLOWED_DOCUMENTS
from integrhabitat.services.taxonomy import Category


class PracticeForm(PlainChoicesMixin, OpenedVersionMixin, forms.ModelForm):
    """A practice being written. On edit it carries the version it was opened at, so that saving over
    someone else's changes is refused instead of silently undoing them."""

    reopen_message = _("Open the practice again before saving.")

    class Meta:
        model = Practice
        fields = list(FIELDS)
        widgets = {"context": forms.Textarea(attrs={"rows": 4}), "what_was_done": forms.Textarea(attrs={"rows": 6}),
                   "results": forms.Textarea(attrs={"rows": 4}), "lessons": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "title": _("Short and concrete, so that another center recognises it in a list."),
            "context": _("The situation and the people it served. Describe groups, never names or data of "
                         "participants."),
            "what_was_done": _("Steps, who took part (organizations, roles), resources and time it took."),
            "results": _("What changed, with figures when there are any."),
            "lessons": _("What you would repeat, what you would change and what another center should know."),
        }

    def practice_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class PracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=200, required=False,
                        widget=forms.TextInput(attrs={"type": "search"}))
    category = forms.ChoiceField(label=_("Service category"), required=False,
                                 choices=[("", _("All categories")), *Category.choices])
    center = forms.ModelChoiceField(label=_("Center"), queryset=Center.objects.none(), required=False,
                                    to_field_name="slug", empty_label=_("All centers"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only centers that have shared something: an option that always gives nothing helps nobody.
        self.fields["center"].queryset = (Center.objects.filter(practices__status=Practice.Status.PUBLISHED)
                                          .distinct().order_by("name"))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), max_length=200,
        help_text=_("PDF, photo (JPEG or PNG) or document (Word, Excel, OpenDocument). Photos only of people "
                    "who agreed to be shown, and no personal data of participants."),
        widget=forms.FileInput(attrs={"accept": ",".join(
            sorted({f".{extension}" for extension in ALLOWED_DOCUMENTS.values()} | {".jpeg"}))}),
    )


class CurationForm(forms.Form):
    """The network coordinator's decision on a submitted practice; the button pressed says which."""

    note = forms.CharField(label=_("Note to the center"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required to return it: say what should change."))
    featured = forms.BooleanField(label=_("Feature it: shown first in the library"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
