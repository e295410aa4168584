"""Documents and exports (PDF with reportlab, CSV and Excel) built from plain data. No Qt."""
