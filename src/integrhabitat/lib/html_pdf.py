"""Pages printed as PDF with WeasyPrint (reports, the canvas): the same template as the web page.

WeasyPrint needs the Pango library of the system (Debian: libpango-1.0-0, libpangoft2-1.0-0). It is imported
only when a PDF is asked for, so that the rest of the platform runs without it; without it the PDF views
answer with a clear message instead of the document.
"""

from django.utils.translation import gettext as _

from integrhabitat.lib.errors import Refused


def html_to_pdf(html: str, *, css: str = "") -> bytes:
    """A self-contained document: nothing is fetched from the network or the disk while printing."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as missing:  # the system lacks Pango (or the package is missing)
        raise Refused(_("The server cannot print PDF documents yet (a system library is missing).")) from missing
    no_fetching = URLFetcher(allowed_protocols=())
    stylesheets = [weasyprint.CSS(string=css, url_fetcher=no_fetching)] if css else []
    return weasyprint.HTML(string=html, url_fetcher=no_fetching).write_pdf(stylesheets=stylesheets)


def pdf_download(html: str, filename: str, *, css: str = ""):
    """The PDF response, or a plain page saying why it cannot be printed."""
    from django.http import HttpResponse

    from integrhabitat.lib.http import pdf_response

    try:
        return pdf_response(html_to_pdf(html, css=css), filename)
    except Refused as refusal:
        return HttpResponse(str(refusal.message), status=503, content_type="text/plain; charset=utf-8")
