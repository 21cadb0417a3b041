# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import AccessError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestClaimsInResults(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.env["res.partner"].create(
            {"name": "Client of A", "is_company": True, "user_id": cls.user_a.id, "cs_stage": "client"}
        )
        cls.Result = cls.env["client_specialist.result"]

    def test_a_late_claim_counts_for_its_responsible_who_cannot_hand_it_over(self):
        with freeze_time("2025-05-02"):
            Feedback = self.env["client_specialist.feedback"].with_user(self.user_a)
            late = Feedback.create(
                {"subject": "Slow", "type": "claim", "partner_id": self.client.id, "date_received": "2025-03-01"}
            )
            with self.assertRaises(AccessError):
                late.write({"user_id": self.user_b.id})
            with self.assertRaises(AccessError):
                late.write({"resolved_on_time": 100})
            late.write({"resolution": "<p>Done.</p>"})
            late.action_resolve()
        with freeze_time("2025-07-01"):
            users = self.user_a | self.user_b
            indicators = self.Result._cs_indicators(users, self.d("2025-05-01"), self.d("2025-05-31"))
        self.assertEqual(indicators[self.user_a.id]["claims_in_time"], 0.0)
        self.assertNotIn("claims_in_time", indicators[self.user_b.id])
