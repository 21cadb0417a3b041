# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A compensation is approved by the acting head of sales, through the one approval mechanism."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import FeedbackRolesCase


@tagged("post_install", "-at_install")
class TestCompensation(FeedbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approval_type = cls.env.ref("client_specialist_feedback.mail_activity_type_compensation_approval")

    def _approvals(self, feedback):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", feedback._name),
                ("res_id", "in", feedback.ids),
                ("activity_type_id", "=", self.approval_type.id),
            ]
        )

    def _claim(self, user=None, **vals):
        return self.Feedback.with_user(user or self.owner).create(
            {"subject": "Torn rolls", "type": "claim", "partner_id": self.client_a.id, **vals}
        )

    def test_entering_a_compensation_asks_the_head_once(self):
        feedback = self._claim(compensation=True, compensation_amount=500)
        self.assertEqual(feedback.compensation_state, "to_approve")
        self.assertFalse(feedback.compensation_approved)
        activity = self._approvals(feedback)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.head)
        note = feedback.message_ids.filtered(lambda m: "Sent to the head of sales for approval" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("500", note.body)
        self.assertTrue(note.subtype_id.internal, "the client does not read the request")
        # Changing other fields, or the amount while the head has not decided, asks nothing more.
        feedback.write({"subject": "Torn rolls, batch 2"})
        feedback.write({"compensation_amount": 600})
        self.assertEqual(len(self._approvals(feedback)), 1)

    def test_a_compensation_added_later_asks_too(self):
        feedback = self._claim()
        self.assertFalse(feedback.compensation_state)
        self.assertFalse(self._approvals(feedback))
        with Form(feedback) as form:
            form.compensation = True
            form.compensation_amount = 250
        self.assertEqual(feedback.compensation_state, "to_approve")
        self.assertEqual(self._approvals(feedback).user_id, self.head)

    def test_the_head_approves_then_a_decrease_stays_covered_a_rise_asks_again(self):
        feedback = self._claim(compensation=True, compensation_amount=500, resolution="<p>Refunded.</p>")
        with self.assertRaisesRegex(UserError, "must be approved by the head of sales"):
            feedback.action_resolve()
        for role in ("owner", "deputy"):
            with self.subTest(role=role), self.assertRaisesRegex(AccessError, "Only the head of sales approves"):
                feedback.with_user(self.roles[role]).action_approve_compensation()
        self.assertEqual(feedback.compensation_state, "to_approve")
        feedback.with_user(self.head).action_approve_compensation()
        self.assertEqual(
            (feedback.compensation_state, feedback.compensation_approved, feedback.compensation_approved_amount),
            ("approved", True, 500),
        )
        self.assertFalse(self._approvals(feedback), "the head's activity is done")
        done = feedback.message_ids.filtered(lambda m: m.mail_activity_type_id == self.approval_type)
        self.assertEqual(len(done), 1, "marked done in the chatter")

        feedback.compensation_amount = 300
        self.assertTrue(feedback.compensation_approved, "a lower compensation stays approved")
        self.assertFalse(self._approvals(feedback))
        feedback.compensation_amount = 700
        self.assertEqual(feedback.compensation_state, "to_approve")
        self.assertEqual(len(self._approvals(feedback)), 1)
        with self.assertRaisesRegex(UserError, "must be approved"):
            feedback.action_resolve()
        feedback.with_user(self.head).action_approve_compensation()
        self.assertEqual(feedback.compensation_approved_amount, 700)
        feedback.action_resolve()
        self.assertEqual(feedback.state, "resolved")

    def test_the_head_rejects_with_a_reason_a_change_asks_again(self):
        feedback = self._claim(compensation=True, compensation_amount=5000, resolution="<p>Refunded.</p>")
        Wizard = self.env["client_specialist.feedback.compensation.reject.wizard"]
        with self.assertRaises(AccessError):
            feedback.with_user(self.owner).action_open_compensation_reject_wizard()
        action = feedback.with_user(self.head).action_open_compensation_reject_wizard()
        wizard = Wizard.with_user(self.head).with_context(**action["context"]).create({"reason": " "})
        with self.assertRaisesRegex(UserError, "Reason"):
            wizard.action_reject()
        self.assertEqual(feedback.compensation_state, "to_approve")
        wizard.reason = "One roll is not worth 5,000."
        wizard.action_reject()
        self.assertEqual(
            (feedback.compensation_state, feedback.compensation_reject_reason),
            ("rejected", "One roll is not worth 5,000."),
        )
        with self.assertRaisesRegex(UserError, "rejected the compensation"):
            feedback.action_resolve()
        with self.assertRaisesRegex(UserError, "no compensation waiting"):
            feedback.with_user(self.head).action_approve_compensation()
        feedback.compensation_amount = 800
        self.assertEqual(feedback.compensation_state, "to_approve")
        self.assertFalse(feedback.compensation_reject_reason)
        self.assertEqual(len(self._approvals(feedback)), 1)

    def test_a_compensation_withdrawn_closes_the_request(self):
        feedback = self._claim(compensation=True, compensation_amount=500, resolution="<p>Replaced.</p>")
        feedback.write({"compensation": False, "compensation_amount": 0})
        self.assertFalse(feedback.compensation_state)
        self.assertFalse(self._approvals(feedback))
        feedback.action_resolve()
        self.assertEqual(feedback.state, "resolved")

    def test_rejecting_the_claim_ends_the_request(self):
        feedback = self._claim(compensation=True, compensation_amount=500)
        feedback.with_user(self.head)._cs_reject("Not our fault")
        self.assertFalse(feedback.compensation_state)
        self.assertFalse(self._approvals(feedback))

    def test_the_request_goes_to_the_acting_head(self):
        acting = new_test_user(
            self.env, login="t_head_2", name="Second Head", groups="client_specialist.group_client_specialist_head"
        )
        card = self.env["client_specialist.specialist"].create({"user_id": self.head.id})
        today = fields.Date.today()
        self.env["client_specialist.absence"].create(
            {"specialist_id": card.id, "deputy_id": acting.id, "date_from": today, "date_to": today + timedelta(days=3)}
        )
        feedback = self._claim(compensation=True, compensation_amount=500)
        self.assertEqual(self._approvals(feedback).user_id, acting)
        feedback.with_user(acting).action_approve_compensation()
        self.assertTrue(feedback.compensation_approved)

    def test_the_decision_is_no_message_to_the_client(self):
        feedback = self._claim(compensation=True, compensation_amount=500)
        feedback.message_subscribe(partner_ids=self.portal_a.partner_id.ids)
        feedback.with_user(self.head).action_approve_compensation()
        decision = feedback.message_ids.filtered(lambda m: "Approved by" in (m.body or ""))
        self.assertEqual(len(decision), 1)
        self.assertTrue(decision.subtype_id.internal)
        self.assertIn(self.owner.partner_id, decision.partner_ids, "the responsible is told")
        self.assertNotIn(self.portal_a.partner_id, decision.notified_partner_ids)
