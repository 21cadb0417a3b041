# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .competition_common import CompetitionCase


@tagged("post_install", "-at_install")
class TestCompetitorPolicy(CompetitionCase):
    def _policy(self, user=None, **vals):
        values = {"competitor_id": self.rival_x.id, "name": "Volume discount", "aspect": "price", **vals}
        return self.Policy.with_user(user or self.user_a).create(values).with_env(self.env)

    def _commit_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_specialist_records_a_policy_with_its_figures(self):
        policy = self._policy(discount_percent=12.5, date_observed="2026-03-01", source="Tender")
        self.assertEqual(policy.user_id, self.user_a)
        self.assertEqual(policy.company_id, self.company)
        self.assertEqual(self.rival_x.cs_competitor_policy_count, 1)
        self.assertTrue(policy.active)

    def test_figures_out_of_range_are_refused_clearly(self):
        cases = [
            ({"discount_percent": 100.5}, "Discount (%) must be between 0 and 100"),
            ({"discount_percent": -1}, "Discount (%) must be between 0 and 100"),
            ({"payment_days": -5}, "cannot be negative (Payment Delay (days))"),
            ({"lead_time_days": -1}, "cannot be negative (Lead Time (days))"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError) as caught:
                    self._policy(**vals)
                self.assertIn(message, str(caught.exception))
        policy = self._policy(discount_percent=100, payment_days=0)
        for vals, message in cases:
            with self.subTest(write=vals):
                with self.assertRaises(ValidationError) as caught:
                    policy.with_user(self.user_b).write(vals)
                self.assertIn(message, str(caught.exception))
        self.assertEqual((policy.discount_percent, policy.payment_days, policy.lead_time_days), (100, 0, 0))

    def test_the_database_refuses_out_of_range_figures_too(self):
        policy = self._policy()
        for column, value in (("discount_percent", 101), ("payment_days", -1), ("lead_time_days", -1)):
            with self.subTest(column=column), mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                with self.env.cr.savepoint():
                    self.env.cr.execute(
                        f"UPDATE client_specialist_competitor_policy SET {column} = %s WHERE id = %s",
                        (value, policy.id),
                    )

    def test_policy_needs_a_partner_marked_as_competitor(self):
        with self.assertRaises(ValidationError) as caught:
            self._policy(competitor_id=self.client_a.id)
        self.assertIn("Client of A is not marked as a competitor", str(caught.exception))

    def test_edits_are_logged(self):
        policy = self._policy(discount_percent=5)
        self._commit_tracking()
        policy.with_user(self.user_b).write({"discount_percent": 7, "source": "Their website"})
        self._commit_tracking()
        tracked = policy.message_ids.tracking_value_ids
        self.assertEqual(
            sorted(tracked.mapped("field_id.name")), ["discount_percent", "source"], "each edit is in the chatter"
        )
        message = tracked.mail_message_id
        self.assertEqual(message.author_id, self.user_b.partner_id)

    def test_only_the_head_archives(self):
        policy = self._policy()
        with self.assertRaises(AccessError) as caught:
            policy.with_user(self.user_a).write({"active": False})
        self.assertIn("only the head of sales archives", str(caught.exception))
        with self.assertRaises(AccessError):
            policy.with_user(self.user_a).action_archive()
        self.assertTrue(policy.active)
        policy.with_user(self.head).action_archive()
        self.assertFalse(policy.active)
        with self.assertRaises(AccessError):
            policy.with_user(self.user_b).action_unarchive()
        policy.with_user(self.head).action_unarchive()
        self.assertTrue(policy.active)

    def test_evidence_attached_in_the_chatter_is_seen_by_every_specialist(self):
        policy = self._policy()
        policy.with_user(self.user_a).message_post(
            body="Their price list", attachments=[("pricelist.txt", b"-10% above 500k")]
        )
        attachment = self.env["ir.attachment"].search([("res_model", "=", policy._name), ("res_id", "=", policy.id)])
        self.assertEqual(attachment.name, "pricelist.txt")
        self.assertEqual(attachment.with_user(self.user_b).raw, b"-10% above 500k")

    def test_latest_policy_per_competitor_and_aspect(self):
        old = self._policy(discount_percent=8, date_observed="2025-01-10")
        new = self._policy(discount_percent=10, date_observed="2026-01-10")
        archived = self._policy(user=self.head, discount_percent=30, date_observed="2026-02-01")
        archived.with_user(self.head).action_archive()
        payment = self._policy(aspect="payment", payment_days=45, date_observed="2024-05-01")
        latest = self.Policy._cs_latest_by_competitor(["price", "payment"], self.rival_x | self.rival_y)
        self.assertEqual(latest, {(self.rival_x, "price"): new, (self.rival_x, "payment"): payment})
        self.assertNotIn(old, latest.values())
