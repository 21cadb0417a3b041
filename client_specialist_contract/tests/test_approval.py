# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestApproval(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approval_type = cls.env.ref("client_specialist_contract.mail_activity_type_order_approval")

    def _approval_activities(self, order):
        return order.activity_ids.filtered(lambda a: a.activity_type_id == self.approval_type)

    def test_within_authority_confirms_at_once(self):
        order = self._order(lines=[(10, 999.0, 5.0)])  # 9,490.50 untaxed, 5 %: at the limits
        order.with_user(self.user_a).action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("sale", "not_needed"))
        self.assertFalse(self._approval_activities(order))

    def test_amount_above_limit_goes_to_the_head_who_approves(self):
        order = self._order(lines=[(101, 100.0, 0.0)])  # 10,100 untaxed
        order.with_user(self.user_a).action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("draft", "to_approve"))
        self.assertIn("10,100.00", order.cs_approval_reasons)
        self.assertIn("10,000.00", order.cs_approval_reasons)
        activity = self._approval_activities(order)
        self.assertEqual(activity.user_id, self.head)
        self.assertTrue(any("Sent to the head of sales" in body for body in order.message_ids.mapped("body")))
        # Confirming again does not bypass the head.
        with self.assertRaises(UserError) as caught:
            order.with_user(self.user_a).action_confirm()
        self.assertIn("waiting for the head of sales", str(caught.exception))

        order.with_user(self.head).action_cs_approve()
        self.assertEqual((order.state, order.cs_approval_state), ("sale", "approved"))
        self.assertEqual(order.cs_approved_by_id, self.head)
        self.assertFalse(self._approval_activities(order))
        self.assertTrue(any(f"Approved by {self.head.name}" in b for b in order.message_ids.mapped("body")))

    def test_amount_in_another_currency_is_converted(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": eur.id, "rate": 0.5, "name": fields.Date.today(), "company_id": self.company.id}
        )
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": eur.id})
        order = self._order(lines=[(60, 100.0, 0.0)], pricelist_id=pricelist.id)  # 6,000 EUR = 12,000
        self.assertEqual(order.currency_id, eur)
        order.action_confirm()
        self.assertEqual(order.cs_approval_state, "to_approve")

    def test_discount_above_limit_is_rejected_with_a_reason(self):
        order = self._order(lines=[(1, 100.0, 0.0), (1, 100.0, 7.5)])
        order.with_user(self.user_a).action_confirm()
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.assertIn("7.50 %", order.cs_approval_reasons)
        with self.assertRaises(AccessError):
            order.with_user(self.user_a).action_cs_approve()
        with self.assertRaises(AccessError):
            order.with_user(self.user_a).write({"cs_approval_state": "approved"})
        action = order.with_user(self.head).action_cs_reject()
        wizard = Form(self.env[action["res_model"]].with_user(self.head).with_context(**action["context"]))
        wizard.reason = "Too generous for a new client"
        wizard.save().action_reject()
        self.assertEqual((order.state, order.cs_approval_state), ("draft", "rejected"))
        decision = order.message_ids.filtered(lambda m: "Rejected by" in m.body)
        self.assertEqual(len(decision), 1)
        self.assertIn(self.user_a.partner_id, decision.partner_ids)
        self.assertFalse(self._approval_activities(order))
        # A smaller discount is then within authority.
        order.order_line[1].discount = 5
        order.with_user(self.user_a).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_reject_needs_a_reason(self):
        order = self._order(lines=[(1, 100.0, 50.0)])
        order.action_confirm()
        with self.assertRaises(UserError):
            order.with_user(self.head)._cs_reject("  ")
        self.assertEqual(order.cs_approval_state, "to_approve")

    def test_change_after_approval_needs_approval_again(self):
        order = self._order(lines=[(101, 100.0, 0.0)])
        order.action_confirm()
        order.with_user(self.head).action_cs_approve()
        self.assertEqual(order.state, "sale")
        # A larger amount on the confirmed order: back to the head.
        order.with_user(self.user_a).write(
            {"order_line": [Command.update(order.order_line.id, {"product_uom_qty": 150})]}
        )
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.assertIn("changed after it was approved", order.cs_approval_reasons)
        self.assertEqual(self._approval_activities(order).user_id, self.head)
        order.with_user(self.head).action_cs_approve()
        self.assertEqual((order.state, order.cs_approval_state), ("sale", "approved"))
        self.assertEqual(order.cs_approved_amount, 15000)
        # A decrease stays covered, and so does a rise up to what was approved.
        order.order_line.product_uom_qty = 10
        self.assertEqual(order.cs_approval_state, "approved")
        order.order_line.product_uom_qty = 150
        self.assertEqual(order.cs_approval_state, "approved")
        self.assertFalse(self._approval_activities(order))
        order.order_line.product_uom_qty = 151
        self.assertEqual(order.cs_approval_state, "to_approve")

    def test_salesperson_without_specialist_card_follows_odoo(self):
        salesman = new_test_user(self.env, login="t_plain_sales", groups="sales_team.group_sale_salesman")
        order = self._order(user=salesman, partner=self.client_b, lines=[(1000, 100.0, 40.0)])
        order.with_user(salesman).action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("sale", "not_needed"))

    def test_absent_head_s_deputy_gets_the_approval(self):
        deputy = new_test_user(self.env, login="t_deputy_head", groups="client_specialist.group_client_specialist_head")
        head_card = self.env["client_specialist.specialist"].create({"user_id": self.head.id})
        today = fields.Date.today()
        self.env["client_specialist.absence"].create(
            {
                "specialist_id": head_card.id,
                "deputy_id": deputy.id,
                "date_from": fields.Date.subtract(today, days=1),
                "date_to": fields.Date.add(today, days=5),
            }
        )
        order = self._order(lines=[(1, 100.0, 20.0)])
        order.action_confirm()
        self.assertEqual(self._approval_activities(order).user_id, deputy)

    def test_reasons_read_the_numbers_in_the_users_language(self):
        """A Russian head of sales reads "12,00 %", not "12.0 %"."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["client_specialist_contract"], ["ru_RU"], overwrite=True)
        order = self._order(lines=[(1, 10.0, 12.0)])
        reasons = order.with_context(lang="ru_RU")._cs_approval_reasons()
        self.assertEqual(len(reasons), 1)
        self.assertIn("Скидка 12,00 %", reasons[0])
        self.assertIn("предел 5,00 %", reasons[0])

    def test_reasons_hook_can_be_extended(self):
        """The reliability part adds its reasons by overriding _cs_approval_reasons."""
        order = self._order()
        self.assertEqual(order._cs_approval_reasons(), [])
        self.assertEqual(self._order(lines=[(1, 10.0, 6.0)])._cs_approval_reasons()[0][:14], "A discount of ")
