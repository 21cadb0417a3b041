# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command
from odoo.addons.client_specialist.tests.common_pdf import closed_local_url, needs_pdf_tools, pdf_text, print_pdf
from odoo.tests import TransactionCase, new_test_user, tagged

REPORT = "client_specialist_contract.action_report_disagreement_protocol"


@needs_pdf_tools
@tagged("post_install", "-at_install")
class TestDisagreementProtocolPdf(TransactionCase):
    """The protocol of disagreements as wkhtmltopdf prints it.

    How it prints and reads PDFs: client_specialist/tests/common_pdf.py.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("report.url", closed_local_url())
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["base", "web", "client_specialist_contract"], ["ru_RU"])
        cls.company = cls.env.company
        cls.company.write({"name": "ООО «Поставщик Плюс»", "street": "ул. Складская, 5", "city": "Тверь"})
        user = new_test_user(
            cls.env, login="pdf_specialist", name="Анна Кузнецова", groups="client_specialist.group_client_specialist"
        )
        cls.partner_en, cls.partner_ru = cls.env["res.partner"].create(
            [
                {"name": "Northwind Traders Ltd", "is_company": True, "city": "Leeds", "lang": "en_US"},
                {"name": "ООО «Волга-Пласт»", "is_company": True, "city": "Самара", "lang": "ru_RU"},
            ]
        )
        product = cls.env["product.product"].create({"name": "Packaging film", "list_price": 100.0})
        cls.order_en, cls.order_ru = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
                    "cs_disagreement_ids": [
                        Command.create(
                            {
                                "sequence": 1,
                                "clause": "4.2 Payment",
                                "our_wording": "Within 30 days.",
                                "client_wording": "Within 45 days.",
                                "agreed_wording": "Within 40 days.",
                                "state": "agreed",
                            }
                        ),
                        Command.create(
                            {
                                "sequence": 2,
                                "clause": "6.1 Penalty",
                                "our_wording": "0.1 % a day.",
                                "client_wording": "At most 5 %.",
                            }
                        ),
                        Command.create(
                            {
                                "sequence": 3,
                                "clause": "7.3 Withdrawn clause",
                                "our_wording": "Ours.",
                                "client_wording": "Theirs.",
                                "state": "withdrawn",
                            }
                        ),
                    ],
                }
                for partner in (cls.partner_en, cls.partner_ru)
            ]
        )

    def _print(self, order):
        return pdf_text(print_pdf(self, REPORT, order))

    def test_protocol_lists_the_clauses_and_the_parties(self):
        text = self._print(self.order_en)
        self.assertIn("PROTOCOL OF DISAGREEMENTS", text)
        self.assertIn(f"to the contract under order {self.order_en.name}", text)
        self.assertIn("ООО «Поставщик Плюс» (the Supplier) and Northwind Traders Ltd (the Buyer)", text)
        for heading in ("No.", "Clause", "Supplier's wording", "Buyer's wording", "Agreed wording"):
            self.assertIn(heading, text)
        self.assertIn("1 4.2 Payment Within 30 days. Within 45 days. Within 40 days.", text)
        self.assertIn("2 6.1 Penalty 0.1 % a day. At most 5 %. not agreed yet", text)
        self.assertNotIn("7.3 Withdrawn clause", text, "a withdrawn disagreement is not part of the protocol")
        self.assertIn("Supplier ООО «Поставщик Плюс»", text)
        self.assertIn("ул. Складская, 5", text)
        self.assertIn("/ Анна Кузнецова /", text)
        self.assertIn("Buyer Northwind Traders Ltd", text)
        self.assertEqual(text.count("Stamp here"), 2)

    def test_a_russian_buyer_gets_the_protocol_in_russian(self):
        text = self._print(self.order_ru)
        self.assertIn("ПРОТОКОЛ РАЗНОГЛАСИЙ", text)
        self.assertIn("(Поставщик) и ООО «Волга-Пласт» (Покупатель)", text)
        for heading in ("Редакция Поставщика", "Редакция Покупателя"):
            self.assertIn(heading, text)
        self.assertIn("6.1 Penalty 0.1 % a day. At most 5 %. пока не согласовано", text)
        self.assertNotIn("PROTOCOL OF DISAGREEMENTS", text)
        self.assertNotIn("not agreed yet", text)
        self.assertEqual(text.count("М. П."), 2)
