"""Small printable documents (participant cards, certificates) with fpdf2: no system libraries needed.

Text uses DejaVu Sans when the system has it (every script our participants' names come in);
otherwise the PDF core font, which covers Spanish, Portuguese and French, with other letters replaced.
"""

import logging
from pathlib import Path

import segno
from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
logging.getLogger("fontTools").setLevel(logging.WARNING)  # its font subsetting is chatty at INFO


class Document(FPDF):
    def __init__(self, *, width_mm: float, height_mm: float, title: str):
        super().__init__(unit="mm", format=(width_mm, height_mm) if width_mm < height_mm else (height_mm, width_mm),
                         orientation="landscape" if width_mm > height_mm else "portrait")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.set_title(title)
        self.set_creator("IntegrHabitat")
        self.unicode = (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists()
        if self.unicode:
            self.add_font("Body", "", str(DEJAVU / "DejaVuSans.ttf"))
            self.add_font("Body", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        self.add_page()

    def use(self, size: float, *, bold: bool = False) -> None:
        self.set_font("Body" if self.unicode else "Helvetica", "B" if bold else "", size)

    def write_line(self, x: float, y: float, w: float, text: str, *, size: float, bold: bool = False,
                   align: str = "L", height: float | None = None) -> None:
        self.use(size, bold=bold)
        self.set_xy(x, y)
        self.multi_cell(w, height or size * 0.5, self.safe(text), align=align)

    def safe(self, text: str) -> str:
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def qr(self, data: str, x: float, y: float, size_mm: float) -> None:
        """A QR code of `data` (a participant code: typing it works as well as scanning it)."""
        image = segno.make(data, error="m").png_data_uri(scale=10, border=1)
        self.image(image, x=x, y=y, w=size_mm, h=size_mm)

    def bytes(self) -> bytes:
        return bytes(self.output())
