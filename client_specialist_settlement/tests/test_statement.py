# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_settlement import SettlementCase


@tagged("post_install", "-at_install")
class TestReconciliationStatement(SettlementCase):
    """Client A in the first quarter of 2026, with a January balance brought forward.

    Before: invoice 500 (15 Jan), payment 200 (20 Jan): 300 owed on 1 February.
    Period 1 Feb - 31 Mar: invoice 1,000, credit note 100, payment 600, and a bill of 50 from the
    client, who also supplies us. After it: an invoice of 70 in April.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].browse(cls.client_a.id).supplier_rank = 1
        case = cls("setUp")  # the helpers are instance methods; they need no test state
        cls.old_invoice = case._move("out_invoice", 500.0, "2026-01-15")
        case._pay(cls.old_invoice, 200.0, "2026-01-20", payment_difference_handling="open")
        cls.invoice = case._move("out_invoice", 1000.0, "2026-02-10", partner=cls.client_a_contact)
        cls.credit_note = case._move("out_refund", 100.0, "2026-02-15")
        case._pay(cls.invoice, 600.0, "2026-03-05", payment_difference_handling="open")
        cls.bill = case._move("in_invoice", 50.0, "2026-03-10")
        case._move("out_invoice", 70.0, "2026-04-05")
        cls.Statement = cls.env["client_specialist.reconciliation.statement"]

    def _statement(self, user=None, **vals):
        values = {"partner_id": self.client_a.id, "date_from": "2026-02-01", "date_to": "2026-03-31", **vals}
        return self.Statement.with_user(user or self.user_a).create(values)

    def _ledger_balance(self, date_to, date_from=None):
        """The partner's balance on their receivable and payable accounts from the ledger (move lines)."""
        domain = [
            ("partner_id", "child_of", self.client_a.id),
            ("company_id", "=", self.company.id),
            ("parent_state", "=", "posted"),
            ("account_id.account_type", "in", ("asset_receivable", "liability_payable")),
            ("date", "<=", date_to),
        ]
        if date_from:
            domain.append(("date", ">=", date_from))
        [(balance,)] = self.env["account.move.line"]._read_group(domain, aggregates=["balance:sum"])
        return balance

    def test_the_figures_of_the_period(self):
        statement = self._statement()
        data = statement._cs_statement_data()
        self.assertEqual(data["opening"], 300.0)
        self.assertEqual(
            [(line["date"], line["label"], line["debit"], line["credit"]) for line in data["lines"]],
            [
                (date(2026, 2, 10), "Invoice", 1000.0, 0.0),
                (date(2026, 2, 15), "Credit Note", 0.0, 100.0),
                (date(2026, 3, 5), "Payment", 0.0, 600.0),
                (date(2026, 3, 10), "Vendor Bill", 0.0, 50.0),
            ],
        )
        self.assertEqual([line["name"] for line in data["lines"][:2]], [self.invoice.name, self.credit_note.name])
        self.assertEqual((data["debit"], data["credit"], data["closing"]), (1000.0, 750.0, 550.0))
        self.assertEqual(
            (statement.amount_opening, statement.amount_debit, statement.amount_credit, statement.amount_closing),
            (300.0, 1000.0, 750.0, 550.0),
        )

    def test_the_closing_balance_is_the_partner_ledger_balance(self):
        statement = self._statement()
        self.assertEqual(statement.amount_closing, self._ledger_balance("2026-03-31"))
        self.assertEqual(statement.amount_opening, self._ledger_balance("2026-01-31"))
        self.assertEqual(
            statement.amount_debit - statement.amount_credit, self._ledger_balance("2026-03-31", "2026-02-01")
        )
        later = self._statement(date_from="2026-01-01", date_to="2026-04-30")
        self.assertEqual((later.amount_opening, later.amount_closing), (0.0, self._ledger_balance("2026-04-30")))
        self.assertEqual(later.amount_closing, 620.0)

    def test_one_query_whatever_the_number_of_entries(self):
        statement = self._statement(date_from="2026-01-01", date_to="2026-12-31")
        statement._cs_statement_data()  # the statement, its company and currencies in the cache
        with self.assertQueryCount(1):
            data = statement._cs_statement_data()
        self.assertEqual(len(data["lines"]), 7)
        for day in ("2026-05-04", "2026-05-05", "2026-05-06"):
            invoice = self._move("out_invoice", 10.0, day)
            self._pay(invoice, 10.0, day)
        statement._cs_statement_data()
        with self.assertQueryCount(1):
            data = statement._cs_statement_data()
        self.assertEqual(len(data["lines"]), 13)

    def test_who_owes_whom_in_words(self):
        statement = self._statement()
        sentence = statement._cs_debt_sentence(550.0)
        self.assertIn(f"the debt of {self.client_a.name} to {self.company.name} is", sentence)
        self.assertIn("Five Hundred And Fifty", sentence)
        self.assertIn(f"the debt of {self.company.name} to {self.client_a.name}", statement._cs_debt_sentence(-5.0))
        self.assertIn("there is no debt", statement._cs_debt_sentence(0.0))
        russian = statement.with_context(lang="ru_RU")._cs_amount_in_words(1234.56)
        self.assertTrue(russian.startswith("Одна тысяча двести тридцать четыре"), russian)
        self.assertIn("56", russian)

    def test_a_contact_is_read_as_its_company(self):
        statement = self._statement(partner_id=self.client_a_contact.id)
        self.assertEqual(statement.partner_id, self.client_a)
        with self.assertRaises(ValidationError):
            self._statement(date_from="2026-04-01", date_to="2026-03-01")

    def test_the_screen_shows_the_statement(self):
        html = str(self._statement().statement_html)
        for text in ("Opening balance", self.invoice.name, "Turnover for the period", "Closing balance"):
            self.assertIn(text, html)

    def test_send_then_record_a_confirmation_with_the_signed_copy(self):
        statement = self._statement()
        action = statement.with_user(self.user_a).action_cs_send()
        composer = Form(self.env[action["res_model"]].with_user(self.user_a).with_context(**action["context"]))
        self.assertIn("reconciliation statement", composer.subject)
        composer.save().action_send_mail()
        self.assertEqual(statement.state, "sent")
        sent = statement.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertTrue(sent.attachment_ids, "the statement goes with its PDF")
        self.assertIn(self.client_a.commercial_partner_id, sent.partner_ids | sent.notified_partner_ids)
        with self.assertRaises(UserError):
            statement.with_user(self.user_a).write({"date_to": "2026-03-30"})
        with self.assertRaises(AccessError):
            statement.with_user(self.user_a).write({"state": "confirmed"})

        with freeze_time("2026-04-10"):
            action = statement.with_user(self.user_a).action_cs_record_answer()
            wizard = Form(self.env[action["res_model"]].with_user(self.user_a).with_context(**action["context"]))
            wizard.answer = "confirmed"
            wizard.signed_copy = base64.b64encode(b"%PDF-1.4 signed")
            wizard.save().action_record()
        self.assertEqual((statement.state, statement.answer_date), ("confirmed", date(2026, 4, 10)))
        self.assertEqual(statement.client_amount_closing, 550.0)
        self.assertEqual(statement.signed_attachment_id.name, f"Signed statement {statement.name}.pdf")
        self.assertEqual(base64.b64decode(statement.signed_attachment_id.datas), b"%PDF-1.4 signed")
        self.assertEqual(statement.signed_attachment_id.res_id, statement.id)
        self.assertIn(statement.signed_attachment_id, statement.message_ids[0].attachment_ids)
        with self.assertRaisesRegex(UserError, "already answered"):
            statement.with_user(self.user_a)._cs_record_answer("disagreed", 1.0, "late")

    def test_a_disputed_statement_keeps_the_clients_figures(self):
        statement = self._statement()
        with self.assertRaisesRegex(UserError, "Closing Balance and a note"):
            statement.with_user(self.user_a)._cs_record_answer("disagreed", 150.0, "")
        statement.with_user(self.user_a)._cs_record_answer("disagreed", 150.0, "Our payment of 400 on 30 March")
        self.assertEqual((statement.state, statement.client_amount_closing), ("disagreed", 150.0))
        self.assertIn("Our payment of 400 on 30 March", statement.message_ids[0].body)
        self.assertIn("disputed", statement.message_ids[0].body)

    def test_refresh_reads_entries_posted_since(self):
        statement = self._statement()
        self._move("out_invoice", 25.0, "2026-03-20")
        self.assertEqual(statement.amount_closing, 550.0)
        statement.with_user(self.user_a).action_cs_refresh()
        self.assertEqual(statement.amount_closing, 575.0)

    def test_from_the_partner(self):
        action = self.client_a_contact.with_user(self.user_a).action_cs_reconciliation_statements()
        self.assertEqual(action["context"]["default_partner_id"], self.client_a.id)
        self._statement()
        self.assertEqual(self.client_a.with_user(self.user_a).cs_statement_count, 1)

    def test_a_document_in_another_currency_shows_its_own_amount(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create({"currency_id": eur.id, "name": "2026-01-01", "rate": 2.0})
        invoice = self._move("out_invoice", 100.0, "2026-06-10", currency_id=eur.id)
        statement = self._statement(date_from="2026-06-01", date_to="2026-06-30")
        [line] = statement._cs_statement_data()["lines"]
        self.assertEqual((line["name"], line["debit"]), (invoice.name, 50.0), "in the company's currency")
        self.assertEqual((line["document_currency"], line["document_amount"]), (eur, 100.0))
        self.assertIn("100.00", str(statement.statement_html))
