# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import FeedbackCase


@tagged("post_install", "-at_install")
class TestFeedbackDigest(FeedbackCase):
    """Claims at risk in the specialist's digest; breached deadlines in the head's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Digest = cls.env["client_specialist.digest"]
        cls.Feedback.search([]).sudo().write({"state": "resolved"})  # other feedback stays out of these runs

    def _digest(self, kind, user):
        return self.Digest.search([("kind", "=", kind), ("user_id", "=", user.id)])

    def test_at_risk_then_breached_move_between_the_digests(self):
        first = self._feedback(date_received="2026-03-06")
        second = self._feedback(date_received="2026-03-06")
        with freeze_time("2026-03-10"):
            self.Feedback._cron_check_deadlines()
        self.assertTrue(all((first | second).mapped("response_risk_notified")), "the flags are set")
        risk = self._digest("feedback_risk", self.user_a)
        self.assertEqual(risk.sudo().res_ids, sorted((first | second).ids))
        self.assertIn("Claims at risk: 2", risk.activity_ids.summary)
        self.assertIn("Client of A", risk.activity_ids.note)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", self.Feedback._name), ("res_id", "in", (first | second).ids)]
            )
        )
        # Response deadline passed: breached, escalated to the head, and still at risk for its resolution.
        with freeze_time("2026-03-12"):
            self.Feedback._cron_check_deadlines()
        breach = self._digest("feedback_breach", self.head)
        self.assertEqual(breach.sudo().res_ids, sorted((first | second).ids))
        self.assertEqual(breach.activity_ids.user_id, self.head)
        self.assertEqual(risk.sudo().res_ids, sorted((first | second).ids), "the resolution is at risk")
        # Resolved: out of both digests at the next run; nothing left closes them.
        (first | second).sudo().write({"state": "resolved"})
        with freeze_time("2026-03-13"):
            self.Feedback._cron_check_deadlines()
        self.assertFalse(self._digest("feedback_risk", self.user_a))
        self.assertFalse(self._digest("feedback_breach", self.head))

    def test_per_record_breaches_and_digest_risks(self):
        self.company.cs_reminder_feedback_breach = "per_record"
        feedback = self._feedback(date_received="2026-03-02")
        with freeze_time("2026-03-20"):
            self.Feedback._cron_check_deadlines()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", self.Feedback._name), ("res_id", "=", feedback.id)]
        )
        self.assertEqual(activities.user_id, self.head)
        self.assertIn("Breached: response", activities.summary)
        self.assertFalse(self._digest("feedback_breach", self.head))
