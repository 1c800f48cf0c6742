"""The network's retention schedule (`/network/retention/`): the network coordinator sets how long each
category of data is kept, sees what a run would remove now, and runs it in the background worker."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from integrhabitat.lib.http import posted, render_page
from integrhabitat.network.access import network_view
from integrhabitat.privacy import retention


class RetentionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in retention.Category:
            self.fields[category.value] = forms.IntegerField(
                label=category.label, required=False, min_value=0, max_value=36500,
                help_text=_("Days. Empty: kept without limit."))


@require_http_methods(["GET", "POST"])
@network_view
def retention_schedule(request):
    current = retention.rules()
    form = RetentionForm(posted(request) if request.POST.get("action") == "save" else None, initial=current)
    if request.method == "POST":
        if request.POST.get("action") == "apply":
            retention.apply_retention_task.enqueue()
            messages.success(request, _("The schedule will be applied by the background worker in a moment."))
            return redirect("retention_schedule")
        if form.is_valid():
            changed = retention.save_rules(form.cleaned_data, actor=request.user)
            messages.success(request, _("Schedule saved.") if changed else _("Nothing changed."))
            return redirect("retention_schedule")
    return render_page(request, "privacy/retention.html", {
        "form": form, "steps": retention.apply_retention(dry_run=True),
    }, status=400 if form.is_bound and form.errors else 200)
