# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import FeedbackCase


@tagged("post_install", "-at_install")
class TestFeedbackDeadlines(FeedbackCase):
    def test_deadlines_count_working_days_across_the_weekend(self):
        feedback = self._feedback(date_received="2026-03-06")  # a Friday
        self.assertEqual(feedback.response_deadline, date(2026, 3, 11))  # Mon, Tue, Wed
        self.assertEqual(feedback.response_risk_date, date(2026, 3, 10))
        self.assertEqual(feedback.resolution_deadline, date(2026, 3, 13))
        self.assertEqual(feedback.user_id, self.user_a, "the client's specialist is responsible")

    def test_clients_without_tier_get_the_default(self):
        self.company.cs_feedback_response_days = 2
        feedback = self._feedback(partner=self.client_b, date_received="2026-03-06")
        self.assertEqual(feedback.response_deadline, date(2026, 3, 10))

    def test_written_claim_is_answered_within_the_legal_term(self):
        self.tier.claim_response_days = 40
        feedback = self._feedback(date_received="2026-03-06", in_writing=True)
        self.assertEqual(feedback.response_deadline, date(2026, 4, 5))  # 30 calendar days
        other = self._feedback(date_received="2026-03-06", type="dissatisfaction", in_writing=True)
        self.assertGreater(other.response_deadline, date(2026, 4, 5))

    def test_status_on_time_at_risk_breached(self):
        feedback = self._feedback(date_received="2026-03-06")
        for day, status in (("2026-03-09", "on_time"), ("2026-03-10", "at_risk"), ("2026-03-12", "breached")):
            with freeze_time(day):
                feedback.invalidate_recordset(["deadline_status"])
                self.assertEqual(feedback.deadline_status, status, day)
                found = self.Feedback.search([("deadline_status", "=", status), ("id", "=", feedback.id)])
                self.assertEqual(found, feedback, day)
        with freeze_time("2026-03-10"):
            feedback.action_start()
            feedback.invalidate_recordset(["deadline_status"])
            self.assertEqual(feedback.deadline_status, "on_time", "responded: the resolution is due next")
            feedback.resolution = "<p>Re-delivered on Tuesday.</p>"
            feedback.action_resolve()
        self.assertEqual(feedback.resolved_on_time, 100)
        self.assertEqual(feedback.resolution_days, 4)


@tagged("post_install", "-at_install")
class TestFeedbackCron(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Today's behaviour, one activity per record; the digests have their own tests.
        cls.env["res.company"].search([]).write(
            dict.fromkeys(("cs_reminder_feedback_risk", "cs_reminder_feedback_breach"), "per_record")
        )

    def _activities(self, feedback):
        return self.env["mail.activity"].search([("res_model", "=", feedback._name), ("res_id", "in", feedback.ids)])

    def test_at_risk_then_breached_once_each(self):
        feedback = self._feedback(date_received="2026-03-06")
        with freeze_time("2026-03-09"):
            self.Feedback._cron_check_deadlines()
        self.assertFalse(self._activities(feedback))
        with freeze_time("2026-03-10"):
            self.Feedback._cron_check_deadlines()
            self.Feedback._cron_check_deadlines()
        risk = self._activities(feedback)
        self.assertEqual(len(risk), 1)
        self.assertEqual(risk.user_id, self.user_a)
        self.assertIn("At risk", risk.summary)
        with freeze_time("2026-03-12"):
            self.Feedback._cron_check_deadlines()
            self.Feedback._cron_check_deadlines()
        new = self._activities(feedback) - risk
        # The response is now late (to the head); the resolution, due tomorrow, is at risk.
        self.assertEqual(len(new), 2)
        breach = new.filtered(lambda a: a.user_id == self.head)
        self.assertIn("Breached: response", breach.summary)
        self.assertIn("At risk: resolution", (new - breach).summary)
        with freeze_time("2026-03-16"):
            self.Feedback._cron_check_deadlines()
            self.Feedback._cron_check_deadlines()
        last = self._activities(feedback) - risk - new
        self.assertEqual(len(last), 1)
        self.assertIn("Breached: resolution", last.summary)

    def test_both_deadlines_breached_at_once_make_one_activity_for_the_head(self):
        # Found late (the cron did not run): response and resolution are both past their deadlines.
        feedback = self._feedback(date_received="2026-03-02") | self._feedback(date_received="2026-03-03")
        with freeze_time("2026-03-20"):
            self.Feedback._cron_check_deadlines()
            self.Feedback._cron_check_deadlines()
        activities = self._activities(feedback)
        self.assertEqual(len(activities), 2, "one activity per claim")
        self.assertEqual(activities.user_id, self.head)
        for activity in activities:
            self.assertIn("Breached: response", activity.summary)
            self.assertIn("Breached: resolution", activity.summary)
        self.assertTrue(all(feedback.mapped("resolution_breach_escalated")))

    def test_risk_goes_to_the_deputy_of_an_absent_specialist(self):
        today = fields.Date.today()
        self.env["client_specialist.absence"].create(
            {
                "specialist_id": self.spec_a.id,
                "deputy_id": self.user_b.id,
                "date_from": today - timedelta(days=1),
                "date_to": today + timedelta(days=5),
            }
        )
        feedback = self._feedback(date_received=today - timedelta(days=2))
        feedback.sudo().write({"response_risk_date": today, "response_deadline": today + timedelta(days=1)})
        self.Feedback._cron_check_deadlines()
        self.assertEqual(self._activities(feedback).user_id, self.user_b)


@tagged("post_install", "-at_install")
class TestFeedbackFlow(FeedbackCase):
    def test_resolution_needs_text_and_an_approved_compensation(self):
        feedback = self._feedback().with_user(self.user_a)
        with self.assertRaises(UserError) as caught:
            feedback.action_resolve()
        self.assertIn("Resolution", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            feedback.write({"compensation": True, "compensation_amount": 0})
        self.assertIn("Compensation Amount", str(caught.exception))
        feedback.write(
            {"compensation": True, "compensation_amount": 500, "resolution": "<p>We refund the delivery.</p>"}
        )
        with self.assertRaises(UserError):
            feedback.action_resolve()
        with self.assertRaises(AccessError):
            feedback.action_approve_compensation()
        with self.assertRaises(AccessError):
            feedback.write({"compensation_approved": True})
        feedback.with_user(self.head).action_approve_compensation()
        feedback.action_resolve()
        self.assertEqual(feedback.state, "resolved")

    def test_changing_an_approved_compensation_needs_approval_again(self):
        feedback = self._feedback(compensation=True, compensation_amount=100)
        feedback.with_user(self.head).action_approve_compensation()
        feedback.with_user(self.user_a).compensation_amount = 900
        self.assertFalse(feedback.compensation_approved)

    def test_only_the_head_rejects_and_with_a_reason(self):
        feedback = self._feedback()
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_a).action_open_reject_wizard()
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_a).write({"state": "rejected"})
        with self.assertRaises(UserError):
            feedback.with_user(self.head)._cs_reject("  ")
        action = feedback.with_user(self.head).action_open_reject_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.head)
            .with_context(**action["context"])
            .create({"reason": "The goods were used beyond the warranty terms."})
        )
        wizard.action_reject()
        self.assertEqual(feedback.state, "rejected")

    def test_satisfaction_request_and_answer(self):
        feedback = self._feedback()
        feedback.write({"resolution": "<p>Replaced.</p>"})
        feedback.with_user(self.user_a).action_resolve()
        request = feedback.message_ids.filtered(lambda m: "how satisfied" in (m.subject or ""))
        self.assertEqual(len(request), 1)
        self.assertIn(self.client_a, request.partner_ids | request.notified_partner_ids)
        token = feedback._rating_get_access_token()
        self.assertIn(f"/rate/{token}/5", request.body)
        feedback.sudo().rating_apply(5, token=token, feedback="Quick and polite")
        self.assertEqual(feedback.rating_last_value, 5)

    def test_the_same_cause_three_times_is_a_pattern_told_once(self):
        for days_ago in (60, 30):
            self._feedback(cause_id=self.cause.id, date_received=fields.Date.today() - timedelta(days=days_ago))
        self._feedback(partner=self.client_b, cause_id=self.cause.id)
        self.assertFalse(self.Feedback.search([("pattern_alerted", "=", True), ("partner_id", "=", self.client_a.id)]))
        third = self._feedback(cause_id=self.cause.id)
        alert = self.env["mail.activity"].search([("res_model", "=", third._name), ("res_id", "=", third.id)])
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.head)
        self.assertIn("Pattern", alert.summary)
        fourth = self._feedback(cause_id=self.cause.id)
        self.assertFalse(
            self.env["mail.activity"].search([("res_model", "=", fourth._name), ("res_id", "=", fourth.id)])
        )

    def test_order_of_another_client_is_refused(self):
        order = self.env["sale.order"].create({"partner_id": self.client_b.id})
        with self.assertRaisesRegex(ValidationError, "belongs to another client"):
            self._feedback(order_id=order.id)
        self.assertEqual(self._feedback(partner=self.client_b, order_id=order.id).order_id, order)


@tagged("post_install", "-at_install")
class TestFeedbackAccess(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env,
            login="t_portal_a",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"].create({"name": "Buyer A", "parent_id": cls.client_a.id}).id,
        )

    def test_specialists_see_their_portfolio_only(self):
        mine, theirs = self._feedback(), self._feedback(partner=self.client_b)
        mine.with_user(self.user_a).read(["subject"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).read(["subject"])
        with self.assertRaises(AccessError):
            self.Feedback.with_user(self.plain_user).search([])
        theirs.with_user(self.head).read(["subject"])

    def test_portal_users_read_their_company_s_records_only(self):
        mine, theirs = self._feedback(), self._feedback(partner=self.client_b)
        Portal = self.Feedback.with_user(self.portal_a)
        self.assertEqual(Portal.search([("id", "in", (mine | theirs).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_a).read(["subject"])
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_a).write({"state": "closed"})
        with self.assertRaises(AccessError):
            Portal.create({"subject": "x", "partner_id": self.client_b.id})
