from django import forms
from django.utils.translation import gettext_lazy as _

from integrhabitat.communities.models import Group
from integrhabitat.imports.models import Kind
from integrhabitat.imports.rows import FIELD_LABELS, NAME_ORDERS, allowed_fields, required_fields


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
    """One choice per column of the file: the field it fills, or nothing; and the choices for the whole file:
    the order of a full name, the group of an attendance list. Confidential fields only when `sensitive`."""

    def __init__(self, *args, job, sensitive: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        choices = [("", _("— Do not import —")),
                   *((name, FIELD_LABELS[name]) for name in allowed_fields(job.kind, sensitive=sensitive))]
        for index, title in enumerate(job.header):
            self.fields[f"col_{index}"] = forms.ChoiceField(label=title, choices=choices, required=False,
                                                            initial=job.mapping.get(str(index), ""))
        chosen = job.options.get("choices") or {}
        if "full_name" in allowed_fields(job.kind, sensitive=sensitive):
            self.fields["name_order"] = forms.ChoiceField(
                label=_("If a column holds the full name, it is written"), choices=list(NAME_ORDERS.items()),
                initial=chosen.get("name_order", "given_first"), widget=forms.RadioSelect, required=False)
        if job.kind == Kind.ATTENDANCE:
            groups = Group.objects.filter(center=job.center).order_by("name")
            self.fields["group"] = forms.ChoiceField(
                label=_("Group of the whole list"), required=False, initial=chosen.get("group", ""),
                choices=[("", _("— Each row says its group —")), *((str(g.uuid), g.name) for g in groups)],
                help_text=_("An attendance list kept for one group: choose it here, and no column needs to name it."))

    def mapping(self) -> dict[str, str]:
        return {name.removeprefix("col_"): value for name, value in self.cleaned_data.items()
                if name.startswith("col_") and value}

    def file_choices(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("name_order", "group")
                if self.cleaned_data.get(name)}

    def clean(self):
        data = super().clean()
        chosen = [value for name, value in data.items() if name.startswith("col_") and value]
        repeated = sorted({value for value in chosen if chosen.count(value) > 1})
        if repeated:
            raise forms.ValidationError(_("Each field may come from one column only: %(fields)s.") % {
                "fields": ", ".join(str(FIELD_LABELS[name]) for name in repeated)})
        missing = [needed for needed in required_fields(self.job.kind, {"group": data.get("group")})
                   if not set(needed) & set(chosen)]
        if missing:
            raise forms.ValidationError(_("Choose the column of: %(fields)s.") % {
                "fields": ", ".join(" / ".join(str(FIELD_LABELS[name]) for name in needed) for needed in missing)})
        names_a_person = {"code", "document_number", "given_names", "full_name"} if self.job.kind == Kind.ATTENDANCE \
            else {"code", "document_number"}
        if self.job.kind != Kind.PEOPLE and not names_a_person & set(chosen):
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
