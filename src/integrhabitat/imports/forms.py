from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.imports.models import Kind
from integrhabitat.imports.rows import FIELD_LABELS, KIND_FIELDS, REQUIRED


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=Kind.choices, widget=forms.RadioSelect)
    file = forms.FileField(label=_("File (CSV or Excel .xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt,.tsv"}))

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(value, label) for value, label in Kind.choices if value in kinds]
        # People are what centers import most; a choice already made (e.g. `?kind=` from a link) wins.
        self.fields["kind"].initial = self.initial.get("kind") or kinds[0]


class MappingForm(forms.Form):
    """One choice per column of the file: the field it fills, or nothing."""

    def __init__(self, *args, job, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        choices = [("", _("— Do not import —")), *((name, FIELD_LABELS[name]) for name in KIND_FIELDS[job.kind])]
        for index, title in enumerate(job.header):
            self.fields[f"col_{index}"] = forms.ChoiceField(label=title, choices=choices, required=False,
                                                            initial=job.mapping.get(str(index), ""))

    def mapping(self) -> dict[str, str]:
        return {name.removeprefix("col_"): value for name, value in self.cleaned_data.items() if value}

    def clean(self):
        data = super().clean()
        chosen = [value for value in data.values() if value]
        repeated = sorted({value for value in chosen if chosen.count(value) > 1})
        if repeated:
            raise forms.ValidationError(_("Each field may come from one column only: %(fields)s.") % {
                "fields": ", ".join(str(FIELD_LABELS[name]) for name in repeated)})
        missing = [name for name in REQUIRED[self.job.kind] if name not in chosen]
        if missing:
            raise forms.ValidationError(_("Choose the column of: %(fields)s.") % {
                "fields": ", ".join(str(FIELD_LABELS[name]) for name in missing)})
        if self.job.kind != Kind.PEOPLE and "code" not in chosen and "document_number" not in chosen:
            raise forms.ValidationError(_("Choose the column of the person's code or of their document number."))
        return data


class ConfirmForm(forms.Form):
    skip_invalid = forms.BooleanField(label=_("Import only the valid rows and leave out those with problems"),
                                      required=False)
    skip_duplicates = forms.BooleanField(
        label=_("Also leave out the people who may already be registered (to review them first)"), required=False)
    consent_on_paper = forms.BooleanField(
        label=_("The people on this list signed their consent to the processing of their data on the paper "
                "registration form, which the center keeps"), required=False)
