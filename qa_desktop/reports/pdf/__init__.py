"""PDF documents with one house style (reportlab), built from plain data. No Qt, no SQL.

:mod:`.document` holds the common builder every document uses (page furniture, protective
marking, page numbers, metadata, fingerprint, DRAFT mark); :mod:`.fonts` the embedded fonts and
the replacement of characters they lack; :mod:`.style` colours and paragraph styles.
"""

from qa_desktop.reports.pdf.document import Cell, Chip, DocumentBuilder, DocumentInfo, Styled

__all__ = ["Cell", "Chip", "DocumentBuilder", "DocumentInfo", "Styled"]
