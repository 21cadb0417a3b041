# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestOverdueDigest(ContractCase):
    """The default: one digest per person and kind, brought to what is pending by each run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Obligation = cls.env["client_specialist.obligation"]
        cls.Digest = cls.env["client_specialist.digest"]
        cls.company.cs_obligation_escalation_days = 3
        # Obligations of other tests and of the demo data stay out of these runs.
        cls.Obligation.search([]).write({"state": "done", "date_done": "2026-03-02"})
        with freeze_time("2026-03-02 09:00:00"):
            cls.orders = cls._make_order() | cls._make_order()
            cls.orders.action_confirm()
        cls.obligations = cls.Obligation.search([("order_id", "in", cls.orders.ids)], order="date_due, id")
        cls.first = cls.obligations.filtered(lambda o: o.generation_key == "payment:1")  # due 2026-03-02

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

    def _digest(self, kind, user):
        return self.Digest.search([("kind", "=", kind), ("user_id", "=", user.id)])

    def _record_activities(self):
        return self.env["mail.activity"].search([("res_model", "=", self.Obligation._name)])

    def test_one_digest_per_person_updated_then_closed(self):
        with freeze_time("2026-03-03"):
            self.Obligation._cron_mark_overdue()
        self.assertEqual(set(self.first.mapped("state")), {"overdue"})
        self.assertFalse(self._record_activities(), "no activity per obligation")
        digest = self._digest("obligation_overdue", self.user_a)
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.sudo().res_ids, sorted(self.first.ids))
        activity = digest.activity_ids
        self.assertEqual((len(activity), activity.user_id), (1, self.user_a))
        self.assertIn("Overdue obligations of your clients: 2", activity.summary)
        for obligation in self.first:
            self.assertIn(f"/odoo/client_specialist.obligation/{obligation.id}", activity.note)
            self.assertIn(obligation.name, activity.note)
        self.assertIn("Client of A", activity.note)
        self.assertIn(f"/odoo/client_specialist.digest/{digest.id}", activity.note)
        self.assertFalse(self._digest("obligation_escalation", self.head), "not escalated yet")
        # One note per order and run on the order's chatter, not per obligation.
        for order in self.orders:
            self.assertEqual(len(order.message_ids.filtered(lambda m: "Overdue:" in (m.body or ""))), 1)

        # The same day again: nothing changes, nothing is added.
        with freeze_time("2026-03-03"):
            self.Obligation._cron_mark_overdue()
        self.assertEqual(self._digest("obligation_overdue", self.user_a), digest)
        self.assertEqual(digest.activity_ids, activity)

        # Escalated three days later: the head gets one digest; the specialist's stays the same.
        with freeze_time("2026-03-05"):
            self.Obligation._cron_mark_overdue()
        escalations = self._digest("obligation_escalation", self.head)
        self.assertEqual(len(escalations.activity_ids), 1)
        self.assertEqual(escalations.activity_ids.user_id, self.head)
        self.assertIn("Escalations: overdue obligations: 2", escalations.activity_ids.summary)
        self.assertEqual(set(self.first.mapped("is_escalated")), {True})

        # One fulfilled: it drops out of both digests at the next run, which update their activity.
        self.first[0].action_done()
        with freeze_time("2026-03-06"):
            self.Obligation._cron_mark_overdue()
        self.assertEqual(digest.sudo().res_ids, self.first[1:].ids)
        self.assertEqual(digest.activity_ids, activity, "the open activity is updated, not replaced")
        self.assertIn("Overdue obligations of your clients: 1", activity.summary)
        self.assertNotIn(self.first[0].name + "<", activity.note)
        self.assertEqual(escalations.sudo().res_ids, self.first[1:].ids)

        # Nothing left: the digests close with their activities.
        self.first[1].action_done()
        with freeze_time("2026-03-07"):
            self.Obligation._cron_mark_overdue()
        self.assertFalse(self.Digest.search([("kind", "in", ("obligation_overdue", "obligation_escalation"))]))
        self.assertFalse(activity.exists())

    def test_a_full_last_batch_writes_the_digests_too(self):
        with freeze_time("2026-03-03"):
            self.assertEqual(self.Obligation._cron_mark_overdue(batch_size=2), 0, "nothing left for the runner")
        self.assertEqual(self._digest("obligation_overdue", self.user_a).record_count, 2)

    def test_a_deputy_gets_a_separate_digest_that_says_so(self):
        deputy = new_test_user(self.env, login="t_digest_deputy", groups="client_specialist.group_client_specialist")
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
        digest = self._digest("obligation_overdue", deputy)
        self.assertEqual(digest.on_behalf_of_id, self.user_a)
        self.assertIn("for Specialist A, absent", digest.activity_ids.summary)
        self.assertIn("You stand in for Specialist A", digest.activity_ids.note)
        self.assertFalse(self._digest("obligation_overdue", self.user_a), "the absent one is not reminded")
        # Back from the absence: the records are the specialist's again, the deputy's digest closes.
        with freeze_time("2026-03-11"):
            self.env["client_specialist.absence"]._cron_refresh_state()
            self.Obligation._cron_mark_overdue()
        self.assertFalse(self._digest("obligation_overdue", deputy))
        mine = self._digest("obligation_overdue", self.user_a)
        self.assertFalse(mine.on_behalf_of_id)
        self.assertEqual(mine.sudo().res_ids, sorted(self.obligations.filtered(lambda o: o.state == "overdue").ids))

    def test_per_record_setting_of_one_kind(self):
        # Escalations one by one for the head, the specialist's reminders in a digest.
        self.company.cs_reminder_obligation_escalation = "per_record"
        with freeze_time("2026-03-05"):
            self.Obligation._cron_mark_overdue()
        self.assertEqual(self._digest("obligation_overdue", self.user_a).record_count, 2)
        self.assertFalse(self._digest("obligation_escalation", self.head))
        activities = self._record_activities()
        self.assertEqual(sorted(activities.mapped("res_id")), sorted(self.first.ids))
        self.assertEqual(activities.user_id, self.head)
        self.assertTrue(all("Escalated, overdue" in summary for summary in activities.mapped("summary")))

    def test_the_person_reads_their_digest_and_marks_it_done(self):
        with freeze_time("2026-03-03"):
            self.Obligation._cron_mark_overdue()
        digest = self._digest("obligation_overdue", self.user_a).with_user(self.user_a)
        self.assertEqual(digest.record_count, 2)
        action = digest.action_open_records()
        self.assertEqual(self.Obligation.with_user(self.user_a).search(action["domain"]), self.first)
        self.assertFalse(self.Digest.with_user(self.user_b).search([("id", "=", digest.id)]), "not another's")
        digest.activity_ids.action_feedback(feedback="Called them")
        self.assertFalse(digest.activity_ids)
        # Dismissed and unchanged: the next run does not bring it back.
        with freeze_time("2026-03-03"):
            self.Obligation._cron_mark_overdue()
        self.assertFalse(digest.activity_ids)

    def test_one_digest_per_person_and_kind_in_the_database(self):
        with freeze_time("2026-03-03"):
            self.Obligation._cron_mark_overdue()
        digest = self._digest("obligation_overdue", self.user_a)
        # A second worker writing the same person's digest is refused: its batch is run again.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Digest.sudo().create(
                {
                    "kind": digest.kind,
                    "user_id": digest.user_id.id,
                    "company_id": digest.company_id.id,
                    "res_model": digest.res_model,
                }
            )

    def _run_counting(self, batch_size):
        """Queries of one full batch that is the last one: the flags, the notes on the orders, the digests."""
        with freeze_time("2026-03-10"):
            before = self.cr.sql_log_count
            with self.assertQueryCount(80):
                self.assertEqual(self.Obligation._cron_mark_overdue(batch_size=batch_size), 0)
            return [self.cr.sql_log_count - before]

    def test_queries_per_batch_do_not_grow_with_the_batch(self):
        def make(count):
            with freeze_time("2026-03-02 09:00:00"):
                orders = self.env["sale.order"].union(*(self._make_order() for _i in range(count)))
                orders.action_confirm()
            self.Obligation.search([("generation_key", "!=", "payment:1"), ("state", "=", "open")]).write(
                {"state": "done", "date_done": "2026-03-02"}
            )
            return orders

        self.Obligation.search([("state", "in", ("open", "overdue"))]).write(
            {"state": "done", "date_done": "2026-03-02"}
        )
        small = make(3)
        self.env.invalidate_all()
        small_counts = self._run_counting(3)
        self.assertEqual(self._digest("obligation_overdue", self.user_a).record_count, 3)
        self.assertEqual(self._digest("obligation_escalation", self.head).record_count, 3)
        self.Obligation.search([("state", "=", "overdue")]).write({"state": "done", "date_done": "2026-03-02"})
        self.Digest.search([]).unlink()  # created again, as for the 3
        large = make(30)
        self.env.invalidate_all()
        large_counts = self._run_counting(30)
        # As many queries for 30 as for 3 (one per record would be 27 more).
        for large_count, small_count in zip(large_counts, small_counts, strict=True):
            self.assertLessEqual(large_count, small_count + 2, (large_counts, small_counts))
        self.assertEqual(self._digest("obligation_overdue", self.user_a).record_count, 30)
        self.assertEqual(
            self._digest("obligation_escalation", self.head).sudo().res_ids,
            sorted(large.cs_obligation_ids.filtered(lambda o: o.state == "overdue").ids),
        )
        self.assertFalse(self._record_activities())
        self.assertTrue(small)
