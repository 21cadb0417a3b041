# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase


class ContractCase(ClientSpecialistCase):
    """Clients in specialist A's and B's portfolios, a product, two-installment payment terms.

    Specialist A holds the category without a number, limited here to 10,000 untaxed and 5 %.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appoint(cls.spec_a, cls.category_none, cls.d("2024-01-15"))
        cls.category_none.write({"max_order_amount": 10000, "max_discount": 5})
        cls.currency = cls.company.currency_id
        cls.client_a = cls.env["res.partner"].create(
            {"name": "Client of A", "is_company": True, "user_id": cls.user_a.id}
        )
        cls.client_a_contact = cls.env["res.partner"].create(
            {"name": "Buyer at A's client", "parent_id": cls.client_a.id}
        )
        cls.client_b = cls.env["res.partner"].create(
            {"name": "Client of B", "is_company": True, "user_id": cls.user_b.id}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Office desk",
                "type": "consu",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.terms_30_70 = cls.env["account.payment.term"].create(
            {
                "name": "30 % now, 70 % in 30 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 70.0, "nb_days": 30}),
                ],
            }
        )

    def _order(self, user=None, partner=None, lines=((10, 100.0, 0.0),), **vals):
        """A quotation made by ``user`` (specialist A by default): lines are (qty, price, discount)."""
        user = user or self.user_a
        values = {
            "partner_id": (partner or self.client_a_contact).id,
            "user_id": user.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product.id,
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
        return self.env["sale.order"].with_user(user).create(values)

    def _obligations(self, order, **filters):
        domain = [("order_id", "=", order.id)] + [(key, "=", value) for key, value in filters.items()]
        return self.env["client_specialist.obligation"].search(domain, order="date_due, id")
