# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_roles import RolesCase


@tagged("post_install", "-at_install")
class TestWaiver(RolesCase):
    """Waivers go through the approval mechanism: the head of sales waives with a reason; a
    specialist asks for one with a reason, the head gets one activity and decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiver_type = cls.env.ref("client_specialist_contract.mail_activity_type_obligation_waiver")
        cls.obligation = cls.env["client_specialist.obligation"].create(
            {"name": "Acceptance act", "partner_id": cls.client_b.id, "kind": "documents", "date_due": "2099-01-01"}
        )

    def _waiver_activities(self):
        return self.obligation.activity_ids.filtered(lambda a: a.activity_type_id == self.waiver_type)

    def test_the_head_waives_with_a_reason(self):
        as_head = self.obligation.with_user(self.head)
        self.assertRefused(lambda: as_head._cs_waive("  "), UserError, "Reason")
        self.assertEqual(self.obligation.state, "open")
        as_head._cs_waive("The client collects the goods themselves")
        self.assertEqual(
            (self.obligation.state, self.obligation.waive_reason),
            ("waived", "The client collects the goods themselves"),
        )
        self.assertTrue(any("The client collects" in body for body in self.obligation.message_ids.mapped("body")))
        self.assertRefused(lambda: as_head._cs_waive("again"), UserError, "open or overdue")

    def test_a_specialist_asks_and_the_head_waives(self):
        as_b = self.obligation.with_user(self.user_b)
        for call in (
            lambda: as_b._cs_waive("no"),
            lambda: as_b.action_waive(),
            lambda: as_b.action_cs_reject_waiver(),
        ):
            self.assertRefused(call, AccessError, "Only the head of sales")
        self.assertRefused(lambda: as_b.action_cs_request_waiver("   "), UserError, "Reason")
        # From the button, through the dialog that asks why.
        action = as_b.action_cs_request_waiver()
        wizard = Form(self.env[action["res_model"]].with_user(self.user_b).with_context(**action["context"]))
        wizard.reason = "Signed on paper at the meeting"
        wizard.save().action_waive()
        self.assertTrue(self.obligation.waiver_requested)
        self.assertEqual(self.obligation.state, "open")
        self.assertEqual(self._waiver_activities().user_id, self.head)
        self.assertRefused(lambda: as_b.action_cs_request_waiver("twice"), UserError)
        self.assertEqual(len(self._waiver_activities()), 1)
        # The head's dialog starts from the reason given.
        action = self.obligation.with_user(self.head).action_waive()
        wizard = Form(self.env[action["res_model"]].with_user(self.head).with_context(**action["context"]))
        self.assertEqual(wizard.reason, "Signed on paper at the meeting")
        wizard.save().action_waive()
        self.assertEqual(
            (self.obligation.state, self.obligation.waiver_requested, self.obligation.waive_reason),
            ("waived", False, "Signed on paper at the meeting"),
        )
        self.assertFalse(self._waiver_activities())
        told = self.obligation.message_ids.filtered(lambda m: "Approved by" in (m.body or ""))
        self.assertIn(self.user_b.partner_id, told.partner_ids)

    def test_the_head_refuses_the_waiver_asked_for(self):
        self.obligation.with_user(self.user_b).action_cs_request_waiver("The act is lost")
        self.assertRefused(lambda: self.obligation.with_user(self.head)._cs_reject_waiver(""), UserError)
        action = self.obligation.with_user(self.head).action_cs_reject_waiver()
        wizard = Form(self.env[action["res_model"]].with_user(self.head).with_context(**action["context"]))
        wizard.reason = "Ask the client for a copy"
        wizard.save().action_waive()
        self.assertEqual(
            (self.obligation.state, self.obligation.waiver_requested, self.obligation.waive_reason),
            ("open", False, False),
        )
        self.assertFalse(self._waiver_activities())
        self.assertTrue(any("Ask the client for a copy" in body for body in self.obligation.message_ids.mapped("body")))
        self.assertRefused(lambda: self.obligation.with_user(self.head)._cs_reject_waiver("no"), UserError)

    def test_a_deputy_asks_for_the_absent_colleague(self):
        obligation = self.env["client_specialist.obligation"].create(
            {"name": "Certificate", "partner_id": self.client_a.id, "kind": "documents", "date_due": "2099-01-01"}
        )
        self.assertRefused(lambda: obligation.with_user(self.user_b).action_cs_request_waiver("mine now"))
        obligation.with_user(self.deputy).action_cs_request_waiver("Not needed for this client")
        self.assertTrue(obligation.waiver_requested)
        # Fulfilled after all: the request is closed with it.
        obligation.with_user(self.deputy).action_done()
        self.assertEqual(
            (obligation.state, obligation.waiver_requested, obligation.waive_reason), ("done", False, False)
        )
        self.assertFalse(obligation.activity_ids)

    def test_a_waived_obligation_is_reopened_by_the_head_only(self):
        self.obligation.with_user(self.head)._cs_waive("Agreed with the client")
        self.assertRefused(lambda: self.obligation.with_user(self.user_b).action_reopen(), AccessError)
        self.assertEqual(self.obligation.state, "waived")
        self.obligation.with_user(self.head).action_reopen()
        self.assertEqual((self.obligation.state, self.obligation.waive_reason), ("open", False))
