# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestOverdueCron(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Today's behaviour, one activity per record; the digests have their own tests.
        cls.env["res.company"].search([]).write(
            dict.fromkeys(("cs_reminder_obligation_overdue", "cs_reminder_obligation_escalation"), "per_record")
        )
        cls.Obligation = cls.env["client_specialist.obligation"]
        cls.overdue_type = cls.env.ref("client_specialist_contract.mail_activity_type_obligation_overdue")
        cls.company.cs_obligation_escalation_days = 3
        with freeze_time("2026-03-02 09:00:00"):
            cls.order = cls._make_order()
            cls.order.action_confirm()
        # Obligations of other tests and of the demo data stay out of these runs.
        cls.Obligation.search([("order_id", "!=", cls.order.id)]).write({"state": "done", "date_done": "2026-03-02"})

    @classmethod
    def _make_order(cls):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.client_a.id,
                "user_id": cls.user_a.id,
                "payment_term_id": cls.terms_30_70.id,
                "commitment_date": "2026-03-20 10:00:00",
                "order_line": [
                    (0, 0, {"product_id": cls.product.id, "product_uom_qty": 10, "price_unit": 100, "tax_id": []})
                ],
            }
        )

    def _activities(self, obligations, user=None):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self.Obligation._name),
                ("res_id", "in", obligations.ids),
                ("activity_type_id", "=", self.overdue_type.id),
            ]
        )
        return activities.filtered(lambda a: not user or a.user_id == user)

    def test_overdue_reminded_once_then_escalated(self):
        first = self._obligations(self.order, kind="payment")[0]  # due 2026-03-02
        last_contact = self.client_a.cs_last_contact_date
        with freeze_time("2026-03-02 20:00:00"):
            self.Obligation._cron_mark_overdue()
            self.assertEqual(first.state, "open")  # due today is not late yet
        with freeze_time("2026-03-03 06:00:00"):
            self.Obligation._cron_mark_overdue()
            self.Obligation._cron_mark_overdue()
        self.assertEqual(first.state, "overdue")
        self.assertEqual(len(self._activities(first)), 1)
        self.assertEqual(self._activities(first).user_id, self.user_a)
        self.assertTrue(any("Overdue: Payment 1 of 2" in body for body in self.order.message_ids.mapped("body")))
        self.assertEqual(self.client_a.cs_last_contact_date, last_contact, "a note to the team is not a contact")
        self.assertFalse(first.is_escalated)
        with freeze_time("2026-03-04"):
            self.Obligation._cron_mark_overdue()
            self.assertFalse(first.is_escalated)
        with freeze_time("2026-03-05"):  # three days overdue
            self.Obligation._cron_mark_overdue()
            self.Obligation._cron_mark_overdue()
        self.assertTrue(first.is_escalated)
        self.assertEqual(len(self._activities(first, self.head)), 1)
        self.assertEqual(len(self._activities(first, self.user_a)), 1)
        self.assertTrue(any("Escalated to the head of sales" in body for body in self.order.message_ids.mapped("body")))
        self.assertEqual(self.client_a.cs_client_obligations_measured, 1)
        self.assertEqual(self.client_a.cs_client_on_time_rate, 0.0)
        # Fulfilled late: the reminders are closed and it still counts as late.
        first.action_done()
        self.assertFalse(self._activities(first))
        self.assertFalse(first.is_on_time)

    def test_late_and_escalated_at_once_to_the_head_standing_in(self):
        # The head stands in for the absent specialist: reminder and escalation go to one person.
        first = self._obligations(self.order, kind="payment")[0]
        with freeze_time("2026-03-10"):
            self.env["client_specialist.absence"].create(
                {
                    "specialist_id": self.spec_a.id,
                    "deputy_id": self.head.id,
                    "date_from": "2026-03-09",
                    "date_to": "2026-03-20",
                }
            )
            self.Obligation._cron_mark_overdue()
        self.assertEqual((first.state, first.is_escalated), ("overdue", True))
        activity = self._activities(first)
        self.assertEqual(len(activity), 1, activity.mapped(lambda a: (a.user_id.name, a.summary)))
        self.assertEqual(activity.user_id, self.head)
        self.assertIn("Overdue", activity.summary)
        self.assertIn("Escalated, overdue", activity.summary)

    def test_deputy_is_reminded_while_the_responsible_is_away(self):
        deputy = new_test_user(self.env, login="t_cron_deputy", groups="client_specialist.group_client_specialist")
        with freeze_time("2026-03-03"):
            self.env["client_specialist.absence"].create(
                {
                    "specialist_id": self.spec_a.id,
                    "deputy_id": deputy.id,
                    "date_from": "2026-03-01",
                    "date_to": "2026-03-10",
                }
            )
            self.Obligation._cron_mark_overdue()
        first = self._obligations(self.order, kind="payment")[0]
        self.assertEqual(self._activities(first).user_id, deputy)

    def test_moving_the_due_date_reopens_and_resets(self):
        first = self._obligations(self.order, kind="payment")[0]
        with freeze_time("2026-03-06"):
            self.Obligation._cron_mark_overdue()
            self.assertTrue(first.is_escalated)
            first.date_due = "2026-03-15"
            self.assertEqual((first.state, first.is_escalated), ("open", False))

    def test_batches_report_what_remains_and_are_idempotent(self):
        with freeze_time("2026-03-02 09:00:00"):
            orders = self._make_order() | self._make_order()
            orders.action_confirm()
        self.Obligation.search([("order_id", "not in", orders.ids)]).write({"state": "done", "date_done": "2026-03-02"})
        first_payments = self.Obligation.search([("order_id", "in", orders.ids), ("generation_key", "=", "payment:1")])
        with freeze_time("2026-03-03"):
            self.assertEqual(self.Obligation._cron_mark_overdue(batch_size=1), 1)
            self.assertEqual(self.Obligation._cron_mark_overdue(batch_size=1), 0)
            self.assertEqual(self.Obligation._cron_mark_overdue(batch_size=1), 0)
        self.assertEqual(set(first_payments.mapped("state")), {"overdue"})
        self.assertEqual(len(self._activities(first_payments)), 2)

    def test_queries_per_batch_do_not_grow_with_the_batch(self):
        def make(count):
            with freeze_time("2026-03-02 09:00:00"):
                orders = self.env["sale.order"].union(*(self._make_order() for _i in range(count)))
                orders.action_confirm()
            # Leave only the first installments for the cron: escalated and reminded in one run.
            self.Obligation.search([("generation_key", "!=", "payment:1"), ("state", "=", "open")]).write(
                {"state": "done", "date_done": "2026-03-02"}
            )
            return orders

        self.Obligation.search([("state", "=", "open")]).write({"state": "done", "date_done": "2026-03-02"})
        small = make(3)
        self.env.invalidate_all()
        with freeze_time("2026-03-10"), self.assertQueryCount(47):
            self.Obligation._cron_mark_overdue(batch_size=3)
        self.assertEqual(len(self._activities(small.cs_obligation_ids)), 6)
        large = make(30)
        self.env.invalidate_all()
        with freeze_time("2026-03-10"), self.assertQueryCount(47):
            self.Obligation._cron_mark_overdue(batch_size=30)
        self.assertEqual(len(self._activities(large.cs_obligation_ids)), 60)
