# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .competition_common import CompetitionCase


@tagged("post_install", "-at_install")
class TestLostQuotation(CompetitionCase):
    def _notes(self, order):
        return order.message_ids.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_note")).mapped("body")

    def test_mark_as_lost_records_reason_and_winner_and_cancels(self):
        order = self._order(self.client_a, offers=[(self.rival_x, 90.0), (self.rival_y, 95.0)])
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")
        lost_for_price = self.reason_price.order_count
        action = order.with_user(self.user_a).action_cs_mark_lost()
        with freeze_time("2026-04-02"):
            wizard = Form(self.env[action["res_model"]].with_user(self.user_a).with_context(**action["context"]))
            wizard.lost_reason_id = self.reason_price
            wizard.winning_competitor_id = self.rival_x
            wizard.note = "They gave 10 % more discount"
            wizard.save().action_apply()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.cs_outcome, "lost")
        self.assertEqual(order.cs_lost_reason_id, self.reason_price)
        self.assertEqual(order.cs_winning_competitor_id, self.rival_x)
        self.assertEqual(str(order.cs_lost_date), "2026-04-02")
        self.assertEqual(order.cs_competing_offer_ids.filtered("is_winner").competitor_id, self.rival_x)
        self.assertIn("Quotation lost to Rival X. Reason: Price.", self._notes(order)[0])
        self.assertIn("They gave 10 % more discount", self._notes(order)[0])
        self.reason_price.invalidate_recordset(["order_count"])
        self.assertEqual(self.reason_price.order_count, lost_for_price + 1)

    def test_only_quotations_can_be_lost(self):
        order = self._order(self.client_a)
        order.action_confirm()
        with self.assertRaises(UserError) as caught:
            order.with_user(self.user_a).action_cs_mark_lost()
        self.assertIn("Only quotations can be marked as lost", str(caught.exception))
        with self.assertRaises(UserError):
            order._cs_mark_lost(self.reason_price)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.cs_lost_reason_id)

    def test_the_winner_must_be_a_competitor(self):
        order = self._order(self.client_a)
        with self.assertRaises(UserError) as caught:
            order._cs_mark_lost(self.reason_price, self.client_b)
        self.assertIn("Client of B is not marked as a competitor", str(caught.exception))
        self.assertEqual(order.state, "draft")

    def test_a_lost_quotation_taken_up_again_is_no_longer_lost(self):
        order = self._order(self.client_a)
        order._cs_mark_lost(self.reason_delivery, self.rival_y, "Too slow")
        self.assertEqual(order.cs_outcome, "lost")
        order.action_draft()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.cs_outcome, "open")
        self.assertFalse(order.cs_lost_reason_id or order.cs_winning_competitor_id or order.cs_lost_note)

    def test_plain_cancel_is_not_a_loss(self):
        order = self._order(self.client_a)
        order.action_cancel()
        self.assertEqual(order.cs_outcome, "cancelled")
        order.action_draft()
        order.action_confirm()
        self.assertEqual(order.cs_outcome, "won")

    def test_competing_offers_are_logged_on_the_quotation(self):
        order = self._order(self.client_a)
        offer = (
            self.env["client_specialist.competing.offer"]
            .with_user(self.user_a)
            .create({"order_id": order.id, "competitor_id": self.rival_x.id, "price": 80.0, "terms": "60 days"})
        )
        self.assertEqual(offer.currency_id, order.currency_id)
        self.assertIn("Competing offer recorded: Rival X", self._notes(order)[0])
        offer.with_user(self.user_a).write({"price": 75.0})
        self.assertIn("Competing offer changed", self._notes(order)[0])
        self.assertIn("60 days", self._notes(order)[0])
        offer.with_user(self.user_a).unlink()
        self.assertIn("Competing offer removed: Rival X", self._notes(order)[0])
        self.assertEqual(order.cs_competing_offer_count, 0)

    def test_competing_offer_figures_are_checked(self):
        order = self._order(self.client_a)
        with self.assertRaises(ValidationError) as caught:
            self.env["client_specialist.competing.offer"].create(
                {"order_id": order.id, "competitor_id": self.rival_x.id, "price": -1}
            )
        self.assertIn("cannot be negative (Price)", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["client_specialist.competing.offer"].create(
                {"order_id": order.id, "competitor_id": self.client_b.id, "price": 1}
            )
        self.assertIn("Client of B is not marked as a competitor", str(caught.exception))

    def test_copy_of_a_lost_quotation_starts_clean(self):
        order = self._order(self.client_a, offers=[(self.rival_x, 90.0)])
        order._cs_mark_lost(self.reason_price, self.rival_x)
        copy = order.copy()
        self.assertFalse(copy.cs_lost_reason_id or copy.cs_winning_competitor_id or copy.cs_competing_offer_ids)
        self.assertEqual(copy.cs_outcome, "open")
