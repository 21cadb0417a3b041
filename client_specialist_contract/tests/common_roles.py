# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_contract import ContractCase


class RolesCase(ContractCase):
    """Everyone who may come near a contract: specialist A owns the portfolio, B is a colleague,
    C stands in for A during A's absence, the head of sales, a Sales user outside Client
    Relations and the client's portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy = new_test_user(
            cls.env, login="t_roles_deputy", name="Deputy C", groups="client_specialist.group_client_specialist"
        )
        cls.salesman = new_test_user(
            cls.env, login="t_roles_salesman", name="Plain Salesman", groups="sales_team.group_sale_salesman"
        )
        cls.portal = new_test_user(cls.env, login="t_roles_portal", name="Client Portal", groups="base.group_portal")
        cls.portal.partner_id.parent_id = cls.client_a
        today = fields.Date.today()
        cls.env["client_specialist.absence"].create(
            {
                "specialist_id": cls.spec_a.id,
                "deputy_id": cls.deputy.id,
                "date_from": fields.Date.subtract(today, days=1),
                "date_to": fields.Date.add(today, days=30),
            }
        )
        cls.roles = {
            "owner": cls.user_a,
            "colleague": cls.user_b,
            "deputy": cls.deputy,
            "head": cls.head,
            "salesman": cls.salesman,
            "portal": cls.portal,
        }

    @classmethod
    def _quotation(cls, user, partner, lines=((10, 100.0, 0.0),), **vals):
        """A quotation created as the administrator would, for ``user``: lines are (qty, price, discount)."""
        values = {
            "partner_id": partner.id,
            "user_id": user.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                        "discount": discount,
                        "tax_id": [Command.clear()],
                    }
                )
                for qty, price, discount in lines
            ],
        }
        values.update(vals)
        return cls.env["sale.order"].create(values)

    def _stored(self, records, names):
        """The stored values, as the database holds them."""
        self.env.invalidate_all()
        return records.sudo().read(names)

    def assertRefused(self, call, exception=AccessError, *texts):
        """``call`` is refused with a readable error that says ``texts``; nothing of it is kept."""
        with self.assertRaises(exception) as caught:
            call()
        message = str(caught.exception)
        self.assertTrue(message.strip(), "a refusal says why")
        for text in texts:
            self.assertIn(text, message)
        return message
