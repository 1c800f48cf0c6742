import sys

from integrhabitat.lib.html_pdf import pdf_download
from integrhabitat.lib.testing import pdf_text


def test_it_prints_a_page_to_pdf_with_its_stylesheet():
    html = '<html lang="es"><body><h1>Rendición de cuentas</h1><img src="http://evil.example/x.png"></body></html>'
    response = pdf_download(html, "informe.pdf", css="h1 { color: #0b5d4b }")
    assert response["Content-Type"] == "application/pdf"
    assert "Rendición de cuentas" in pdf_text(response.content)


def test_it_says_why_when_the_server_cannot_print(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when the system lacks Pango
    response = pdf_download("<p>x</p>", "informe.pdf")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert response.content
