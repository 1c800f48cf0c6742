"""The participant card: a credit-card-size PDF with the person's code, as text and as a QR code,
for checking in at sessions (typing the code works as well as scanning it)."""

from django.utils import translation
from django.utils.translation import gettext as _

from integrhabitat.lib.pdf import Document
from integrhabitat.people.models import Participant


def participant_card(person: Participant) -> bytes:
    with translation.override(person.preferred_language if person.preferred_language in ("es", "en") else "es"):
        pdf = Document(width_mm=85.6, height_mm=54, title=_("Participant card"))
        pdf.set_fill_color(11, 87, 72)
        pdf.rect(0, 0, 85.6, 11, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.write_line(4, 2.5, 78, person.center.name, size=9, bold=True)
        pdf.set_text_color(20, 20, 20)
        pdf.write_line(4, 15, 50, person.full_name, size=10, bold=True)
        pdf.write_line(4, 30, 50, _("Code"), size=7)
        pdf.write_line(4, 34, 50, person.code, size=13, bold=True)
        pdf.write_line(4, 45, 50, _("Show this card at the center's activities."), size=6)
        pdf.qr(person.code, x=56, y=15, size_mm=26)
        return pdf.bytes()
