# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every decision of a feedback is taken by its button or cron, by whom the rule names; a plain
create or write that sets it is refused, whoever sends it, and changes nothing."""

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FeedbackRolesCase

# Roles that may write the feedback at all: their refusal names the decision field.
WRITERS = ("owner", "deputy", "head")


@tagged("post_install", "-at_install")
class TestFeedbackDecisions(FeedbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tampered = {
            "state": "resolved",
            "date_responded": "2020-01-01",
            "date_resolved": "2020-01-01",
            "reject_reason": "Withdrawn by the client",
            "user_id": cls.colleague.id,
            "compensation_state": "approved",
            "compensation_approved": True,
            "compensation_approved_amount": 1000.0,
            "compensation_reject_reason": "Too much",
            "response_deadline": "2099-12-31",
            "resolution_deadline": "2099-12-31",
            "response_risk_date": "2099-12-30",
            "resolution_risk_date": "2099-12-30",
            "resolved_on_time": 100,
            "resolution_days": 1,
            "response_risk_notified": True,
            "resolution_risk_notified": True,
            "response_breach_escalated": True,
            "resolution_breach_escalated": True,
            "pattern_alerted": True,
        }
        # Chosen when the feedback is recorded, corrected later by the head only.
        cls.entered_once = {"date_received": "2026-01-05"}
        cls.base = {"subject": "Torn rolls", "type": "claim", "partner_id": cls.client_a.id}

    def _decisions(self, feedback):
        feedback.invalidate_recordset()
        return feedback.sudo().read(list(self.tampered))[0]

    def test_every_decision_field_is_guarded(self):
        self.assertEqual(set(self.Feedback._cs_decision_fields()), set(self.tampered) | set(self.entered_once))

    def test_nobody_creates_feedback_with_a_decision_taken(self):
        count = self.Feedback.search_count([])
        for role, user in self.roles.items():
            for name, value in self.tampered.items():
                if role == "head" and name == "user_id":
                    continue  # the head names the responsible (below)
                with self.subTest(role=role, field=name), self.assertRaises(AccessError) as caught:
                    self.Feedback.with_user(user).create({**self.base, name: value})
                if role in WRITERS:
                    label = self.Feedback._fields[name]._description_string(self.env)
                    self.assertIn(f"{label} is a decision and cannot be set directly", str(caught.exception))
        self.assertEqual(self.Feedback.search_count([]), count, "nothing was created")

    def test_nobody_writes_a_decision_field(self):
        feedback = self._feedback()
        before = self._decisions(feedback)
        for role, user in self.roles.items():
            for name, value in self.tampered.items():
                if role == "head" and name == "user_id":
                    continue
                with self.subTest(role=role, field=name), self.assertRaises(AccessError) as caught:
                    feedback.with_user(user).write({name: value})
                if role in WRITERS:
                    self.assertIn("is a decision and cannot be set directly", str(caught.exception))
                    self.assertIn(self.Feedback._cs_decision_fields()[name], str(caught.exception))
        self.assertEqual(self._decisions(feedback), before, "nothing was written")

    def test_the_date_received_is_entered_once_then_corrected_by_the_head(self):
        feedback = self.Feedback.with_user(self.owner).create({**self.base, "date_received": "2026-01-05"})
        self.assertEqual(feedback.date_received, self.d("2026-01-05"))
        deadline = feedback.response_deadline
        for role in ("owner", "deputy"):
            with self.subTest(role=role), self.assertRaisesRegex(AccessError, "Date Received is a decision"):
                feedback.with_user(self.roles[role]).write({"date_received": fields.Date.today()})
        self.assertEqual((feedback.date_received, feedback.response_deadline), (self.d("2026-01-05"), deadline))
        feedback.with_user(self.head).write({"date_received": "2026-01-06"})
        self.assertGreater(feedback.response_deadline, deadline)

    def test_a_decision_hidden_among_ordinary_changes_refuses_them_all(self):
        feedback = self._feedback()
        with self.assertRaises(AccessError):
            feedback.with_user(self.owner).write({"subject": "Changed", "state": "closed"})
        feedback.invalidate_recordset()
        self.assertEqual((feedback.subject, feedback.state), ("Late delivery", "new"))

    def test_the_head_takes_feedback_on_the_others_cannot(self):
        feedback = self._feedback()
        with self.assertRaisesRegex(AccessError, "only the head of sales assigns a head of sales instead"):
            feedback.with_user(self.owner).write({"user_id": self.deputy.id})
        feedback.with_user(self.head).write({"user_id": self.head.id})
        self.assertEqual(feedback.user_id, self.head)
        # Not even the head hands it to someone who does not work on the client.
        with self.assertRaisesRegex(ValidationError, "Specialist B does not work on Client of A"):
            feedback.with_user(self.head).write({"user_id": self.colleague.id})
        self.assertEqual(feedback.user_id, self.head)
        # Naming the client's salesperson is no decision: it is who the feedback goes to anyway.
        created = self.Feedback.with_user(self.owner).create({**self.base, "user_id": self.owner.id})
        self.assertEqual(created.user_id, self.owner)

    def test_the_deciders_keep_deciding(self):
        today = fields.Date.today()
        for role in ("owner", "deputy", "head"):
            user = self.roles[role]
            with self.subTest(role=role):
                feedback = self.Feedback.with_user(user).create({**self.base, "date_received": today})
                feedback.action_start()
                self.assertEqual((feedback.state, feedback.date_responded), ("in_progress", today))
                feedback.resolution = "<p>Six new rolls leave on Monday.</p>"
                feedback.action_resolve()
                self.assertEqual((feedback.state, feedback.date_resolved), ("resolved", today))
                self.assertEqual(feedback.resolved_on_time, 100)
                feedback.action_close()
                self.assertEqual(feedback.state, "closed")
                feedback.action_reopen()
                self.assertEqual((feedback.state, feedback.date_resolved), ("in_progress", False))

    def test_not_even_today_is_picked_by_hand(self):
        feedback = self._feedback(resolution="<p>Done.</p>").with_user(self.owner)
        with self.assertRaisesRegex(AccessError, "Resolved On is a decision"):
            feedback.write({"date_resolved": fields.Date.today()})
        self.assertFalse(feedback.date_resolved)
        feedback.action_resolve()
        self.assertEqual(feedback.date_resolved, fields.Date.today())

    def test_only_the_head_rejects_and_reopens_a_rejected_claim(self):
        feedback = self._feedback()
        for role in ("owner", "deputy", "colleague"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                feedback.with_user(self.roles[role])._cs_reject("Out of warranty")
        feedback.with_user(self.head)._cs_reject("Out of warranty")
        self.assertEqual((feedback.state, feedback.reject_reason), ("rejected", "Out of warranty"))
        for role in ("owner", "deputy"):
            with self.subTest(role=role), self.assertRaisesRegex(AccessError, "Only the head of sales reopens"):
                feedback.with_user(self.roles[role]).action_reopen()
        self.assertEqual(feedback.state, "rejected")
        feedback.with_user(self.head).action_reopen()
        self.assertEqual((feedback.state, feedback.reject_reason), ("in_progress", False))

    def test_closed_feedback_is_not_rejected(self):
        feedback = self._feedback(resolution="<p>Replaced.</p>")
        feedback.action_resolve()
        with self.assertRaisesRegex(UserError, "only open feedback is rejected"):
            feedback.with_user(self.head)._cs_reject("Too late")
        self.assertEqual(feedback.state, "resolved")

    def test_the_buttons_refuse_who_may_not_work_on_the_feedback(self):
        feedback = self._feedback()
        for role in ("colleague", "sales user", "portal user"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                feedback.with_user(self.roles[role]).action_start()
        self.assertEqual(feedback.state, "new")
