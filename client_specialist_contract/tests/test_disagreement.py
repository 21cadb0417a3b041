# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestDisagreement(ContractCase):
    def _disagree(self, order, clause, **vals):
        values = {
            "order_id": order.id,
            "clause": clause,
            "our_wording": f"Our {clause}",
            "client_wording": f"Their {clause}",
        }
        values.update(vals)
        return self.env["client_specialist.disagreement"].with_user(self.user_a).create(values)

    def test_open_disagreement_blocks_confirmation_and_names_the_clauses(self):
        order = self._order()
        payment = self._disagree(order, "4.2 Payment")
        penalty = self._disagree(order, "6.1 Penalties")
        self._disagree(order, "7.1 Disputes").action_withdraw()
        with self.assertRaises(UserError) as caught:
            order.with_user(self.user_a).action_confirm()
        message = str(caught.exception)
        self.assertIn("4.2 Payment", message)
        self.assertIn("6.1 Penalties", message)
        self.assertNotIn("7.1 Disputes", message)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.cs_open_disagreement_count, 2)

        payment.with_user(self.user_a).action_accept_theirs()
        self.assertEqual(payment.agreed_wording, "Their 4.2 Payment")
        penalty.with_user(self.user_a).agreed_wording = "Penalties capped at 5 %"
        penalty.with_user(self.user_a).action_agree()
        self.assertTrue(penalty.date_resolved)
        order.with_user(self.user_a).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(
            any("Clause 6.1 Penalties (round 1): Agreed" in body for body in order.message_ids.mapped("body"))
        )

    def test_agreed_needs_a_wording_and_a_new_round_counts(self):
        order = self._order()
        clause = self._disagree(order, "3.1 Delivery")
        with self.assertRaises(ValidationError) as caught:
            clause.action_agree()
        self.assertIn("3.1 Delivery", str(caught.exception))
        self.assertIn("Agreed Wording", str(caught.exception))
        clause.action_accept_ours()
        clause.action_reopen()
        self.assertEqual((clause.state, clause.round), ("open", 2))
        with self.assertRaises(UserError):
            order.action_confirm()

    def test_disagreements_after_confirmation_are_kept_and_do_not_block(self):
        order = self._order()
        settled = self._disagree(order, "3.1 Delivery")
        settled.action_accept_ours()
        order.action_confirm()
        late = self._disagree(order, "5.3 Quality claims")
        self.assertTrue(late.is_after_confirmation)
        self.assertFalse(settled.is_after_confirmation)
        self.assertTrue(any("5.3 Quality claims" in body for body in order.message_ids.mapped("body")))
        self.assertEqual(order.cs_disagreement_ids, settled | late)
        # History stays: settled or post-confirmation rows cannot be deleted, only withdrawn.
        for row in (settled, late):
            with self.assertRaises(UserError) as caught:
                row.with_user(self.user_a).unlink()
            self.assertIn("withdraw", str(caught.exception))
        draft_row = self._disagree(self._order(), "9.9 Typo")
        draft_row.with_user(self.user_a).unlink()
        self.assertFalse(draft_row.exists())

    def test_protocol_of_disagreements_renders_both_parties(self):
        order = self._order()
        self._disagree(order, "4.2 Payment").action_accept_theirs()
        self._disagree(order, "6.1 Penalties")
        self._disagree(order, "7.1 Withdrawn clause").action_withdraw()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_a)
            ._render_qweb_html("client_specialist_contract.action_report_disagreement_protocol", order.ids)[0]
            .decode()
        )
        self.assertIn("PROTOCOL OF DISAGREEMENTS", html)
        for text in ("4.2 Payment", "Our 4.2 Payment", "Their 4.2 Payment", "6.1 Penalties", "not agreed yet"):
            self.assertIn(text, html)
        self.assertNotIn("7.1 Withdrawn clause", html)
        self.assertIn("Client of A", html)
        self.assertIn(self.company.name, html)
        self.assertIn("Supplier", html)
        self.assertIn("Buyer", html)
