# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.addons.client_specialist_contract.tests.common_contract import ContractCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestDeliveryFollowsPickings(ContractCase):
    """Our delivery of an order follows its delivery orders: 10 desks due on 20 March."""

    def _confirmed(self, product=None, **vals):
        vals.setdefault("commitment_date", datetime(2026, 3, 20, 10, 0))
        order = self._order(**vals)
        if product:
            order.order_line.product_id = product
        order.with_user(self.user_a).action_confirm()
        return order

    def _deliver(self, picking, quantity):
        """Validate ``picking`` with ``quantity`` of its one product; the rest goes to a backorder."""
        picking.move_ids.write({"quantity": quantity, "picked": True})
        picking.with_context(skip_backorder=True).button_validate()
        self.assertEqual(picking.state, "done")
        return picking.backorder_ids

    def _return(self, picking, quantity):
        wizard = Form(self.env["stock.return.picking"].with_context(active_id=picking.id, active_model="stock.picking"))
        with wizard.product_return_moves.edit(0) as line:
            line.quantity = quantity
        returned = wizard.save()._create_return()
        self._deliver(returned, quantity)
        return returned

    def test_two_deliveries_done_late_and_partly(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self._confirmed()
            delivery = self._obligations(order, kind="delivery")
            picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertTrue(delivery.cs_follows_pickings)
        self.assertEqual(delivery.cs_picking_ids, picking)
        with self.assertRaisesRegex(UserError, "follows its delivery orders"):
            delivery.with_user(self.user_a).action_done()

        with freeze_time("2026-03-18 15:00:00"):
            backorder = self._deliver(picking, 4)
        self.assertEqual((delivery.state, delivery.date_done, delivery.cs_delivered_percent), ("open", False, 40.0))
        self.assertEqual(len(backorder), 1)
        # The warehouse plans the rest for the 25th: the client did not agree, the due date stands.
        backorder.scheduled_date = datetime(2026, 3, 25, 10, 0)
        self.assertEqual(delivery.date_due, date(2026, 3, 20))
        with freeze_time("2026-03-21 09:00:00"):
            self.env["client_specialist.obligation"]._cron_mark_overdue()
        self.assertEqual(delivery.state, "overdue")

        with freeze_time("2026-03-25 11:00:00"):
            self.assertFalse(self._deliver(backorder, 6))
        self.assertEqual((delivery.state, delivery.date_done), ("done", date(2026, 3, 25)))
        self.assertEqual(delivery.cs_delivered_percent, 100.0)
        self.assertFalse(delivery.is_on_time)
        self.assertEqual(
            (self.client_a.cs_company_on_time_rate, self.client_a.cs_company_obligations_measured), (0.0, 1)
        )
        with self.assertRaisesRegex(UserError, "follows its delivery orders"):
            delivery.with_user(self.user_a).action_reopen()

        # The client sends two desks back: the delivery is open again, 80 % delivered.
        with freeze_time("2026-03-27 09:00:00"):
            self._return(backorder, 2)
        self.assertEqual((delivery.state, delivery.date_done, delivery.cs_delivered_percent), ("overdue", False, 80.0))
        self.assertIn("Goods were returned", delivery.message_ids[0].body)

    def test_delivery_on_time_by_the_due_date(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self._confirmed()
        delivery = self._obligations(order, kind="delivery")
        with freeze_time("2026-03-19 09:00:00"):
            self._deliver(order.picking_ids, 10)
        self.assertEqual((delivery.state, delivery.date_done, delivery.is_on_time), ("done", date(2026, 3, 19), True))
        self.assertEqual(self.client_a.cs_company_on_time_rate, 100.0)

    def test_a_backorder_date_moves_the_due_date_only_with_the_clients_agreement(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self._confirmed()
        delivery = self._obligations(order, kind="delivery")
        with freeze_time("2026-03-18 15:00:00"):
            backorder = self._deliver(order.picking_ids, 4)
            backorder.scheduled_date = datetime(2026, 3, 25, 10, 0)
            action = delivery.with_user(self.user_a).action_cs_agree_due_date()
            wizard = Form(self.env[action["res_model"]].with_user(self.user_a).with_context(**action["context"]))
            self.assertEqual(wizard.date_due, date(2026, 3, 25))
            with self.assertRaises(AssertionError):
                wizard.save()  # the reason is required
            wizard.reason = "Buyer's letter of 18 March: the rest by the 25th"
            wizard.save().action_agree()
        self.assertEqual(delivery.date_due, date(2026, 3, 25))
        self.assertEqual(delivery.cs_agreed_date_due, date(2026, 3, 25))
        self.assertIn("The client agreed to a new due date", delivery.message_ids[0].body)
        self.env.cr.precommit.run()  # tracking values are written at commit
        tracked = delivery.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "date_due")
        self.assertTrue(tracked, "the move of the due date is tracked")
        # The agreed date stands when the order changes; a plain write of it is refused.
        order.commitment_date = datetime(2026, 3, 21, 10, 0)
        self.assertEqual(delivery.date_due, date(2026, 3, 25))
        with self.assertRaises(AccessError):
            delivery.with_user(self.user_a).write({"cs_agreed_date_due": "2026-04-01"})
        with freeze_time("2026-03-25 11:00:00"):
            self._deliver(backorder, 6)
        self.assertEqual((delivery.state, delivery.is_on_time), ("done", True))

    def test_a_late_delivery_moves_by_the_head_of_sales_only(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self._confirmed()
        delivery = self._obligations(order, kind="delivery")
        with freeze_time("2026-03-22 09:00:00"):
            with self.assertRaises(AccessError):
                delivery.with_user(self.user_a)._cs_agree_due_date("2026-03-30", "The buyer agreed by phone")
            with self.assertRaisesRegex(UserError, "how the client agreed"):
                delivery.with_user(self.head)._cs_agree_due_date("2026-03-30", " ")
            delivery.with_user(self.head)._cs_agree_due_date("2026-03-30", "The buyer agreed by phone")
        self.assertEqual((delivery.date_due, delivery.state), (date(2026, 3, 30), "open"))

    def test_services_are_marked_by_hand_as_before(self):
        service = self.env["product.product"].create(
            {"name": "Installation", "type": "service", "list_price": 100.0, "invoice_policy": "order"}
        )
        with freeze_time("2026-03-02 09:00:00"):
            order = self._confirmed(product=service)
            delivery = self._obligations(order, kind="delivery")
            self.assertFalse(order.picking_ids)
            self.assertFalse(delivery.cs_follows_pickings)
            delivery.with_user(self.user_a).action_done()
        self.assertEqual((delivery.state, delivery.date_done), ("done", date(2026, 3, 2)))

    def test_a_cancelled_order_leaves_the_delivery_cancelled(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self._confirmed()
            delivery = self._obligations(order, kind="delivery")
            order.with_user(self.user_a)._action_cancel()
        self.assertEqual(delivery.state, "cancelled")
        delivery.invalidate_recordset(["cs_follows_pickings"])
        self.assertFalse(delivery.cs_follows_pickings)
        self.assertEqual(order.picking_ids.mapped("state"), ["cancel"])
