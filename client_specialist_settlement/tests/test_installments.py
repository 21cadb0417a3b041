# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_settlement import SettlementCase


@tagged("post_install", "-at_install")
class TestInstallments(SettlementCase):
    """The client's payments follow the invoice's installments: 1,000 in three, invoiced on 10 March."""

    def _confirmed(self, **vals):
        vals.setdefault("payment_term_id", self.terms_3.id)
        vals.setdefault("commitment_date", datetime(2026, 3, 20, 10, 0))
        with freeze_time("2026-03-02 09:00:00"):
            order = self._order(**vals)
            order.with_user(self.user_a).action_confirm()
        return order

    def _invoice(self, order, day="2026-03-10", quantity=None):
        with freeze_time(day):
            if quantity is not None:
                order.order_line.qty_to_invoice = quantity
            invoice = order._create_invoices()
            if quantity is not None:
                invoice.invoice_line_ids.quantity = quantity
            invoice.invoice_date = day
            invoice.action_post()
        return invoice

    def _payments(self, order):
        return self._obligations(order, kind="payment").filtered(lambda o: o.state != "cancelled")

    def test_three_installments_paid_in_two_partial_payments(self):
        order = self._confirmed()
        planned = self._payments(order)
        self.assertEqual(planned.mapped("date_due"), [date(2026, 3, 2), date(2026, 4, 1), date(2026, 5, 1)])
        invoice = self._invoice(order)
        payments = self._payments(order)
        # The planned obligations became the invoice's installments, in place, due from the invoice date.
        self.assertEqual(payments, planned)
        self.assertEqual(payments.mapped("date_due"), [date(2026, 3, 10), date(2026, 4, 9), date(2026, 5, 9)])
        self.assertEqual(payments.mapped("amount"), [300.0, 300.0, 400.0])
        self.assertEqual(payments.cs_invoice_id, invoice)
        self.assertEqual(payments[0].name, f"Installment 1 of 3 of {invoice.name}")
        self.assertEqual(payments.cs_move_line_id.mapped("date_maturity"), payments.mapped("date_due"))

        # 450 on 10 March: the first installment is paid, the second half paid.
        self._pay(invoice, 450.0, "2026-03-10", payment_difference_handling="open")
        first, second, third = payments
        self.assertEqual((first.state, first.date_done, first.cs_amount_paid), ("done", date(2026, 3, 10), 300.0))
        self.assertTrue(first.is_on_time)
        self.assertEqual((second.state, second.cs_amount_paid), ("open", 150.0))
        self.assertEqual((third.state, third.cs_amount_paid), ("open", 0.0))
        self.assertEqual(self.client_a.cs_client_on_time_rate, 100.0)

        # The rest on 20 April: the second installment late, the third on time; the invoice is paid.
        self._pay(invoice, 550.0, "2026-04-20")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(payments.mapped("state"), ["done"] * 3)
        self.assertEqual(payments.mapped("date_done"), [date(2026, 3, 10), date(2026, 4, 20), date(2026, 4, 20)])
        self.assertEqual(payments.mapped("is_on_time"), [True, False, True])
        self.assertEqual(payments.mapped("cs_amount_paid"), [300.0, 300.0, 400.0])
        self.assertAlmostEqual(self.client_a.cs_client_on_time_rate, 66.67, 2)
        self.assertEqual(self.client_a.cs_client_obligations_measured, 3)
        self.assertEqual(self._obligations(order, kind="payment"), payments, "no cancelled duplicates")

    def test_an_unreconciled_payment_reopens_its_installments(self):
        order = self._confirmed()
        invoice = self._invoice(order)
        payment = self._pay(invoice, 1000.0, "2026-03-15")
        payments = self._payments(order)
        self.assertEqual(payments.mapped("state"), ["done"] * 3)
        with freeze_time("2026-03-20"):
            payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual(payments.mapped("state"), ["overdue", "open", "open"])
        self.assertEqual(payments.mapped("cs_amount_paid"), [0.0, 0.0, 0.0])
        self.assertFalse(any(payments.mapped("date_done")))

    def test_part_invoiced_keeps_the_plan_for_the_rest(self):
        order = self._confirmed()
        invoice = self._invoice(order, quantity=5)
        self.assertEqual(invoice.amount_total, 500.0)
        payments = self._payments(order)
        # The invoice's three installments, and what the plan still expects of the 500 not invoiced.
        invoiced = payments.filtered("cs_move_line_id")
        self.assertEqual(invoiced.mapped("amount"), [150.0, 150.0, 200.0])
        self.assertEqual(invoiced.cs_invoice_id, invoice)
        planned = payments - invoiced
        self.assertEqual(planned.mapped("amount"), [100.0, 400.0])
        self.assertEqual(planned.mapped("date_due"), [date(2026, 4, 1), date(2026, 5, 1)])
        self.assertEqual(sum(payments.mapped("amount")), 1000.0)

    def test_a_credit_note_reduces_what_is_owed(self):
        order = self._confirmed()
        invoice = self._invoice(order)
        with freeze_time("2026-03-12"):
            reversal = (
                self.env["account.move.reversal"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"reason": "Two damaged desks", "journal_id": invoice.journal_id.id, "date": "2026-03-12"})
            )
            credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
            credit_note.invoice_line_ids.quantity = 2
            credit_note.action_post()
        payments = self._payments(order)
        # Matched with the invoice at once (Odoo reconciles a reversal): the oldest installment is reduced.
        self.assertEqual(payments.mapped("amount"), [100.0, 300.0, 400.0])
        # Not matched: what the client owes is still reduced, from the last installment.
        credit_line = credit_note.line_ids.filtered(lambda line: line.display_type == "payment_term")
        with freeze_time("2026-03-12"):
            credit_line.remove_move_reconcile()
        self.assertEqual(self._payments(order).mapped("amount"), [300.0, 300.0, 200.0])
        with freeze_time("2026-03-12"):
            invoice.js_assign_outstanding_line(credit_line.id)
        payments = self._payments(order)
        self.assertEqual(payments.mapped("amount"), [100.0, 300.0, 400.0])
        self.assertFalse(any(payments.mapped("cs_amount_paid")), "a credit note is not a payment")
        self.assertEqual(set(payments.mapped("state")), {"open"})
        self._pay(invoice, 800.0, "2026-03-15")
        self.assertEqual(set(payments.mapped("state")), {"done"})
        self.assertEqual(sum(payments.mapped("cs_amount_paid")), 800.0)

    def test_a_full_credit_note_cancels_the_installments(self):
        order = self._confirmed()
        invoice = self._invoice(order)
        with freeze_time("2026-03-12"):
            self.env["account.move.reversal"].with_context(active_model="account.move", active_ids=invoice.ids).create(
                {"reason": "Order withdrawn", "journal_id": invoice.journal_id.id}
            ).modify_moves()
        self.assertEqual(invoice.payment_state, "reversed")
        states = self._obligations(order, kind="payment").mapped("state")
        self.assertNotIn("open", states)
        self.assertNotIn("done", states)

    def test_the_paid_part_and_the_link_are_decisions(self):
        order = self._confirmed()
        self._invoice(order)
        first = self._payments(order)[0]
        with self.assertRaisesRegex(UserError, "follows the payments of invoice"):
            first.with_user(self.user_a).action_done()
        for field, value in (("cs_amount_paid", 300.0), ("cs_move_line_id", False)):
            with self.subTest(field=field), self.assertRaises(AccessError):
                first.with_user(self.user_a).write({field: value})
