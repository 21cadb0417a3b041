# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.client_specialist.tests.common_ui import ClientSpecialistUiCase
from odoo.tests import tagged


@tagged("post_install", "-at_install", "cs_browser")
class TestContractTours(ClientSpecialistUiCase):
    """The main paths of a contract in the browser (tours in static/tests/tours/)."""

    def test_specialist_from_prospect_to_an_order_waiting_for_approval(self):
        self.start_tour(
            "/odoo/action-client_specialist.res_partner_portfolio_action",
            "client_specialist_contract_specialist_tour",
            login=self.user_junior.login,
        )
        prospect = self.env["res.partner"].search([("name", "=", "ООО «Новый горизонт»")])
        self.assertRecordValues(
            prospect,
            [
                {
                    "is_company": True,
                    "cs_stage": "prospect",
                    "user_id": self.user_junior.id,
                    "cs_medium_id": self.env.ref("client_specialist.utm_medium_exhibition").id,
                }
            ],
        )
        need = prospect.cs_need_ids
        self.assertEqual(need.name, "Упаковка для новой линии розлива")
        order = need.sale_order_ids
        self.assertEqual(len(order), 1, "the quotation answers the need")
        self.assertEqual(order.partner_id, prospect)
        self.assertEqual(order.user_id, self.user_junior)
        self.assertEqual(order.amount_untaxed, 150000)
        self.assertRecordValues(
            order.cs_disagreement_ids,
            [
                {
                    "clause": "4.2. Payment terms",
                    "client_wording": "Payment within 60 days of delivery.",
                    "agreed_wording": "Payment within 45 days of delivery.",
                    "state": "agreed",
                }
            ],
        )
        self.assertEqual(order.state, "draft", "beyond authority: still a quotation")
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.assertTrue(order.cs_approval_reasons)
        activity = order.activity_ids.filtered(lambda a: a.user_id == self.user_head)
        self.assertEqual(len(activity), 1, "the head of sales is asked to approve")

    def test_head_approves_and_the_obligations_appear(self):
        order = self.order_to_approve
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.start_tour(
            "/odoo/action-client_specialist_contract.sale_order_approval_action",
            "client_specialist_contract_head_tour",
            login=self.user_head.login,
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.cs_approval_state, "approved")
        self.assertEqual(order.cs_approved_by_id, self.user_head)
        self.assertTrue(order.cs_obligation_ids)
        self.assertEqual(set(order.cs_obligation_ids.mapped("party")), {"client", "company"})
        self.assertEqual(self.prospect.cs_obligation_count, len(order.cs_obligation_ids))
        self.assertEqual(self.prospect.cs_stage, "client", "won by the first confirmed order")
