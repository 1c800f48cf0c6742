import json

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from integrhabitat.directory.importer import DEFAULT_SERVICE_TYPE, DatasetRefused, read_dataset
from integrhabitat.partners.models import Scale, Sector
from integrhabitat.services.taxonomy import SERVICE_TYPE_CHOICES

# An HSDS export of a whole city's directory is a few megabytes; more is not a directory.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class HsdsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file (JSON)"),
        help_text=_("An Open Referral HSDS 3.0 file from another directory: its services (a list, a page of its "
                    "API or a full export) or its organizations with their services nested. At most 5 MB."),
    )
    sector = forms.ChoiceField(label=_("Sector of the new organizations"), choices=Sector.choices,
                               initial=Sector.COOPERATION,
                               help_text=_("HSDS does not say it; you can correct each organization later."))
    scale = forms.ChoiceField(label=_("Scale of the new organizations"), choices=Scale.choices,
                              initial=Scale.MUNICIPAL)
    service_type = forms.ChoiceField(
        label=_("Service type of the new services"), choices=SERVICE_TYPE_CHOICES, initial=DEFAULT_SERVICE_TYPE,
        help_text=_("Used when the file does not use the IntegrHabitat taxonomy."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is too large (%(size)s); the limit is %(limit)s.") % {
                "size": filesizeformat(upload.size), "limit": filesizeformat(MAX_IMPORT_BYTES)})
        raw = upload.read()
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not a UTF-8 text file.")) from None
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("The file is not valid JSON (line %(line)s, column %(column)s).") % {
                "line": exc.lineno, "column": exc.colno}) from None
        try:
            self.services = read_dataset(data)
        except DatasetRefused as exc:
            raise forms.ValidationError(exc.message) from None
        return upload
