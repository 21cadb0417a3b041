# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestClaimsInReliability(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.env["res.partner"].create(
            {"name": "Assessed", "is_company": True, "user_id": cls.user_a.id, "cs_stage": "client"}
        )
        cls.env["client_specialist.reliability.assessment"].create({"partner_id": cls.client.id})
        cls.client.sudo().cs_reliability_dirty = False

    def test_a_claim_marks_the_client_for_the_nightly_recompute(self):
        Feedback = self.env["client_specialist.feedback"].with_user(self.user_a)
        Feedback.create({"subject": "Thanks", "type": "praise", "partner_id": self.client.id})
        self.assertFalse(self.client.cs_reliability_dirty, "praise changes nothing")
        Feedback.create({"subject": "Broken", "type": "claim", "partner_id": self.client.id})
        self.assertTrue(self.client.cs_reliability_dirty)
