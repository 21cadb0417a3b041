# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestContractFlow(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Today's behaviour, one activity per record; the digests have their own tests.
        cls.env["res.company"].search([]).write(
            dict.fromkeys(("cs_reminder_obligation_overdue", "cs_reminder_obligation_escalation"), "per_record")
        )

    def test_from_offer_to_fulfilled_and_escalated_obligations(self):
        Obligation = self.env["client_specialist.obligation"]
        self.env["client_specialist.obligation"].search([("state", "in", ("open", "overdue"))]).write(
            {"state": "done", "date_done": "2026-03-01"}
        )
        with freeze_time("2026-03-02 09:00:00"):
            # The offer: 120 desks at 100, above specialist A's 10,000 limit.
            order = self._order(
                lines=[(120, 100.0, 0.0)], payment_term_id=self.terms_30_70.id, commitment_date="2026-03-06 10:00:00"
            )
            clause = (
                self.env["client_specialist.disagreement"]
                .with_user(self.user_a)
                .create(
                    {
                        "order_id": order.id,
                        "clause": "4.2 Payment",
                        "our_wording": "30 % now, 70 % in 30 days",
                        "client_wording": "100 % in 45 days",
                    }
                )
            )
            with self.assertRaises(UserError) as caught:
                order.with_user(self.user_a).action_confirm()
            self.assertIn("4.2 Payment", str(caught.exception))
            clause.with_user(self.user_a).action_accept_ours()
            order.with_user(self.user_a).action_confirm()
            self.assertEqual(order.cs_approval_state, "to_approve")
            self.assertFalse(order.cs_obligation_ids)
            order.with_user(self.head).action_cs_approve()
            self.assertEqual(order.state, "sale")
            payment_1, payment_2 = self._obligations(order, kind="payment")
            delivery = self._obligations(order, kind="delivery")
            self.assertEqual((payment_1.amount, payment_2.amount), (3600.0, 8400.0))

            invoice = order._create_invoices()
            invoice.action_post()
        with freeze_time("2026-03-03"):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": 12000.0})._create_payments()
        self.assertEqual((payment_1.state, payment_2.state), ("done", "done"))
        self.assertFalse(payment_1.is_on_time)  # due on the order day, paid the day after
        self.assertTrue(payment_2.is_on_time)

        # Our delivery was due on 6 March: overdue on the 7th, escalated three days later.
        with freeze_time("2026-03-07"):
            Obligation._cron_mark_overdue()
        self.assertEqual(delivery.state, "overdue")
        with freeze_time("2026-03-09"):
            Obligation._cron_mark_overdue()
            Obligation._cron_mark_overdue()
        self.assertEqual(delivery.state, "overdue")
        self.assertTrue(delivery.is_escalated)
        self.assertEqual(delivery.activity_ids.user_id, self.user_a | self.head)
        self.assertEqual(self.client_a.cs_client_on_time_rate, 50.0)
        self.assertEqual(self.client_a.cs_company_on_time_rate, 0.0)
