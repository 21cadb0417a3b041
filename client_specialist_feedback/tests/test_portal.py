# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The client reads on the portal what concerns them: state, dates, deadlines, the published
answer; never the internal work on their feedback. What they send is kept as plain text."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FeedbackRolesCase

INTERNAL_FIELDS = (
    "corrective_action",
    "preventive_action",
    "cause_id",
    "compensation",
    "compensation_amount",
    "compensation_approved",
    "compensation_state",
    "compensation_approved_amount",
    "compensation_reject_reason",
    "credit_note_id",
    "resolution",
    "reject_reason",
    "user_id",
    "medium_id",
    "in_writing",
    "response_risk_date",
    "resolution_risk_date",
    "resolved_on_time",
    "resolution_days",
    "response_breach_escalated",
    "pattern_alerted",
)
CLIENT_FIELDS = (
    "name",
    "subject",
    "type",
    "state",
    "date_received",
    "date_responded",
    "date_resolved",
    "response_deadline",
    "resolution_deadline",
    "deadline_status",
    "description",
    "portal_answer",
)


@tagged("post_install", "-at_install")
class TestFeedbackPortal(FeedbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.feedback = cls.Feedback.create(
            {
                "subject": "Torn rolls",
                "type": "claim",
                "partner_id": cls.client_a.id,
                "cause_id": cls.cause.id,
                "corrective_action": "Replace six rolls",
                "preventive_action": "Corner guards",
                "compensation": True,
                "compensation_amount": 900,
                "resolution": "<p>Draft: we might refund.</p>",
            }
        )

    def test_the_client_reads_their_fields_only(self):
        mine = self.feedback.with_user(self.portal_a)
        values = mine.read(list(CLIENT_FIELDS))[0]
        self.assertEqual((values["subject"], values["state"]), ("Torn rolls", "new"))
        for name in INTERNAL_FIELDS:
            with self.subTest(field=name), self.assertRaises(AccessError):
                mine.read([name])
        everything = mine.read()[0]
        self.assertFalse(set(INTERNAL_FIELDS) & set(everything), "read() without fields leaves them out")
        self.assertFalse(set(INTERNAL_FIELDS) & set(mine.fields_get()))
        for name in ("compensation_amount", "corrective_action"):
            with self.subTest(search=name), self.assertRaises(AccessError):
                self.Feedback.with_user(self.portal_a).search([(name, "!=", False)])

    def test_the_answer_is_published_once_resolved_the_reason_once_rejected(self):
        mine = self.feedback.with_user(self.portal_a)
        self.assertFalse(mine.portal_answer, "the draft resolution stays internal")
        self.feedback.with_user(self.head).action_approve_compensation()
        self.feedback.action_resolve()
        mine.invalidate_recordset()
        self.assertIn("we might refund", mine.portal_answer)
        other = self._feedback(resolution="<p>Internal draft</p>")
        other.with_user(self.head)._cs_reject("The goods were used beyond the warranty terms.")
        self.assertIn("beyond the warranty terms", other.with_user(self.portal_a).portal_answer)
        self.assertNotIn("Internal draft", other.with_user(self.portal_a).portal_answer)

    def test_what_a_client_sends_is_kept_as_plain_text(self):
        # As the portal form creates it: checked values, created for the portal user.
        text = 'See <a href="https://evil.example.com">here</a> <img src="https://evil.example.com/x.png">\nThanks'
        feedback = (
            self.Feedback.with_user(self.portal_a)
            .sudo()
            .create({"subject": "Links", "partner_id": self.client_a.id, "description": text})
        )
        self.assertNotIn("<a", feedback.description)
        self.assertNotIn("<img", feedback.description)
        self.assertIn("&lt;a href=", feedback.description, "shown as the client typed it")
        self.assertIn("<br>Thanks", feedback.description)
        # Staff keep their rich text.
        staff = self._feedback(description='<p>See <a href="https://example.com">the act</a></p>')
        self.assertIn("<a href", staff.description)
