# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestObligationGeneration(ContractCase):
    def _confirmed(self, **vals):
        vals.setdefault("payment_term_id", self.terms_30_70.id)
        vals.setdefault("commitment_date", datetime(2026, 3, 20, 10, 0))
        order = self._order(**vals)
        order.with_user(self.user_a).action_confirm()
        return order

    @freeze_time("2026-03-02 09:00:00")
    def test_confirmation_generates_installments_and_delivery(self):
        order = self._confirmed()
        payments = self._obligations(order, kind="payment")
        self.assertEqual(payments.mapped("party"), ["client", "client"])
        self.assertEqual(payments.mapped("date_due"), [date(2026, 3, 2), date(2026, 4, 1)])
        self.assertEqual(payments.mapped("amount"), [300.0, 700.0])
        self.assertEqual(payments.partner_id, self.client_a)
        self.assertEqual(payments.user_id, self.user_a)
        self.assertEqual(payments[0].name, f"Payment 1 of 2 for {order.name}")
        delivery = self._obligations(order, kind="delivery")
        self.assertEqual((delivery.party, delivery.date_due), ("company", date(2026, 3, 20)))
        self.assertTrue(all(order.cs_obligation_ids.mapped("is_generated")))
        self.assertEqual(order.cs_obligation_count, 3)
        self.assertEqual(self.client_a.cs_obligation_count, 3)
        self.assertEqual(self.client_a_contact.cs_obligation_count, 3)

    @freeze_time("2026-03-02 09:00:00")
    def test_no_terms_means_one_payment_now(self):
        order = self._confirmed(payment_term_id=False, commitment_date=False)
        payment = self._obligations(order, kind="payment")
        self.assertEqual(
            (payment.date_due, payment.amount, payment.name), (date(2026, 3, 2), 1000.0, f"Payment for {order.name}")
        )
        # Without a commitment date our delivery follows the expected date (lead time 0: today).
        self.assertEqual(self._obligations(order, kind="delivery").date_due, date(2026, 3, 2))

    @freeze_time("2026-03-02 09:00:00")
    def test_editing_updates_without_duplicates(self):
        order = self._confirmed()
        ids_before = order.cs_obligation_ids.ids
        order.write(
            {
                "order_line": [Command.update(order.order_line.id, {"product_uom_qty": 20})],
                "commitment_date": datetime(2026, 3, 25, 10, 0),
            }
        )
        self.assertEqual(order.cs_obligation_ids.ids, ids_before)
        self.assertEqual(self._obligations(order, kind="payment").mapped("amount"), [600.0, 1400.0])
        self.assertEqual(self._obligations(order, kind="delivery").date_due, date(2026, 3, 25))
        # One installment instead of two: the second is cancelled, not deleted.
        order.payment_term_id = self.env.ref("account.account_payment_term_30days")
        payments = self._obligations(order, kind="payment")
        self.assertEqual(payments.mapped("state"), ["open", "cancelled"])
        self.assertEqual(payments[0].amount, 2000.0)
        self.assertEqual(payments[0].date_due, date(2026, 4, 1))

    @freeze_time("2026-03-02 09:00:00")
    def test_cancel_then_confirm_again_reuses_the_obligations(self):
        order = self._confirmed()
        manual = self.env["client_specialist.obligation"].create(
            {"order_id": order.id, "name": "Acceptance act", "kind": "documents", "date_due": "2026-03-30"}
        )
        generated = order.cs_obligation_ids - manual
        order._action_cancel()
        self.assertEqual(set(generated.mapped("state")), {"cancelled"})
        self.assertEqual(manual.state, "open")
        order.action_draft()
        order.action_confirm()
        self.assertEqual(order.cs_obligation_ids, generated | manual)
        self.assertEqual(set(generated.mapped("state")), {"open"})

    @freeze_time("2026-03-02 09:00:00")
    def test_bad_input_is_refused_clearly(self):
        order = self._confirmed()
        Obligation = self.env["client_specialist.obligation"].with_user(self.user_a)
        base = {"order_id": order.id, "name": "Deposit", "kind": "payment", "date_due": "2026-03-10"}
        with self.assertRaises(ValidationError) as caught:
            Obligation.create(dict(base, amount=50, date_due="2026-03-01"))
        self.assertIn("before the date of order", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Obligation.create(dict(base, amount=-5))
        self.assertIn("cannot be negative", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Obligation.create(base)
        self.assertIn("set the Amount", str(caught.exception))
        self.assertEqual(len(order.cs_obligation_ids), 3)
        manual = Obligation.create(dict(base, amount=50))
        self.assertFalse(manual.is_generated)
        self.assertEqual((manual.partner_id, manual.user_id), (self.client_a, self.user_a))

    def test_paid_invoice_fulfils_the_client_payments_oldest_first(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self._confirmed()
            invoice = order._create_invoices()
            invoice.action_post()
            # 300 paid covers the first installment only.
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": 300.0, "payment_difference_handling": "open"})._create_payments()
        first, second = self._obligations(order, kind="payment")
        self.assertEqual(invoice.payment_state, "partial")
        with freeze_time("2026-04-05"):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": 700.0})._create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # Each installment is fulfilled by the payment that completes it (client_specialist_settlement).
        self.assertEqual((first.state, first.date_done), ("done", date(2026, 3, 2)))
        self.assertTrue(first.is_on_time)
        self.assertEqual((second.state, second.date_done), ("done", date(2026, 4, 5)))
        self.assertFalse(second.is_on_time)
        self.assertEqual(self._obligations(order, kind="delivery").state, "open")
        self.assertEqual(self.client_a.cs_client_obligations_measured, 2)
        self.assertEqual(self.client_a.cs_client_on_time_rate, 50.0)

    @freeze_time("2026-03-02 09:00:00")
    def test_on_time_rates_of_both_parties(self):
        # A service: with Inventory, a delivery of goods follows its delivery orders, not the button.
        self.product.type = "service"
        order = self._confirmed()
        payments = self._obligations(order, kind="payment")
        payments[0].action_done()
        self._obligations(order, kind="delivery").action_done()
        self.assertEqual(
            (self.client_a.cs_client_on_time_rate, self.client_a.cs_client_obligations_measured), (100.0, 1)
        )
        self.assertEqual(
            (self.client_a.cs_company_on_time_rate, self.client_a.cs_company_obligations_measured), (100.0, 1)
        )
        with freeze_time("2026-04-10"):
            payments[1].action_done()
        self.assertEqual(self.client_a.cs_client_on_time_rate, 50.0)

    @freeze_time("2026-03-02 09:00:00")
    def test_only_the_head_waives_with_a_reason(self):
        order = self._confirmed()
        delivery = self._obligations(order, kind="delivery")
        with self.assertRaises(AccessError):
            delivery.with_user(self.user_a).action_waive()
        with self.assertRaises(AccessError):
            delivery.with_user(self.user_a)._cs_waive("no")
        with self.assertRaises(AccessError):
            delivery.with_user(self.user_a).write({"state": "waived"})
        action = delivery.with_user(self.head).action_waive()
        wizard = Form(self.env[action["res_model"]].with_user(self.head).with_context(**action["context"]))
        wizard.reason = "Client collects the goods themselves"
        wizard.save().action_waive()
        self.assertEqual((delivery.state, delivery.waive_reason), ("waived", "Client collects the goods themselves"))
        with self.assertRaises(AccessError):
            delivery.with_user(self.user_a).action_reopen()

    @freeze_time("2026-03-02 09:00:00")
    def test_confirmation_queries_do_not_grow_with_the_lines(self):
        # Services: with Inventory installed, its procurement per line is not this module's budget.
        self.product.type = "service"
        small = self._order(lines=[(1, 10.0, 0.0)] * 3, payment_term_id=self.terms_30_70.id)
        large = self._order(lines=[(1, 10.0, 0.0)] * 30, payment_term_id=self.terms_30_70.id)
        # Odoo's confirmation plus the disagreement, authority and reliability checks, the
        # obligations and the client won by the first order: the same budget for 3 and 30 lines,
        # both measured with cold caches.
        for order in (small, large):
            self.env.registry.clear_cache()
            self.env.invalidate_all()
            with self.assertQueryCount(110):
                order.action_confirm()
        self.assertEqual(len(large.cs_obligation_ids), 3)
