# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Feedback belongs to the client's portfolio: its salesperson, their deputy during an absence,
and the head of sales work on it; naming oneself responsible opens nothing."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import FeedbackRolesCase


@tagged("post_install", "-at_install")
class TestFeedbackOwnership(FeedbackRolesCase):
    def test_a_specialist_files_no_claim_against_a_client_of_another(self):
        count = self.Feedback.search_count([])
        for values in (
            {"partner_id": self.client_b.id},
            {"partner_id": self.client_b.id, "user_id": self.owner.id},  # naming themselves responsible
        ):
            with self.subTest(values=values), self.assertRaisesRegex(AccessError, "Client of B: not in your portfolio"):
                self.Feedback.with_user(self.owner).create({"subject": "Not mine", "type": "claim", **values})
        self.assertEqual(self.Feedback.search_count([]), count)

    def test_feedback_is_not_moved_onto_a_client_of_another(self):
        feedback = self._feedback().with_user(self.owner)
        with self.assertRaisesRegex(AccessError, "not in your portfolio"):
            feedback.write({"partner_id": self.client_b.id})
        feedback.invalidate_recordset()
        self.assertEqual(feedback.partner_id, self.client_a)
        # The head moves it; the responsible follows the new client.
        feedback.with_user(self.head).write({"partner_id": self.client_b.id})
        self.assertEqual((feedback.partner_id, feedback.sudo().user_id), (self.client_b, self.colleague))

    def test_naming_a_responsible_opens_no_portfolio(self):
        feedback = self._feedback()
        with self.assertRaisesRegex(ValidationError, "The responsible is the client's salesperson or a head of sales"):
            self.Feedback.with_user(self.head).create(
                {"subject": "Theirs", "partner_id": self.client_b.id, "user_id": self.owner.id}
            )
        with self.assertRaises(AccessError):
            feedback.with_user(self.colleague).read(["subject"])
        self.assertFalse(self.Feedback.with_user(self.colleague).search([("id", "=", feedback.id)]))

    def test_open_feedback_follows_the_client_s_new_salesperson(self):
        open_one = self._feedback()
        answered = self._feedback(resolution="<p>Done.</p>")
        answered.action_resolve()
        self.client_a.user_id = self.colleague
        self.assertEqual(open_one.user_id, self.colleague, "the new salesperson works on it, and sees it")
        open_one.with_user(self.colleague).action_start()
        self.assertEqual(answered.user_id, self.owner, "answered feedback counts for whom answered it")
        with self.assertRaises(AccessError):
            open_one.with_user(self.owner).read(["subject"])

    def test_the_deputy_works_on_the_absent_specialist_s_clients_only(self):
        feedback = self.Feedback.with_user(self.deputy).create({"subject": "By phone", "partner_id": self.client_a.id})
        self.assertEqual(feedback.sudo().user_id, self.owner, "still the client's specialist's")
        feedback.action_start()
        self.assertEqual(feedback.state, "in_progress")
        with self.assertRaisesRegex(AccessError, "not in your portfolio"):
            self.Feedback.with_user(self.deputy).create({"subject": "By phone", "partner_id": self.client_b.id})
        self.absence.action_cancel()
        with self.assertRaises(AccessError):
            feedback.with_user(self.deputy).read(["subject"])

    def test_the_head_records_feedback_for_any_client(self):
        feedback = self.Feedback.with_user(self.head).create({"subject": "At the fair", "partner_id": self.client_b.id})
        self.assertEqual(feedback.sudo().user_id, self.colleague)

    def test_a_contact_stands_for_its_company(self):
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.client_a.id})
        feedback = self.Feedback.with_user(self.owner).create({"subject": "Call", "partner_id": contact.id})
        self.assertEqual(feedback.partner_id, self.client_a)
        feedback.write({"partner_id": contact.id})
        self.assertEqual(feedback.partner_id, self.client_a)

    def test_users_outside_client_relations_have_no_access(self):
        feedback = self._feedback()
        for role in ("sales user", "portal user"):
            user = self.roles[role]
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.Feedback.with_user(user).create({"subject": "x", "partner_id": self.client_a.id})
            with self.subTest(role=role), self.assertRaises(AccessError):
                feedback.with_user(user).write({"subject": "x"})
        with self.assertRaises(AccessError):
            feedback.with_user(self.sales_user).read(["subject"])
        self.assertEqual(feedback.subject, "Late delivery")
