# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input as an integrator sends it, for feedback: refused with a ValidationError or UserError
naming the field, never a TypeError or a database error; another company's records are not linked.
(The feedback part of client_specialist's former tests/test_input_checks.py.)"""

from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestFeedbackInputChecks(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})
        cls.client_a = Partner.create({"name": "Client", "is_company": True, "user_id": cls.user_a.id})
        cls.other_client = Partner.create(
            {"name": "Their Client", "is_company": True, "company_id": cls.other_company.id}
        )
        cls.Feedback = cls.env["client_specialist.feedback"]

    def test_wrong_types_are_refused_before_the_models_own_checks(self):
        with self.assertRaisesRegex(ValidationError, "is not a valid value for"):
            self.Feedback.create({"subject": "Late", "partner_id": "Client"})

    def test_text_booleans_and_ids_of_the_wrong_type_are_refused(self):
        feedback = self.Feedback.create({"subject": "Late", "partner_id": self.client_a.id})
        with self.assertRaisesRegex(ValidationError, "Compensation"):
            feedback.write({"compensation": "yes"})
        self.assertFalse(feedback.compensation)

    def test_records_of_another_company_are_not_linked(self):
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.Feedback.create({"subject": "Late", "partner_id": self.other_client.id})

    def test_feedback_is_not_received_in_the_future(self):
        with self.assertRaisesRegex(ValidationError, "Date Received"):
            self.Feedback.create({"subject": "Late", "partner_id": self.client_a.id, "date_received": "2999-01-01"})
