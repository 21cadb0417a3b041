# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Printing a report through wkhtmltopdf in a test, and reading it back with pdftotext.

In tests Odoo renders HTML instead of a PDF unless ``force_report_rendering`` is in the context.
The PDF is printed without the web styles (``report.url`` points where nothing listens): Debian's
wkhtmltopdf (unpatched Qt) draws text set in a web font (@font-face, the reports' Lato) as
outlines, which pdftotext cannot read.
"""

import shutil
import socket
import subprocess
import unittest

# The decorator for a test class that prints PDFs.
needs_pdf_tools = unittest.skipUnless(
    shutil.which("wkhtmltopdf") and shutil.which("pdftotext"), "wkhtmltopdf and pdftotext needed"
)


def closed_local_url():
    """A local URL where nothing listens: wkhtmltopdf's requests for styles are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def pdf_text(pdf):
    """The text of a PDF as pdftotext reads it (content order), whitespace folded to one space."""
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def print_pdf(case, report, records, **context):
    """``records`` printed by ``report`` (an xml id) through wkhtmltopdf; fails on the HTML fallback."""
    pdf, report_type = (
        case.env["ir.actions.report"]
        .with_context(force_report_rendering=True, **context)
        ._render_qweb_pdf(report, records.ids)
    )
    case.assertEqual(report_type, "pdf")
    case.assertTrue(pdf.startswith(b"%PDF-"), "wkhtmltopdf made a PDF, not the HTML fallback")
    return pdf
