"""Pages of the center's lienzo de negocio social: the canvas, the form for the center's words, the PDF."""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integrhabitat.improvement.canvas import services as canvases
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.html_pdf import pdf_download
from integrhabitat.lib.http import posted, render_page
from integrhabitat.network.access import center_view, has_perm
from integrhabitat.network.roles import CENTER_MANAGE, INDICATORS_VIEW, SENSITIVE_VIEW

STYLESHEET = "improvement/canvas.css"


class NarrativesForm(forms.Form):
    """One text per block of the canvas, and the version the edit began from."""

    # Without it the edit counts as begun on an older version: refused, nothing saved.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, view: canvases.CanvasView, **kwargs):
        super().__init__(*args, **kwargs)
        for item in view.blocks:
            self.fields[item.block.code] = forms.CharField(
                label=item.block.title, help_text=item.block.question, required=False,
                max_length=canvases.NARRATIVE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}))
            self.initial.setdefault(item.block.code, item.narrative)
        self.initial.setdefault("version", view.version)

    def narratives(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code in canvases.BLOCK_CODES}

    def blocks(self, view: canvases.CanvasView):
        """(field, the block's generated facts), in the canvas' order."""
        return [(self[item.block.code], item.facts) for item in view.blocks]


def _view(request, center) -> canvases.CanvasView:
    return canvases.build_canvas(center, today=timezone.localdate(), sensitive=has_perm(request, SENSITIVE_VIEW))


@require_GET
@center_view(INDICATORS_VIEW)
def canvas(request, center):
    """The canvas: each block's facts from the last quarter that has ended and the center's words beside them."""
    return render_page(request, "improvement/canvas/canvas.html", {
        "view": _view(request, center), "can_edit": has_perm(request, CENTER_MANAGE),
    })


@require_http_methods(["GET", "POST"])
@center_view(CENTER_MANAGE)
def canvas_edit(request, center):
    """The coordinator writes the center's words for each block."""
    view = _view(request, center)
    form = NarrativesForm(posted(request), view=view)
    if request.method == "POST" and form.is_valid():
        try:
            version = form.cleaned_data["version"]
            canvases.save_narratives(center, form.narratives(), version=-1 if version is None else version,
                                     actor=request.user)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The canvas was saved."))
            return redirect("improvement:canvas", center=center.slug)
    return render_page(request, "improvement/canvas/canvas_edit.html", {
        "view": view, "form": form, "blocks": form.blocks(view),
    }, status=400 if form.is_bound else 200)


@require_GET
@center_view(INDICATORS_VIEW)
def canvas_pdf(request, center):
    """The same canvas as a landscape PDF, to print or to share at an accountability event."""
    view = _view(request, center)
    html = render_to_string("improvement/canvas/canvas_pdf.html", {"view": view, "printed_on": timezone.now()},
                            request=request)
    css = Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")
    return pdf_download(html, f"lienzo-{center.slug}.pdf", css=css)
