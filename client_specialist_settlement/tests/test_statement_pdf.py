# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo.addons.client_specialist.tests.common_pdf import closed_local_url, needs_pdf_tools, pdf_text, print_pdf
from odoo.tests import tagged

from .common_settlement import SettlementCase

REPORT = "client_specialist_settlement.action_report_reconciliation_statement"


@needs_pdf_tools
@tagged("post_install", "-at_install")
class TestStatementPdf(SettlementCase):
    """The statement as wkhtmltopdf prints it: opening 300, invoice 1,000, payment 600, closing 700."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("report.url", closed_local_url())
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["base", "web", "client_specialist_settlement"], ["ru_RU"])
        cls.company.write({"name": "ООО «Поставщик Плюс»"})
        case = cls("setUp")
        for partner in (cls.client_a, cls.client_b):
            case._move("out_invoice", 300.0, "2026-01-15", partner=partner)
            cls.invoice = case._move("out_invoice", 1000.0, "2026-02-10", partner=partner)
            case._pay(cls.invoice, 600.0, "2026-03-05", payment_difference_handling="open")
        cls.client_b.write({"name": "ООО «Волга-Пласт»", "lang": "ru_RU"})
        Statement = cls.env["client_specialist.reconciliation.statement"]
        period = {"date_from": "2026-02-01", "date_to": "2026-03-31"}
        cls.statement_en = Statement.create(dict(period, partner_id=cls.client_a.id, user_id=cls.user_a.id))
        cls.statement_ru = Statement.create(dict(period, partner_id=cls.client_b.id, user_id=cls.user_b.id))

    def _print(self, statement):
        return pdf_text(print_pdf(self, REPORT, statement))

    def test_the_statement_prints_its_documents_and_totals(self):
        self.assertEqual(self.statement_en.amount_closing, 700.0)
        text = self._print(self.statement_en)
        self.assertIn("RECONCILIATION STATEMENT", text)
        self.assertIn(f"between ООО «Поставщик Плюс» and {self.client_a.name}", text)
        self.assertIn("Opening balance $ 300.00", text)
        self.assertIn("Invoice", text)
        self.assertIn("$ 1,000.00", text)
        self.assertIn("Payment", text)
        self.assertIn("Turnover for the period $ 1,000.00 $ 600.00", text)
        self.assertIn("Closing balance $ 700.00", text)
        self.assertIn(f"the debt of {self.client_a.name} to ООО «Поставщик Плюс» is $ 700.00 (Seven Hundred", text)
        self.assertEqual(text.count("Stamp here"), 2)
        self.assertIn("/ Specialist A /", text)

    def test_a_russian_client_gets_the_statement_in_russian(self):
        text = self._print(self.statement_ru)
        self.assertIn("АКТ СВЕРКИ ВЗАИМНЫХ РАСЧЁТОВ", text)
        self.assertIn("Сальдо начальное", text)
        self.assertIn("Обороты за период", text)
        self.assertIn("Сальдо конечное", text)
        self.assertIn("Семьсот долларов", text)
        self.assertNotIn("RECONCILIATION STATEMENT", text)
        self.assertEqual(text.count("М. П."), 2)
