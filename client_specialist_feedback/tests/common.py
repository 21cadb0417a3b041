# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.tests import new_test_user


class FeedbackCase(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id = cls.env.ref("resource.resource_calendar_std")  # Monday to Friday
        cls.tier = cls.env["client_specialist.tier"].create(
            {"name": "Fast", "claim_response_days": 3, "claim_resolution_days": 5}
        )
        Partner = cls.env["res.partner"]
        cls.client_a = Partner.create(
            {
                "name": "Client of A",
                "is_company": True,
                "user_id": cls.user_a.id,
                "cs_stage": "client",
                "cs_tier_id": cls.tier.id,
                "email": "buyer@client-a.example.com",
            }
        )
        cls.client_b = Partner.create(
            {"name": "Client of B", "is_company": True, "user_id": cls.user_b.id, "cs_stage": "client"}
        )
        cls.cause = cls.env.ref("client_specialist_feedback.feedback_cause_delivery")
        cls.Feedback = cls.env["client_specialist.feedback"]

    def _feedback(self, partner=None, **vals):
        return self.Feedback.create(
            {"subject": "Late delivery", "type": "claim", "partner_id": (partner or self.client_a).id, **vals}
        )


class FeedbackRolesCase(FeedbackCase):
    """Everyone who may come near a client's feedback: the portfolio owner (A), a colleague (B),
    A's deputy during A's absence (C), the head of sales, a plain Sales user outside Client
    Relations and the client's portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner, cls.colleague = cls.user_a, cls.user_b
        cls.deputy = new_test_user(
            cls.env, login="t_deputy", name="Deputy C", groups="client_specialist.group_client_specialist"
        )
        cls.env["client_specialist.specialist"].create({"user_id": cls.deputy.id, "head_id": cls.head.id})
        today = fields.Date.today()
        cls.absence = cls.env["client_specialist.absence"].create(
            {
                "specialist_id": cls.spec_a.id,
                "deputy_id": cls.deputy.id,
                "date_from": today - timedelta(days=1),
                "date_to": today + timedelta(days=10),
            }
        )
        cls.sales_user = new_test_user(
            cls.env, login="t_sales_only", name="Sales Only", groups="sales_team.group_sale_salesman"
        )
        cls.portal_a = new_test_user(
            cls.env,
            login="t_portal_a",
            name="Buyer A",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"].create({"name": "Buyer A", "parent_id": cls.client_a.id}).id,
        )
        cls.roles = {
            "owner": cls.owner,
            "colleague": cls.colleague,
            "deputy": cls.deputy,
            "head": cls.head,
            "sales user": cls.sales_user,
            "portal user": cls.portal_a,
        }
