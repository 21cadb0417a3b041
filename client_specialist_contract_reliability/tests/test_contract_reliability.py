# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.addons.client_specialist_contract.tests.common_contract import ContractCase
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestContractReliability(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scheme = cls.env["client_specialist.reliability.scheme"]._cs_for_company(cls.company)
        cls.scheme.approval_amount = 1000
        cls.Assessment = cls.env["client_specialist.reliability.assessment"]
        cls.unreliable = cls.env["res.partner"].create(
            {"name": "Shaky Ltd", "is_company": True, "user_id": cls.user_a.id}
        )
        cls.Assessment.create({"partner_id": cls.unreliable.id, "registry_status": "liquidation"})
        cls.reliable = cls.env["res.partner"].create(
            {"name": "Solid Ltd", "is_company": True, "user_id": cls.user_a.id}
        )
        cls.Assessment.create({"partner_id": cls.reliable.id, "registry_status": "active"})

    def test_the_warning_follows_the_partner_and_the_amount(self):
        form = Form(self.env["sale.order"].with_user(self.user_a))
        form.partner_id = self.unreliable
        with form.order_line.new() as line:
            line.product_id = self.product
            line.product_uom_qty = 1
            line.tax_id.clear()
        self.assertIn("grade is D", form.cs_reliability_warning)
        form.partner_id = self.reliable
        self.assertFalse(form.cs_reliability_warning)
        form.partner_id = self.client_a  # never assessed: above 1,000 it needs the head of sales
        self.assertFalse(form.cs_reliability_warning, "100 is below the amount that needs an assessment")
        with form.order_line.edit(0) as line:
            line.product_uom_qty = 20
        self.assertIn("no valid reliability assessment", form.cs_reliability_warning)
        self.assertIn("1,000.00", form.cs_reliability_warning)
        with form.order_line.edit(0) as line:
            line.product_uom_qty = 5
        self.assertFalse(form.cs_reliability_warning)

    def test_the_client_s_reliability_gates_an_order_within_authority(self):
        """The bridge extends _cs_approval_reasons: its reason alone sends the order to the head."""
        order = self._order(partner=self.unreliable, lines=[(1, 100.0, 0.0)])  # within A's category
        reasons = order.with_user(self.user_a)._cs_approval_reasons()
        self.assertEqual(reasons, ["the client's reliability grade is D"])
        order.with_user(self.user_a).action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("draft", "to_approve"))
        self.assertEqual(order.cs_approval_reasons, "the client's reliability grade is D")
        order.with_user(self.head).action_cs_approve()
        self.assertEqual(order.state, "sale")
        # Both hooks' reasons together: the category's and the reliability's.
        both = self._order(partner=self.unreliable, lines=[(1, 100.0, 20.0)])
        both.with_user(self.user_a).action_confirm()
        self.assertIn("grade is D", both.cs_approval_reasons)
        self.assertIn("A discount of 20.00 %", both.cs_approval_reasons)

    def test_an_assessment_scores_the_obligations_met_on_time(self):
        Obligation = self.env["client_specialist.obligation"]
        with freeze_time("2026-03-02"):
            obligations = Obligation.with_user(self.user_a).create(
                [
                    {"name": name, "partner_id": self.client_a.id, "party": party, "date_due": "2026-03-10"}
                    for name, party in (
                        ("Act 1", "client"),
                        ("Act 2", "client"),
                        ("Act 3", "client"),
                        ("Ours", "company"),
                    )
                ]
            )
        with freeze_time("2026-03-09"):
            obligations[:2].with_user(self.user_a).action_done()
        with freeze_time("2026-03-20"):
            (obligations[2] | obligations[3]).with_user(self.user_a).action_done()
            self.assertAlmostEqual(self.client_a._cs_client_obligation_rate(), 66.67, 2)
            assessment = self.Assessment.create({"partner_id": self.client_a.id, "registry_status": "active"})
        line = assessment.line_ids.filtered(lambda line: line.criterion == "obligation_rate")
        self.assertTrue(line.has_data)
        self.assertAlmostEqual(line.value, 66.67, 2)
        self.assertAlmostEqual(line.score, 66.7, 1)
        self.assertIn("67 % of obligations met on time", line.explanation)
        # A client without any measured obligation has no data for it.
        empty = self.Assessment.create({"partner_id": self.client_b.id, "registry_status": "active"})
        self.assertFalse(empty.line_ids.filtered(lambda line: line.criterion == "obligation_rate").has_data)

    def test_obligations_met_or_moved_mark_the_clients_to_recompute(self):
        obligation = self.env["client_specialist.obligation"].create(
            {"name": "Act", "partner_id": self.reliable.id, "date_due": "2099-01-01"}
        )
        (self.reliable | self.unreliable).sudo().cs_reliability_dirty = False
        obligation.partner_id = self.unreliable
        self.assertEqual((self.reliable | self.unreliable).mapped("cs_reliability_dirty"), [True, True])

    def test_the_warning_is_for_client_relations_only(self):
        salesman = new_test_user(self.env, login="t_cr_salesman", groups="sales_team.group_sale_salesman")
        portal = new_test_user(self.env, login="t_cr_portal", groups="base.group_portal")
        order = self._order(partner=self.unreliable)
        order.message_subscribe(partner_ids=portal.partner_id.ids)
        portal.partner_id.parent_id = self.unreliable
        self.assertTrue(order.with_user(self.user_a).cs_reliability_warning)
        for user in (salesman, portal):
            with self.subTest(user=user.login):
                self.assertNotIn("cs_reliability_warning", self.env["sale.order"].with_user(user).fields_get())
                with self.assertRaises(AccessError):
                    order.with_user(user).read(["cs_reliability_warning"])
