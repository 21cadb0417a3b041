# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestObligationFeedback(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client_a = Partner.create({"name": "Client of A", "is_company": True, "user_id": cls.user_a.id})
        cls.client_b = Partner.create({"name": "Client of B", "is_company": True, "user_id": cls.user_b.id})
        order = cls.env["sale.order"].create({"partner_id": cls.client_b.id})
        cls.obligation = cls.env["client_specialist.obligation"].create(
            {
                "name": "Acts",
                "party": "company",
                "partner_id": cls.client_b.id,
                "order_id": order.id,
                "date_due": "2030-01-01",
            }
        )
        cls.Feedback = cls.env["client_specialist.feedback"]

    def test_the_obligation_is_the_client_s(self):
        with self.assertRaisesRegex(ValidationError, "obligation Acts belongs to another client"):
            self.Feedback.create(
                {"subject": "Late acts", "partner_id": self.client_a.id, "obligation_id": self.obligation.id}
            )
        feedback = self.Feedback.create(
            {"subject": "Late acts", "partner_id": self.client_b.id, "obligation_id": self.obligation.id}
        )
        self.assertEqual(feedback.obligation_id, self.obligation)

    def test_the_client_does_not_read_our_obligation(self):
        portal = new_test_user(
            self.env,
            login="t_portal_b",
            groups="base.group_portal",
            partner_id=self.env["res.partner"].create({"name": "Buyer B", "parent_id": self.client_b.id}).id,
        )
        feedback = self.Feedback.create(
            {"subject": "Late acts", "partner_id": self.client_b.id, "obligation_id": self.obligation.id}
        )
        self.assertEqual(feedback.with_user(portal).read(["subject"])[0]["subject"], "Late acts")
        with self.assertRaises(AccessError):
            feedback.with_user(portal).read(["obligation_id"])
